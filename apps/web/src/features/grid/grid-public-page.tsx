import { useRef, useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { AimOutlined, PhoneOutlined } from '@ant-design/icons';
import { gridCategories, type PublicGridReportCreated } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { mobileOrLandline, newIdempotencyKey } from '../mediation/validators.ts';
import { useApplyPortal } from '../portal-apply/apply-api.ts';
import { ApplyResult } from '../portal-apply/apply-result.tsx';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import { blobToDataUrl, currentPosition, fetchPublicGridMembers, shrinkPhoto, submitGridReport } from './grid-api.ts';
import '../portal-apply/apply.css';
import { PhotoPicker } from './photo-picker.tsx';
import './grid.css';
import { ConsentItem, SubmitBar } from '../portal-apply/apply-form-parts.tsx';

type Values = { villageId?: string; category: string; description: string; address?: string; name?: string; phone?: string; consent: boolean };

/**
 * 随手拍 on the portal: a photo, the phone's position (or the village picked), what it is; no
 * sign-in, contact optional. The citizen leaves with a tracking number and query code. Below,
 * the chosen village's grid workers as the township publishes them (name, official or masked
 * phone, duties).
 */
export const GridPublicPage = () => {
  const t = useT();
  const portal = useApplyPortal();
  const members = useRemote(fetchPublicGridMembers, 'grid-public-members');
  const [form] = Form.useForm<Values>();
  const key = useRef(newIdempotencyKey());
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [photo, setPhoto] = useState<{ file: File; url: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<PublicGridReportCreated | null>(null);

  const locate = async () => {
    setLocating(true);
    setPosition(await currentPosition());
    setLocating(false);
  };
  const onFinish = async (v: Values) => {
    if (!position && !v.villageId) { setFailure(t('grid.public.placeRequired')); return; }
    setSubmitting(true);
    setFailure(null);
    try {
      const photoUrl = photo ? await blobToDataUrl(await shrinkPhoto(photo.file, 1280, 0.75)) : undefined;
      setSubmitted(await submitGridReport({
        ...(v.villageId ? { villageId: v.villageId } : {}), ...(position ? { position } : {}), category: v.category, description: v.description.trim(),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}), ...(photoUrl ? { photo: photoUrl } : {}),
        ...(v.name?.trim() && v.phone?.trim() ? { reporter: { name: v.name.trim(), phone: v.phone.trim() } } : {}), consent: true,
      }, key.current));
      window.scrollTo({ top: 0 });
    } catch (e) {
      setFailure(errorToString(t, e));
    } finally {
      setSubmitting(false);
    }
  };
  // The people of the village chosen (the whole town's list is long on a phone).
  const villageId = Form.useWatch('villageId', form);
  const villageName = portal.data?.villageList.find((v) => v.id === villageId)?.name;
  const byGrid = (members.data?.items ?? []).filter((m) => m.villageName === villageName);

  return (
    <PortalShell title={t('grid.public.title')} sub={portal.data?.township.name ?? t('app.shortName')}>
      {submitted ? <ApplyResult submitted={{ id: '', smsTo: null, ...submitted }} title={t('grid.public.done')} subtitle={t('grid.public.doneSub')} /> : (
        <Form<Values> form={form} layout="vertical" size="large" name="grid-public" scrollToFirstError={{ block: 'center' }} onFinish={(v) => void onFinish(v)}>
          <Card className="fz-apply__card">
            <Typography.Paragraph className="fz-apply__intro">{t('grid.public.intro')}</Typography.Paragraph>
            <Form.Item label={t('grid.report.photo')} extra={t('grid.report.photoHelp')}>
              <PhotoPicker photo={photo} testId="grid-public-photo" onPick={(f) => setPhoto((old) => { if (old) URL.revokeObjectURL(old.url); return { file: f, url: URL.createObjectURL(f) }; })} />
            </Form.Item>
            <Form.Item name="category" label={t('grid.report.category')} rules={[{ required: true, message: t('grid.report.categoryRequired') }]}>
              <Select options={gridCategories.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="description" label={t('grid.report.description')} rules={[{ required: true, whitespace: true, message: t('grid.report.descriptionRequired') }, { min: 5, message: t('grid.report.descriptionRequired') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('grid.report.descriptionPlaceholder')} />
            </Form.Item>
            <Form.Item label={t('grid.report.position')}>
              <Space wrap>
                <Button icon={<AimOutlined />} loading={locating} onClick={() => void locate()}>{t('grid.report.locate')}</Button>
                <Typography.Text type={position ? undefined : 'secondary'}>
                  {position ? t('grid.report.positionAt', { lat: position.lat.toFixed(6), lng: position.lng.toFixed(6) }) : t('grid.report.positionNone')}
                </Typography.Text>
              </Space>
            </Form.Item>
            <Form.Item name="villageId" label={t('grid.public.village')} extra={t('grid.public.villageHelp')}>
              <Select allowClear options={(portal.data?.villageList ?? []).map((v) => ({ value: v.id, label: v.name }))} />
            </Form.Item>
            <Form.Item name="address" label={t('grid.report.address')}>
              <Input maxLength={200} placeholder={t('grid.report.addressPlaceholder')} />
            </Form.Item>
          </Card>
          <Card className="fz-apply__card" title={t('grid.public.you')}>
            <Typography.Paragraph type="secondary">{t('grid.public.youHelp')}</Typography.Paragraph>
            <Form.Item name="name" label={t('apply.name')}>
              <Input maxLength={32} autoComplete="name" />
            </Form.Item>
            <Form.Item name="phone" label={t('apply.phone')} rules={[{ pattern: mobileOrLandline, message: t('complaints.intake.phoneInvalid') }]}>
              <Input maxLength={13} inputMode="tel" autoComplete="tel" />
            </Form.Item>
            <ConsentItem label={t('grid.public.consent')} required={t('apply.consentRequired')} />
          </Card>
          <SubmitBar failure={failure} submitting={submitting} label={t('grid.public.submit')} />
          {(members.data?.items.length ?? 0) > 0 && (
            <Card className="fz-apply__card" title={villageName ? `${t('grid.public.members')} · ${villageName}` : t('grid.public.members')}>
              {byGrid.length === 0 && <Typography.Text type="secondary">{t('grid.public.membersPick')}</Typography.Text>}
              {byGrid.map((m) => (
                <div key={m.id} className="fz-grid-member">
                  <Tag color={m.role === '网格长' ? 'blue' : 'default'}>{m.role}</Tag>
                  <span className="fz-grid-member__name">{m.name}</span>
                  <Typography.Text type="secondary">{m.villageName} · {m.gridName}</Typography.Text>
                  {m.phone && <Typography.Text type="secondary"><PhoneOutlined /> {m.phone}</Typography.Text>}
                  <div style={{ width: '100%' }}>{m.duties.map((d) => <Tag key={d} bordered={false}>{d}</Tag>)}</div>
                </div>
              ))}
            </Card>
          )}
        </Form>
      )}
    </PortalShell>
  );
};
