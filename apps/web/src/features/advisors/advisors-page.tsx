import { useState } from 'react';
import {
  Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Table, Tabs, Tag, Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { advisorServiceKinds, legalReviewKinds, type AdvisorQueueItem, type AdvisorServiceKind, type AdvisorServiceView, type LegalAdvisorView } from '@fazhi/contracts';
import { useLocale, useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { caseLink } from '../cases/case-columns.tsx';
import {
  appointAdvisor, changeAdvisor, fetchAdvisors, fetchCandidates, fetchQueue, fetchServices, logService, submitReview, type QueueView,
} from './advisors-api.ts';

const views: QueueView[] = ['unaccepted', 'mine', 'overdue', 'toResolve', 'open'];

/** The working days left to the opinion's due day, coloured as the case lists colour them. */
const TimeLeft = ({ item }: { item: AdvisorQueueItem }) => {
  const t = useT();
  if (item.daysLeft === null) return <Typography.Text type="secondary">{t('advisors.noClock')}</Typography.Text>;
  if (item.daysLeft < 0) return <Tag color="error">{t('advisors.daysOver', { n: -item.daysLeft })}</Tag>;
  if (item.daysLeft === 0) return <Tag color="warning">{t('advisors.dueToday')}</Tag>;
  return <Tag color={item.daysLeft <= 1 ? 'warning' : 'success'}>{t('advisors.daysLeft', { n: item.daysLeft })}</Tag>;
};

type NewValues = { category: string; title: string; documentName: string; matter: string; counterparty?: string; amount?: number };

/** 审查事项: the queue (an advisor's: not yet accepted, his own, overdue; the office's and a village's: their scope) and the way to ask for a review. */
const QueuePane = () => {
  const { t, label } = useLocale();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const advisor = can('advisor.review');
  const [view, setView] = useState<QueueView>(advisor ? 'unaccepted' : 'open');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [adding, setAdding] = useState(false);
  const { saving, save } = useSaving();
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('category', form);
  const list = useRemote(() => fetchQueue(view, paging.page, paging.pageSize), `advisor-queue:${view}:${paging.page}:${paging.pageSize}`);

  const submit = (v: NewValues) => void save(async () => {
    const data = {
      documentName: v.documentName.trim(), matter: v.matter.trim(),
      ...(v.counterparty?.trim() ? { counterparty: v.counterparty.trim() } : {}), ...(typeof v.amount === 'number' ? { amount: v.amount } : {}),
    };
    const created = await submitReview({ type: 'legal_review', orgId: me.user.orgId, title: v.title.trim(), category: v.category, data });
    void message.success(t('advisors.new.done', { ref: created.ref }));
    setAdding(false);
    void navigate(caseLink(created.id));
  });
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('advisors.required', { label: t(key) }) }];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('advisors.queue.note')} />
      {/* Five views: on a phone the row scrolls sideways instead of widening the page. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'center' }}>
        <div style={{ overflowX: 'auto', maxWidth: '100%', minWidth: 0 }}>
          <Segmented<QueueView> value={view} onChange={(v) => { setView(v); setPaging(firstPage); }} data-testid="advisor-views"
            options={views.map((v) => ({ value: v, label: `${t(v === 'mine' && !advisor ? 'advisors.view.mine.requester' : `advisors.view.${v}`)}${list.data ? ` ${list.data.counts[v]}` : ''}` }))} />
        </div>
        {can('advisor.request') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="advisor-new">{t('advisors.new')}</Button>}
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<AdvisorQueueItem> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 1100 }}
          locale={{ emptyText: t('advisors.queue.empty') }} pagination={tablePagination(t, paging, list.data?.total, setPaging)}
          columns={[
            { title: t('advisors.col.ref'), dataIndex: 'ref', width: 150, render: (ref: string, r) => <Link to={caseLink(r.id)} className="fz-nowrap">{ref}</Link> },
            { title: t('advisors.col.title'), dataIndex: 'title', width: 240, render: (v: string, r) => <Link to={caseLink(r.id)}>{v}</Link> },
            { title: t('advisors.col.kind'), dataIndex: 'kind', width: 110, render: (v: string | null) => (v ? <Tag>{v}</Tag> : null) },
            { title: t('advisors.col.org'), dataIndex: 'orgName', width: 130 },
            { title: t('advisors.col.status'), dataIndex: 'statusLabel', width: 170, render: (v: AdvisorQueueItem['statusLabel']) => label(v) },
            { title: t('advisors.col.advisor'), dataIndex: 'advisorName', width: 150,
              render: (v: string | null, r) => (v ? <>{v}{r.routed && <Tag style={{ marginInlineStart: 4 }}>{t('advisors.routed')}</Tag>}</> : '—') },
            { title: t('advisors.col.timeLeft'), key: 'left', width: 150, render: (_: unknown, r) => <TimeLeft item={r} /> },
          ]} />
      )}
      <Modal open={adding} title={t('advisors.new')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form<NewValues> form={form} layout="vertical" name="advisor-new" onFinish={submit}>
          <Form.Item name="category" label={t('advisors.new.kind')} rules={required('advisors.new.kind')}>
            <Select options={legalReviewKinds.map((k) => ({ value: k, label: k }))} data-testid="advisor-kind" />
          </Form.Item>
          <Form.Item name="title" label={t('advisors.new.title')} rules={required('advisors.new.title')}><Input maxLength={200} placeholder={t('advisors.new.titleHint')} /></Form.Item>
          <Form.Item name="documentName" label={t('advisors.new.document')} rules={required('advisors.new.document')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="matter" label={t('advisors.new.matter')} rules={required('advisors.new.matter')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
          {kind === '合同' && (
            <>
              <Form.Item name="counterparty" label={t('advisors.new.counterparty')}><Input maxLength={200} /></Form.Item>
              <Form.Item name="amount" label={t('advisors.new.amount')}><InputNumber min={0} max={10000000} precision={2} style={{ width: '100%' }} /></Form.Item>
            </>
          )}
          <Typography.Text type="secondary">{t('advisors.new.attachHint')}</Typography.Text>
        </Form>
      </Modal>
    </Space>
  );
};

type ServiceValues = { orgId: string; servedOn: Dayjs; kind: AdvisorServiceKind; hours: number; summary: string };

/** 服务台账: the year's services with the hours totalled by advisor and by org served; an advisor logs his own. */
const ServicesPane = () => {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [paging, setPaging] = useState<PageState>({ page: 1, pageSize: 20 });
  const [adding, setAdding] = useState(false);
  const { saving, save } = useSaving();
  const [form] = Form.useForm<ServiceValues>();
  const list = useRemote(() => fetchServices(year, paging.page, paging.pageSize), `advisor-services:${year}:${paging.page}:${paging.pageSize}`);
  const advisors = useRemote(() => fetchAdvisors(), 'advisor-orgs');
  const orgs = [...new Map((advisors.data?.items ?? []).map((a) => [a.orgId, a.orgName])).entries()];
  const totals = list.data?.totals;

  const submit = (v: ServiceValues) => void save(async () => {
    await logService({ orgId: v.orgId, servedOn: v.servedOn.format('YYYY-MM-DD'), kind: v.kind, hours: v.hours, summary: v.summary.trim() });
    void message.success(t('advisors.services.done'));
    setAdding(false);
    list.reload();
  });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Select value={year} onChange={(y) => { setYear(y); setPaging({ page: 1, pageSize: 20 }); }} style={{ width: 110 }} aria-label={t('advisors.services.year')}
            options={Array.from({ length: Math.max(1, dayjs().year() - 2022) }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y}` }))} />
          {totals && <Typography.Text strong data-testid="advisor-hours">{t('advisors.services.total', { entries: totals.entries, hours: totals.hours })}</Typography.Text>}
        </Space>
        {can('advisor.review') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="advisor-service-new">{t('advisors.services.add')}</Button>}
      </Space>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <>
          {totals && totals.entries > 0 && (
            <Space wrap align="start" size={12} style={{ width: '100%' }}>
              {([['advisors.services.byAdvisor', totals.byAdvisor.map((a) => ({ key: a.advisorId, name: a.name, entries: a.entries, hours: a.hours }))],
                ['advisors.services.byOrg', totals.byOrg.map((o) => ({ key: o.orgId, name: o.name, entries: o.entries, hours: o.hours }))]] as const).map(([title, rows]) => (
                <Card key={title} size="small" title={t(title)} style={{ minWidth: 280 }}>
                  <Table rowKey="key" size="small" pagination={false} dataSource={rows} scroll={{ y: 240 }}
                    columns={[{ title: '', dataIndex: 'name' }, { title: t('advisors.services.entries'), dataIndex: 'entries', width: 70, align: 'right' },
                      { title: t('advisors.services.hours'), dataIndex: 'hours', width: 70, align: 'right' }]} />
                </Card>
              ))}
            </Space>
          )}
          <Table<AdvisorServiceView> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 820 }}
            locale={{ emptyText: t('advisors.services.empty') }} pagination={tablePagination(t, paging, list.data?.total, setPaging)}
            columns={[
              { title: t('advisors.services.date'), dataIndex: 'servedOn', width: 110 },
              { title: t('advisors.services.org'), dataIndex: 'orgName', width: 120 },
              { title: t('advisors.services.kind'), dataIndex: 'kind', width: 120, render: (v: string) => <Tag>{v}</Tag> },
              { title: t('advisors.services.summary'), dataIndex: 'summary',
                render: (v: string, r) => (r.caseId && r.caseRef ? <>{v} <Link to={caseLink(r.caseId)}>{r.caseRef}</Link></> : v) },
              { title: t('advisors.services.advisor'), dataIndex: 'advisorName', width: 140 },
              { title: t('advisors.services.hours'), dataIndex: 'hours', width: 70, align: 'right' },
            ]} />
        </>
      )}
      <Modal open={adding} title={t('advisors.services.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form<ServiceValues> form={form} layout="vertical" name="advisor-service" initialValues={{ servedOn: dayjs(), kind: '法律咨询', hours: 1 }} onFinish={submit}>
          <Form.Item name="orgId" label={t('advisors.services.org')} rules={[{ required: true, message: t('advisors.required', { label: t('advisors.services.org') }) }]}>
            <Select showSearch optionFilterProp="label" options={orgs.map(([id, name]) => ({ value: id, label: name }))} data-testid="advisor-service-org" />
          </Form.Item>
          <Form.Item name="servedOn" label={t('advisors.services.date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="kind" label={t('advisors.services.kind')} rules={[{ required: true }]}>
            <Select options={advisorServiceKinds.filter((k) => !k.endsWith('审查')).map((k) => ({ value: k, label: k }))} />
          </Form.Item>
          <Form.Item name="hours" label={t('advisors.services.hours')} extra={t('advisors.services.hoursHint')} rules={[{ required: true }]}>
            <InputNumber min={0.1} max={24} step={0.5} precision={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="summary" label={t('advisors.services.summary')} rules={[{ required: true, whitespace: true, message: t('advisors.required', { label: t('advisors.services.summary') }) }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};

type AdvisorValues = { orgId: string; userId?: string; name: string; firm?: string; phone?: string; fromOn: Dayjs };

/** 村（社区）法律顾问: each village with its current advisor (一村一法律顾问), the appointments, and for the township office the way to name and end them. */
const AdvisorsPane = () => {
  const t = useT();
  const { message } = App.useApp();
  const list = useRemote(() => fetchAdvisors(), 'advisor-advisors');
  const candidates = useRemote(() => fetchCandidates(), 'advisor-candidates');
  const [adding, setAdding] = useState(false);
  const { saving, save } = useSaving();
  const [form] = Form.useForm<AdvisorValues>();
  const data = list.data;
  const covered = data?.villages.filter((v) => v.advisor !== null).length ?? 0;

  const submit = (v: AdvisorValues) => void save(async () => {
    await appointAdvisor({ orgId: v.orgId, name: v.name.trim(), fromOn: v.fromOn.format('YYYY-MM-DD'),
      ...(v.userId ? { userId: v.userId } : {}), ...(v.firm?.trim() ? { firm: v.firm.trim() } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) });
    void message.success(t('advisors.advisors.done'));
    setAdding(false);
    list.reload();
  });
  const end = (a: LegalAdvisorView) => void save(async () => {
    await changeAdvisor(a.id, { untilOn: dayjs().format('YYYY-MM-DD') });
    void message.success(t('advisors.advisors.done'));
    list.reload();
  });
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const orgOptions = [...new Map((data?.items ?? []).filter((a) => a.orgKind === 'township').map((a) => [a.orgId, a.orgName])).entries()].map(([value, label]) => ({ value, label }))
    .concat((data?.villages ?? []).map((v) => ({ value: v.orgId, label: v.orgName })));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="advisor-coverage">{t('advisors.advisors.coverage', { covered, total: data?.villages.length ?? 0 })}</Typography.Text>
        {data?.canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }}>{t('advisors.advisors.add')}</Button>}
      </Space>
      <Table<LegalAdvisorView> rowKey="id" size="middle" loading={list.loading} dataSource={data?.items ?? []} scroll={{ x: 920 }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('advisors.advisors.village'), dataIndex: 'orgName', width: 100, fixed: 'left' },
          { title: t('advisors.advisors.name'), dataIndex: 'name', width: 110 },
          { title: t('advisors.advisors.firm'), dataIndex: 'firm', width: 220 },
          { title: t('advisors.advisors.phone'), dataIndex: 'phone', width: 140 },
          { title: t('advisors.advisors.from'), dataIndex: 'fromOn', width: 110 },
          { title: t('advisors.advisors.until'), key: 'until', width: 140,
            render: (_: unknown, a) => (a.current ? <Tag color="success">{a.untilOn ?? t('advisors.advisors.current')}</Tag> : <Tag>{a.untilOn ?? t('advisors.advisors.ended')}</Tag>) },
          ...(data?.canManage ? [{ title: '', key: 'act', width: 100, render: (_: unknown, a: LegalAdvisorView) => (a.current && !a.untilOn ? (
            <Popconfirm title={t('advisors.advisors.endConfirm')} onConfirm={() => end(a)}><Button size="small">{t('advisors.advisors.end')}</Button></Popconfirm>) : null) }] : []),
        ]} />
      {(data?.villages ?? []).some((v) => v.advisor === null) && (
        <Alert type="warning" showIcon title={(data?.villages ?? []).filter((v) => v.advisor === null).map((v) => v.orgName).join('、')} description={t('advisors.advisors.none')} />
      )}
      <Modal open={adding} title={t('advisors.advisors.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form<AdvisorValues> form={form} layout="vertical" name="advisor-advisor" initialValues={{ fromOn: dayjs() }} onFinish={submit}>
          <Form.Item name="orgId" label={t('advisors.advisors.village')} rules={[{ required: true, message: t('advisors.required', { label: t('advisors.advisors.village') }) }]}>
            <Select showSearch optionFilterProp="label" options={orgOptions} />
          </Form.Item>
          <Form.Item name="userId" label={t('advisors.advisors.account')} extra={t('advisors.advisors.accountHint')}>
            <Select allowClear options={(candidates.data?.items ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
              onChange={(id?: string) => { const c = candidates.data?.items.find((x) => x.userId === id); if (c && !form.getFieldValue('name')) form.setFieldValue('name', c.displayName.replace(/^法律顾问\s*/u, '')); }} />
          </Form.Item>
          <Form.Item name="name" label={t('advisors.advisors.name')} rules={[{ required: true, whitespace: true, message: t('advisors.required', { label: t('advisors.advisors.name') }) }]}><Input maxLength={32} /></Form.Item>
          <Form.Item name="firm" label={t('advisors.advisors.firm')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="phone" label={t('advisors.advisors.phone')} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('advisors.required', { label: t('advisors.advisors.phone') }) }]}><Input maxLength={20} /></Form.Item>
          <Form.Item name="fromOn" label={t('advisors.advisors.from')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};

/** 法律顾问: the review queue, the service log with hours, and the villages' advisors. */
export const AdvisorsPage = () => {
  const t = useT();
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>{t('advisors.title')}</Typography.Title>}>
      <Tabs destroyOnHidden items={[
        { key: 'queue', label: t('advisors.tab.queue'), children: <QueuePane /> },
        { key: 'services', label: t('advisors.tab.services'), children: <ServicesPane /> },
        { key: 'advisors', label: t('advisors.tab.advisors'), children: <AdvisorsPane /> },
      ]} />
    </Card>
  );
};
