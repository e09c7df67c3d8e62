import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { AimOutlined, AudioOutlined } from '@ant-design/icons';
import { gridCategories } from '@fazhi/contracts';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { newIdempotencyKey } from '../mediation/validators.ts';
import { uploadAttachment } from '../cases/cases-api.ts';
import { currentPosition, fetchMyGrids, reportGridEvent, shrinkPhoto } from './grid-api.ts';
import { PhotoPicker } from './photo-picker.tsx';
import './grid.css';

type Values = { gridId?: string; category: string; description: string; address?: string; solved: boolean; result?: string };
type Position = { lat: number; lng: number };

/**
 * 上报事件 on a grid worker's phone: category, what was found, where (the phone's position,
 * WGS-84, and the place in words), a photo from the camera, a voice note if he likes, and —
 * when he settled it there and
 * then — 就地办结 with what was done. The event is registered first, then the photo is attached
 * to it (the attachments module); the page then opens the event.
 */
export const GridReportPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const mine = useRemote(fetchMyGrids, 'grid-mine');
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<{ file: File; url: string } | null>(null);
  const [voice, setVoice] = useState<File | null>(null);
  const voiceInput = useRef<HTMLInputElement>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const solved = Form.useWatch('solved', form);
  const grids = mine.data?.items ?? [];

  const locate = async () => {
    setLocating(true);
    const p = await currentPosition();
    setLocating(false);
    setPosition(p);
    if (!p) void message.warning(t('grid.report.noPosition'));
  };
  const onPhoto = (file: File) => {
    if (photo) URL.revokeObjectURL(photo.url);
    setPhoto({ file, url: URL.createObjectURL(file) });
  };

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const created = await reportGridEvent({
        ...(v.gridId ? { gridId: v.gridId } : {}), category: v.category, description: v.description.trim(),
        ...(position ? { position } : {}), ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        ...(v.solved && v.result?.trim() ? { solvedOnSpot: v.result.trim() } : {}),
      }, key.current);
      if (photo) {
        const blob = await shrinkPhoto(photo.file).catch(() => photo.file);
        await uploadAttachment(created.id, new File([blob], `现场照片.${blob.type === 'image/jpeg' ? 'jpg' : (photo.file.name.split('.').pop() ?? 'jpg')}`, { type: blob.type }));
      }
      // The voice note as the phone recorded it (m4a, amr, mp3: the attachments module checks its bytes).
      if (voice) await uploadAttachment(created.id, new File([voice], `语音备注.${voice.name.split('.').pop() ?? 'm4a'}`, { type: voice.type }));
      void message.success(t('grid.report.done', { ref: created.ref }));
      void navigate(`/console/cases/${created.id}`);
    } catch (e) {
      setFailure(errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="fz-grid-page fz-grid-report">
      <Form<Values> form={form} layout="vertical" size="large" name="grid-report" initialValues={{ solved: false }} scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}>
        <Card title={t('grid.report.title')}>
          {grids.length > 1 && (
            <Form.Item name="gridId" label={t('grid.report.grid')} rules={[{ required: true, message: t('grid.report.gridRequired') }]}>
              <Select options={grids.map((g) => ({ value: g.id, label: `${g.villageName} · ${g.name}` }))} />
            </Form.Item>
          )}
          {grids.length === 1 && <Typography.Paragraph type="secondary">{t('grid.report.in', { grid: `${grids[0]?.villageName ?? ''} · ${grids[0]?.name ?? ''}` })}</Typography.Paragraph>}
          <Form.Item name="category" label={t('grid.report.category')} rules={[{ required: true, message: t('grid.report.categoryRequired') }]}>
            <Select options={gridCategories.map((c) => ({ value: c, label: c }))} data-testid="grid-category" />
          </Form.Item>
          <Form.Item name="description" label={t('grid.report.description')} rules={[{ required: true, whitespace: true, message: t('grid.report.descriptionRequired') }, { min: 2, message: t('grid.report.descriptionRequired') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('grid.report.descriptionPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('grid.report.position')}>
            <Space wrap>
              <Button icon={<AimOutlined />} loading={locating} onClick={() => void locate()} data-testid="grid-locate">{t('grid.report.locate')}</Button>
              <Typography.Text type={position ? undefined : 'secondary'} data-testid="grid-position">
                {position ? t('grid.report.positionAt', { lat: position.lat.toFixed(6), lng: position.lng.toFixed(6) }) : t('grid.report.positionNone')}
              </Typography.Text>
            </Space>
          </Form.Item>
          <Form.Item name="address" label={t('grid.report.address')}>
            <Input maxLength={200} placeholder={t('grid.report.addressPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('grid.report.photo')} extra={t('grid.report.photoHelp')}>
            <PhotoPicker photo={photo} testId="grid-photo" onPick={onPhoto} />
          </Form.Item>
          <Form.Item label={t('grid.report.voice')} extra={t('grid.report.voiceHelp')}>
            <Space wrap>
              <Button size="large" icon={<AudioOutlined />} onClick={() => voiceInput.current?.click()}>{t(voice ? 'grid.report.voiceAgain' : 'grid.report.voiceRecord')}</Button>
              {voice && <Typography.Text>{voice.name}</Typography.Text>}
            </Space>
            <input ref={voiceInput} type="file" accept="audio/*" capture style={{ display: 'none' }} data-testid="grid-voice"
              onChange={(e) => { setVoice(e.target.files?.[0] ?? null); e.target.value = ''; }} />
          </Form.Item>
        </Card>
        <Card>
          <Form.Item name="solved" label={t('grid.report.solved')} valuePropName="checked" extra={t('grid.report.solvedHelp')}>
            <Switch data-testid="grid-solved" />
          </Form.Item>
          {solved && (
            <Form.Item name="result" label={t('grid.report.result')} rules={[{ required: true, whitespace: true, message: t('grid.report.resultRequired') }, { min: 2, message: t('grid.report.resultRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('grid.report.resultPlaceholder')} />
            </Form.Item>
          )}
        </Card>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
        <div className="fz-grid-bar">
          <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="grid-submit">{t('grid.report.submit')}</Button>
        </div>
      </Form>
    </div>
  );
};
