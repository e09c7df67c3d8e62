import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { DisclosureRemedy } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useCan } from '../auth/session-context.tsx';
import type { CasePanelProps } from '../cases/case-extensions.ts';
import { addRemedy, fetchRemedies, recordRemedyResult } from './disclosure-api.ts';

const kinds = ['review', 'lawsuit', 'lawsuit_after_review'] as const;
const results = ['upheld', 'corrected', 'other'] as const;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

type Editing = { mode: 'add' } | { mode: 'result'; remedy: DisclosureRemedy };

/**
 * 行政复议、行政诉讼 on a disclosure request (政府信息公开条例 第五十一条): what the applicant
 * brought, where, and the outcome once decided. The yearly report's fourth table counts them.
 */
export const RemediesCard = ({ view, reload }: CasePanelProps) => {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const list = useRemote(() => fetchRemedies(view.id), `remedies:${view.id}:${view.version}`);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();
  const { saving, save } = useSaving();
  const handle = can('disclosure.handle');

  const submit = () => void form.validateFields().then((v: { kind?: (typeof kinds)[number]; authority?: string; filedOn?: Dayjs; result?: (typeof results)[number]; decidedOn?: Dayjs; note?: string }) => save(async () => {
    if (editing?.mode === 'add' && v.kind && v.authority && v.filedOn) {
      await addRemedy(view.id, { kind: v.kind, authority: v.authority, filedOn: day(v.filedOn), ...(v.note ? { note: v.note } : {}) });
    } else if (editing?.mode === 'result' && v.result && v.decidedOn) {
      await recordRemedyResult(view.id, editing.remedy.id, { result: v.result, decidedOn: day(v.decidedOn), ...(v.note ? { note: v.note } : {}) });
    }
    setEditing(null);
    void message.success(t('disclosure.remedy.saved'));
    list.reload();
    reload();
  }));
  const open = (e: Editing) => { form.resetFields(); setEditing(e); };

  return (
    <Card
      title={t('disclosure.remedy.title')} size="small" className="fz-case-card-block" data-testid="disclosure-remedies"
      extra={handle && <Button size="small" icon={<PlusOutlined />} onClick={() => open({ mode: 'add' })}>{t('disclosure.remedy.add')}</Button>}
    >
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <List<DisclosureRemedy>
          loading={list.loading} dataSource={list.data?.items ?? []} size="small"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('disclosure.remedy.none')} /> }}
          renderItem={(r) => (
            <List.Item actions={handle && r.result === null ? [<a key="result" onClick={() => open({ mode: 'result', remedy: r })}>{t('disclosure.remedy.recordResult')}</a>] : []}>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <Typography.Text strong>{t(`disclosure.remedy.kind.${r.kind}`)}</Typography.Text>
                  {r.result ? <Tag color={r.result === 'corrected' ? 'orange' : 'green'}>{t(`disclosure.remedy.result.${r.result}`)}</Tag> : <Tag>{t('disclosure.remedy.pending')}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {t('disclosure.remedy.line', { authority: r.authority, filedOn: r.filedOn })}{r.decidedOn ? t('disclosure.remedy.decidedLine', { decidedOn: r.decidedOn }) : ''}
                </Typography.Text>
                {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <FormDrawer
        title={editing?.mode === 'result' ? t('disclosure.remedy.recordResult') : t('disclosure.remedy.add')}
        open={editing !== null} submitting={saving} onClose={() => setEditing(null)} onSubmit={submit}
      >
        <Form form={form} layout="vertical" requiredMark>
          {editing?.mode === 'add' ? (
            <>
              <Typography.Paragraph type="secondary">{t('disclosure.remedy.basis')}</Typography.Paragraph>
              <Form.Item name="kind" label={t('disclosure.remedy.kindLabel')} rules={[{ required: true, message: t('disclosure.remedy.required') }]}>
                <Select options={kinds.map((k) => ({ value: k, label: t(`disclosure.remedy.kind.${k}`) }))} data-testid="remedy-kind" />
              </Form.Item>
              <Form.Item name="authority" label={t('disclosure.remedy.authority')} rules={[{ required: true, whitespace: true, max: 100, message: t('disclosure.remedy.required') }]}>
                <Input placeholder={t('disclosure.remedy.authorityHint')} maxLength={100} />
              </Form.Item>
              <Form.Item name="filedOn" label={t('disclosure.remedy.filedOn')} rules={[{ required: true, message: t('disclosure.remedy.required') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="result" label={t('disclosure.remedy.resultLabel')} rules={[{ required: true, message: t('disclosure.remedy.required') }]}>
                <Select options={results.map((k) => ({ value: k, label: t(`disclosure.remedy.result.${k}`) }))} />
              </Form.Item>
              <Form.Item name="decidedOn" label={t('disclosure.remedy.decidedOn')} rules={[{ required: true, message: t('disclosure.remedy.required') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('disclosure.remedy.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </Card>
  );
};
