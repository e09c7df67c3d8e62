import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { decisionBodies, type CatalogueItem, type CatalogueItemBody, type CatalogueView } from '@fazhi/contracts';
import { useT as useLocaleT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { caseLink } from '../cases/case-columns.tsx';
import { StatusTag } from '../cases/status-tag.tsx';
import {
  addCatalogueItem, agreeCatalogue, createCatalogue, fetchCatalogue, fetchCatalogues, fetchDecisionSettings, fetchPartyMeetings, publishCatalogue, removeCatalogueItem, withdrawCatalogueItem,
} from './decisions-api.ts';

const statusKey: Record<CatalogueView['status'], MessageKey> = { draft: 'decisions.catalogue.status.draft', agreed: 'decisions.catalogue.status.agreed', published: 'decisions.catalogue.status.published' };
const statusColor: Record<CatalogueView['status'], string> = { draft: 'default', agreed: 'processing', published: 'success' };
const day = (d: Dayjs | undefined): string => (d ?? dayjs()).format('YYYY-MM-DD');

type ItemValues = Omit<CatalogueItemBody, 'on'> & { on?: Dayjs };
type Dialog = null | 'item' | 'agree' | 'publish' | { withdraw: CatalogueItem };

/**
 * 决策事项目录 (重大行政决策程序暂行条例 第三条第三款): the township's catalogue for a year — its
 * items with the decision started on each and its stage, drafted by the office, agreed by the
 * party committee (the day and its meeting record), published by the head, then amended only
 * with a dated reason (an item added or withdrawn).
 */
export const CataloguePanel = () => {
  const t = useLocaleT();
  const can = useCan();
  const me = useMe();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const reportError = useReportError();
  const list = useRemote(fetchCatalogues, 'decision-catalogues');
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<CatalogueView | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [newYear, setNewYear] = useState<number>(dayjs().year() + 1);
  const [form] = Form.useForm();
  const settings = useRemote(fetchDecisionSettings, 'decision-settings');
  const meetings = useRemote(async () => (dialog === 'agree' ? fetchPartyMeetings() : null), `party-meetings:${dialog === 'agree'}`);
  const catalogues = list.data?.items ?? [];
  const current = selected ?? catalogues[0]?.id ?? null;

  useEffect(() => {
    if (!current) { setView(null); return; }
    let live = true;
    fetchCatalogue(current).then((v) => { if (live) setView(v); }, reportError);
    return () => { live = false; };
  }, [current, reportError]);

  const run = async (work: () => Promise<CatalogueView | null>, done: MessageKey) => {
    setSaving(true);
    try {
      const next = await work();
      if (next) setView(next);
      void message.success(t(done));
      setDialog(null);
      list.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  const handle = can('decision.handle');
  const create = () => void run(async () => {
    const made = await createCatalogue({ townshipId: me.township?.id ?? '', year: newYear });
    setSelected(made.id);
    return made;
  }, 'decisions.catalogue.created');

  const submit = (v: Record<string, unknown>) => {
    if (!view) return;
    if (dialog === 'item') {
      const x = v as ItemValues;
      const body: CatalogueItemBody = { title: x.title.trim(), category: x.category, leadUnit: x.leadUnit.trim(), quarter: x.quarter, hearingPlanned: Boolean(x.hearingPlanned), body: x.body,
        ...(view.status === 'published' ? { on: day(x.on), reason: (x.reason ?? '').trim() } : {}) };
      void run(() => addCatalogueItem(view.id, body), 'decisions.catalogue.saved');
    } else if (dialog === 'agree') {
      const meetingId = typeof v.meetingId === 'string' ? v.meetingId : undefined;
      void run(() => agreeCatalogue(view.id, { on: day(v.on as Dayjs), ...(meetingId ? { meetingId } : {}) }), 'decisions.catalogue.saved');
    } else if (dialog === 'publish') {
      void run(() => publishCatalogue(view.id, { on: day(v.on as Dayjs), channels: String(v.channels).trim() }), 'decisions.catalogue.saved');
    } else if (dialog && typeof dialog === 'object') {
      void run(() => withdrawCatalogueItem(view.id, dialog.withdraw.id, { on: day(v.on as Dayjs), reason: String(v.reason).trim() }), 'decisions.catalogue.saved');
    }
  };

  const remove = (item: CatalogueItem) => void run(async () => {
    if (!view) return null;
    await removeCatalogueItem(view.id, item.id);
    return fetchCatalogue(view.id);
  }, 'decisions.catalogue.saved');

  const columns: TableColumnsType<CatalogueItem> = [
    { title: t('decisions.catalogue.col.seq'), dataIndex: 'seq', width: 56 },
    { title: t('decisions.catalogue.col.title'), dataIndex: 'title', render: (title: string, r) => (
      <Space orientation="vertical" size={2}>
        <Typography.Text delete={r.withdrawnOn !== null}>{title}</Typography.Text>
        <Typography.Text type="secondary">{r.category} · {r.leadUnit}</Typography.Text>
      </Space>
    ) },
    { title: t('decisions.catalogue.col.quarter'), dataIndex: 'quarter', width: 90, render: (q: number) => t('decisions.catalogue.quarter', { q }) },
    { title: t('decisions.catalogue.col.body'), dataIndex: 'body', width: 130, render: (b: string, r) => <Space orientation="vertical" size={2}><span>{b}</span>{r.hearingPlanned && <Tag>{t('decisions.catalogue.hearing')}</Tag>}</Space> },
    { title: t('decisions.catalogue.col.decision'), key: 'decision', width: 200, render: (_, r) => (r.decision ? (
      <Space orientation="vertical" size={2}>
        <Link to={caseLink(r.decision.id)} data-testid="catalogue-decision">{r.decision.ref}</Link>
        <StatusTag label={r.decision.statusLabel} kind="open" />
      </Space>
    ) : <span className="fz-muted">{t('decisions.catalogue.notStarted')}</span>) },
    { title: t('decisions.catalogue.col.amendment'), key: 'amend', width: 200, render: (_, r) => (
      <Space orientation="vertical" size={2}>
        {r.addedOn && <Typography.Text type="secondary">{t('decisions.catalogue.added', { date: r.addedOn, reason: r.addedReason ?? '' })}</Typography.Text>}
        {r.withdrawnOn && <Typography.Text type="warning">{t('decisions.catalogue.withdrawn', { date: r.withdrawnOn, reason: r.withdrawnReason ?? '' })}</Typography.Text>}
        {!r.addedOn && !r.withdrawnOn && <span className="fz-muted">—</span>}
      </Space>
    ) },
    ...(handle && view && view.status !== 'agreed' ? [{
      title: t('decisions.catalogue.col.actions'), key: 'actions', width: 96, render: (_: unknown, r: CatalogueItem) => (view.status === 'draft'
        ? <Popconfirm title={t('decisions.catalogue.removeConfirm')} onConfirm={() => remove(r)}><Button size="small" danger>{t('decisions.catalogue.remove')}</Button></Popconfirm>
        : r.withdrawnOn === null && !r.decision?.decided ? <Button size="small" onClick={() => { form.resetFields(); setDialog({ withdraw: r }); }}>{t('decisions.catalogue.withdraw')}</Button> : null),
    }] : []),
  ];

  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  const dialogTitle: MessageKey | null = dialog === 'item' ? (view?.status === 'published' ? 'decisions.catalogue.amendTitle' : 'decisions.catalogue.addTitle')
    : dialog === 'agree' ? 'decisions.catalogue.agreeTitle' : dialog === 'publish' ? 'decisions.catalogue.publishTitle' : dialog ? 'decisions.catalogue.withdrawTitle' : null;
  const heldMeetings = (meetings.data?.items ?? []).filter((m) => m.status === 'held' || m.status === 'filed');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="decision-catalogue">
      <Alert type="info" showIcon title={t('decisions.catalogue.note')} />
      <Space wrap>
        <Select<string> style={{ minWidth: 200 }} value={current ?? undefined} placeholder={t('decisions.catalogue.none')} onChange={setSelected} data-testid="catalogue-year"
          options={catalogues.map((c) => ({ value: c.id, label: `${c.year} · ${c.township} · ${t(statusKey[c.status])}` }))} />
        {handle && (
          <Space.Compact>
            <InputNumber<number> min={2000} max={2100} value={newYear} onChange={(v) => setNewYear(v ?? dayjs().year())} style={{ width: 96 }} aria-label={t('decisions.catalogue.year')} />
            <Button icon={<PlusOutlined />} onClick={create} loading={saving} data-testid="catalogue-create">{t('decisions.catalogue.create')}</Button>
          </Space.Compact>
        )}
      </Space>
      {!view ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.catalogue.empty')} /> : (
        <>
          <Descriptions size="small" bordered column={phone ? 1 : 3} items={[
            { key: 's', label: t('decisions.catalogue.statusLabel'), children: <Tag color={statusColor[view.status]} data-testid="catalogue-status">{t(statusKey[view.status])}</Tag> },
            { key: 'a', label: t('decisions.catalogue.agreedOn'), children: view.agreedOn ? (
              <Space wrap size={4}><span>{view.agreedOn}</span>{view.agreedMeeting && <Link to={caseLink(view.agreedMeeting.id)}>{view.agreedMeeting.title}</Link>}</Space>) : '—' },
            { key: 'p', label: t('decisions.catalogue.publishedOn'), children: view.publishedOn ? `${view.publishedOn}${view.channels ? `（${view.channels}）` : ''}` : '—' },
            { key: 'n', label: t('decisions.catalogue.counts'), span: phone ? 1 : 3, children: t('decisions.catalogue.countsText', { items: view.items, started: view.started, decided: view.decided }) },
          ]} />
          <Space wrap>
            {handle && view.status !== 'agreed' && (
              <Button type={view.status === 'draft' ? 'default' : 'primary'} icon={<PlusOutlined />} onClick={() => { form.resetFields(); setDialog('item'); }} data-testid="catalogue-add">
                {t(view.status === 'published' ? 'decisions.catalogue.amend' : 'decisions.catalogue.add')}
              </Button>
            )}
            {handle && view.status === 'draft' && <Button type="primary" onClick={() => { form.resetFields(); setDialog('agree'); }} data-testid="catalogue-agree">{t('decisions.catalogue.agree')}</Button>}
            {can('decision.approve') && view.status === 'agreed' && <Button type="primary" onClick={() => { form.resetFields(); setDialog('publish'); }} data-testid="catalogue-publish">{t('decisions.catalogue.publish')}</Button>}
          </Space>
          {phone ? (
            // A phone: each item as a card — the matter, when and where it is decided, its decision, its amendment.
            <List<CatalogueItem> dataSource={view.itemList} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.catalogue.noItems')} /> }}
              renderItem={(r) => (
                <List.Item key={r.id}>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <Typography.Text strong delete={r.withdrawnOn !== null}>{r.seq}. {r.title}</Typography.Text>
                    <Typography.Text type="secondary">{r.category} · {r.leadUnit} · {t('decisions.catalogue.quarter', { q: r.quarter })} · {r.body}</Typography.Text>
                    {columns.slice(4).map((c) => <div key={String(c.key)}>{c.render?.(undefined, r, 0) as ReactNode}</div>)}
                  </Space>
                </List.Item>
              )} />
          ) : (
            <Table<CatalogueItem> rowKey="id" size="middle" columns={columns} dataSource={view.itemList} pagination={false} scroll={{ x: 900 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.catalogue.noItems')} /> }} />
          )}
        </>
      )}
      <Modal open={dialog !== null} title={dialogTitle ? t(dialogTitle) : ''} onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form form={form} layout="vertical" name="catalogue-dialog" onFinish={submit} preserve={false}
          initialValues={{ on: dayjs(), quarter: 1, hearingPlanned: false, body: '镇政府常务会议' }}>
          {dialog === 'item' && (
            <>
              <Form.Item name="title" label={t('decisions.catalogue.col.title')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.catalogue.col.title') }) }]}><Input maxLength={200} /></Form.Item>
              <Form.Item name="category" label={t('decisions.new.category')} rules={[{ required: true, message: t('decisions.new.required', { label: t('decisions.new.category') }) }]}>
                <Select options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
              </Form.Item>
              <Form.Item name="leadUnit" label={t('decisions.catalogue.leadUnit')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.catalogue.leadUnit') }) }]}><Input maxLength={100} /></Form.Item>
              <Space wrap>
                <Form.Item name="quarter" label={t('decisions.catalogue.col.quarter')}><Select style={{ width: 120 }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('decisions.catalogue.quarter', { q }) }))} /></Form.Item>
                <Form.Item name="body" label={t('decisions.catalogue.col.body')}><Select style={{ width: 180 }} options={decisionBodies.map((b) => ({ value: b, label: b }))} /></Form.Item>
                <Form.Item name="hearingPlanned" label={t('decisions.catalogue.hearing')} valuePropName="checked"><Switch /></Form.Item>
              </Space>
            </>
          )}
          {dialog === 'agree' && (
            <Form.Item name="meetingId" label={t('decisions.catalogue.meeting')} extra={t('decisions.catalogue.meetingHint')}>
              <Select allowClear loading={meetings.loading} options={heldMeetings.map((m) => ({ value: m.id, label: `${m.ref} ${m.title}` }))} />
            </Form.Item>
          )}
          {dialog === 'publish' && (
            <Form.Item name="channels" label={t('decisions.catalogue.channels')} initialValue={t('decisions.catalogue.channelsDefault')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.catalogue.channels') }) }]}>
              <Input maxLength={500} />
            </Form.Item>
          )}
          {dialog !== null && !(dialog === 'item' && view?.status !== 'published') && (
            <Form.Item name="on" label={t('decisions.catalogue.on')} rules={[{ required: true, message: t('decisions.new.required', { label: t('decisions.catalogue.on') }) }]}>
              <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          )}
          {((dialog === 'item' && view?.status === 'published') || (dialog !== null && typeof dialog === 'object')) && (
            <Form.Item name="reason" label={t('decisions.catalogue.reason')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.catalogue.reason') }) }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
};
