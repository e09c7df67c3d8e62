import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { caseLink } from '../cases/case-columns.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { callMeeting, fetchMeetings } from './governance-api.ts';

type Values = { title: string; category: string; calledOn: Dayjs; topics?: string };


/**
 * 会议与学法: the rule-of-law leadership group's meetings, the collective bodies' meetings, the
 * leaders' law study and 述法, each registered when called and, on its case page, recorded
 * when held (attendance checked against the quorum) and closed with its signed minutes.
 */
export const MeetingsPage = () => {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const types = useCaseTypes();
  const [category, setCategory] = useState('');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [adding, setAdding] = useState(false);
  const { saving, save } = useSaving();
  const [form] = Form.useForm<Values>();
  const list = useRemote(() => fetchMeetings(category, paging.page, paging.pageSize), `meetings:${category}:${paging.page}:${paging.pageSize}`);
  const meeting = types.data?.items.filter((x) => x.code === 'meeting');
  const kinds = meeting?.[0]?.categories ?? [];

  const submit = (v: Values) => void save(async () => {
    const topics = v.topics?.trim();
    const created = await callMeeting({ type: 'meeting', orgId: me.user.orgId, title: v.title.trim(), category: v.category, receivedOn: v.calledOn.format('YYYY-MM-DD'), ...(topics ? { data: { topics } } : {}) });
    void message.success(t('meetings.new.done', { ref: created.ref }));
    setAdding(false);
    void navigate(caseLink(created.id));
  });

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>{t('meetings.title')}</Typography.Title>}
      extra={can('governance.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="meeting-new">{t('meetings.new')}</Button>}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('meetings.note')} />
        {/* Seven kinds: on a phone the row scrolls sideways instead of widening the page. */}
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented<string> value={category} onChange={(v) => { setCategory(v); setPaging(firstPage); }}
            options={[{ value: '', label: t('common.all') }, ...kinds.map((k) => ({ value: k, label: k }))]} />
        </div>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
          <CaseTable data={list.data} loading={list.loading} types={meeting} paging={paging} onPage={setPaging} emptyText={t('meetings.empty')} />
        )}
      </Space>
      <Modal open={adding} title={t('meetings.new')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" name="meeting-new" initialValues={{ calledOn: dayjs() }} onFinish={submit}>
          <Form.Item name="category" label={t('meetings.kind')} rules={[{ required: true, message: t('meetings.required', { label: t('meetings.kind') }) }]}>
            <Select options={kinds.map((c) => ({ value: c, label: c }))} data-testid="meeting-kind" />
          </Form.Item>
          <Form.Item name="title" label={t('meetings.name')} rules={[{ required: true, whitespace: true, message: t('meetings.required', { label: t('meetings.name') }) }]}>
            <Input maxLength={200} placeholder={t('meetings.nameHint')} />
          </Form.Item>
          <Form.Item name="calledOn" label={t('meetings.calledOn')} rules={[{ required: true, message: t('meetings.required', { label: t('meetings.calledOn') }) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
          </Form.Item>
          <Form.Item name="topics" label={t('meetings.topics')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
