import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { leadershipPlaces, MONEY_PATTERN, type BudgetItem, type LeadershipMember, type LeadershipPlace, type PlanTaskRow } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useOrgList } from '../orgs/orgs-api.ts';
import { caseLink } from '../cases/case-columns.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchMeetings } from './governance-api.ts';
import {
  addMember, addSpending, createPlan, createTask, endMember, fetchBudget, fetchPlan, fetchPlans, fetchRoster, saveBudget, saveGroup,
} from './leadership-api.ts';

const today = (): string => dayjs().format('YYYY-MM-DD');
const day = (d: Dayjs): string => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs): boolean => d.isAfter(dayjs(), 'day');
const years = (): number[] => Array.from({ length: 8 }, (_, i) => dayjs().year() - i);

/** An exact decimal string as money: thousands grouped, two places; no float on the way. */
export const formatYuan = (v: string | null): string => {
  if (v === null) return '—';
  const negative = v.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? v.slice(1) : v).split('.');
  return `${negative ? '-' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0').slice(0, 2)}`;
};

/** The township's offices and villages, for a member's unit, the group's office and a task's owner. */
const useUnits = (townshipId: string | undefined) => {
  const orgs = useOrgList();
  return useMemo(() => (orgs.data?.items ?? [])
    .filter((o) => townshipId && (o.id === townshipId || (o.townshipId === townshipId && (o.kind === 'office' || o.kind === 'village'))))
    .map((o) => ({ value: o.id, label: o.name })), [orgs.data, townshipId]);
};

/**
 * A tab's load failure. A village or an office whose grants lie below the township reads its
 * own tasks, not the township's group, plan and budget (they lie at the township): it is told
 * where its tasks are instead of being shown an error.
 */
const TabError = ({ error, onRetry }: { error: unknown; onRetry: () => void }) => {
  const t = useT();
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return <Empty description={<>{t('leadership.outOfReach')} <Link to="/console/tasks">{t('menu.tasks')}</Link></>} />;
  }
  return <LoadError error={error} onRetry={onRetry} />;
};

/**
 * 领导小组与实施方案 (seed 一, 二(一)): the rule-of-law leadership group's roster with its history,
 * the year's implementation plan with its tasks under supervision (each task opens on the one
 * case page, where it is reported, supervised, extended and closed), and the budget line.
 */
export const LeadershipPage = () => {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'roster';
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>{t('leadership.title')}</Typography.Title>}>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} destroyOnHidden items={[
        { key: 'roster', label: t('leadership.tab.roster'), children: <RosterTab /> },
        { key: 'plan', label: t('leadership.tab.plan'), children: <PlanTab /> },
        { key: 'budget', label: t('leadership.tab.budget'), children: <BudgetTab /> },
      ]} />
    </Card>
  );
};

type MemberValues = { place: LeadershipPlace; name: string; post: string; unitOrgId?: string; phone?: string; fromOn: Dayjs };

const RosterTab = () => {
  const t = useT();
  const { message } = App.useApp();
  const [on, setOn] = useState(today());
  const [history, setHistory] = useState(false);
  const roster = useRemote(() => fetchRoster(on, history), `roster:${on}:${history}`);
  const units = useUnits(roster.data?.townshipId);
  const { saving, save } = useSaving();
  const [dialog, setDialog] = useState<'group' | 'member' | LeadershipMember | null>(null);
  const [groupForm] = Form.useForm<{ name: string; officeOrgId?: string }>();
  const [memberForm] = Form.useForm<MemberValues>();
  const [endForm] = Form.useForm<{ untilOn: Dayjs }>();
  const r = roster.data;
  const required = (label: string) => [{ required: true, whitespace: true, message: t('leadership.required', { label }) }];

  const done = () => { void message.success(t('leadership.saved')); setDialog(null); roster.reload(); };
  const submitGroup = (v: { name: string; officeOrgId?: string }) => void save(async () => {
    if (!r) return;
    await saveGroup({ townshipId: r.townshipId, name: v.name.trim(), officeOrgId: v.officeOrgId ?? null });
    done();
  });
  const submitMember = (v: MemberValues) => void save(async () => {
    if (!r) return;
    const phone = v.phone?.trim();
    await addMember({ townshipId: r.townshipId, place: v.place, name: v.name.trim(), post: v.post.trim(), unitOrgId: v.unitOrgId ?? null, ...(phone ? { phone } : {}), fromOn: day(v.fromOn) });
    done();
  });
  const submitEnd = (v: { untilOn: Dayjs }) => void save(async () => {
    if (dialog && typeof dialog === 'object') await endMember(dialog.id, { untilOn: day(v.untilOn) });
    done();
  });

  if (roster.error) return <TabError error={roster.error} onRetry={roster.reload} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('leadership.roster.note')} />
      <Space wrap>
        <span>{t('leadership.roster.on')}</span>
        <DatePicker value={dayjs(on)} onChange={(d) => d && setOn(day(d))} allowClear={false} disabled={history} data-testid="roster-on" />
        <Space><Switch checked={history} onChange={setHistory} />{t('leadership.roster.history')}</Space>
        {r?.canEdit && <Button onClick={() => { groupForm.setFieldsValue({ name: r.name, officeOrgId: r.officeOrgId ?? undefined }); setDialog('group'); }}>{t('leadership.roster.editGroup')}</Button>}
        {r?.canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => { memberForm.resetFields(); setDialog('member'); }} data-testid="member-new">{t('leadership.roster.add')}</Button>}
      </Space>
      {r && (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
          { key: 'name', label: t('leadership.roster.groupName'), children: r.name },
          { key: 'office', label: t('leadership.roster.office'), children: r.officeName ?? t('leadership.roster.officeNone') },
        ]} />
      )}
      <Table<LeadershipMember> rowKey="id" size="small" loading={roster.loading} dataSource={r?.members ?? []} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('leadership.roster.empty') }}
        columns={[
          { title: t('leadership.col.place'), dataIndex: 'place', render: (p: string) => <Tag color={p === '组长' ? 'red' : p === '副组长' ? 'orange' : p === '办公室主任' ? 'blue' : undefined}>{p}</Tag> },
          { title: t('leadership.col.name'), dataIndex: 'name' },
          { title: t('leadership.col.post'), dataIndex: 'post' },
          { title: t('leadership.col.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
          { title: t('leadership.col.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          { title: t('leadership.col.term'), key: 'term', render: (_, m) => (m.untilOn ? t('leadership.term.closed', { from: m.fromOn, until: m.untilOn }) : t('leadership.term.open', { from: m.fromOn })) },
          ...(r?.canEdit ? [{ title: t('leadership.col.actions'), key: 'actions', render: (_: unknown, m: LeadershipMember) => !m.untilOn && (
            <Button size="small" onClick={() => { endForm.setFieldsValue({ untilOn: dayjs() }); setDialog(m); }}>{t('leadership.roster.end')}</Button>) }] : []),
        ]} />
      <Modal open={dialog === 'group'} title={t('leadership.roster.editGroup')} onCancel={() => setDialog(null)} onOk={() => groupForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form form={groupForm} layout="vertical" onFinish={submitGroup}>
          <Form.Item name="name" label={t('leadership.roster.groupName')} rules={required(t('leadership.roster.groupName'))}><Input maxLength={100} /></Form.Item>
          <Form.Item name="officeOrgId" label={t('leadership.roster.office')}><Select allowClear options={units} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'member'} title={t('leadership.roster.add')} onCancel={() => setDialog(null)} onOk={() => memberForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<MemberValues> form={memberForm} layout="vertical" name="member-new" initialValues={{ place: '成员', fromOn: dayjs() }} onFinish={submitMember}>
          <Form.Item name="place" label={t('leadership.col.place')} rules={[{ required: true }]}><Select options={leadershipPlaces.map((p) => ({ value: p, label: p }))} /></Form.Item>
          <Form.Item name="name" label={t('leadership.col.name')} rules={required(t('leadership.col.name'))}><Input maxLength={32} /></Form.Item>
          <Form.Item name="post" label={t('leadership.col.post')} rules={required(t('leadership.col.post'))}><Input maxLength={64} /></Form.Item>
          <Form.Item name="unitOrgId" label={t('leadership.col.unit')}><Select allowClear showSearch optionFilterProp="label" options={units} /></Form.Item>
          <Form.Item name="phone" label={t('leadership.col.phone')} extra={t('leadership.member.phoneHint')}><Input maxLength={13} /></Form.Item>
          <Form.Item name="fromOn" label={t('leadership.member.fromOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog !== null && typeof dialog === 'object'} title={t('leadership.roster.end')} onCancel={() => setDialog(null)} onOk={() => endForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form form={endForm} layout="vertical" onFinish={submitEnd}>
          <Form.Item name="untilOn" label={t('leadership.roster.endOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};

type PlanValues = { title: string; docNo?: string; adoptedOn: Dayjs; meetingCaseId?: string };
type TaskValues = { title: string; category: string; orgId: string; owner: string; dueOn: Dayjs; measures?: string };

const TimeLeft = ({ task }: { task: PlanTaskRow }) => {
  const t = useT();
  if (task.onTime !== null) return <Tag color={task.onTime ? 'green' : 'red'}>{t(task.onTime ? 'leadership.task.doneOnTime' : 'leadership.task.doneLate')}</Tag>;
  if (task.daysLeft === null) return <>—</>;
  if (task.daysLeft < 0) return <Tag color="red">{t('leadership.task.overdue', { n: String(-task.daysLeft) })}</Tag>;
  if (task.daysLeft === 0) return <Tag color="orange">{t('leadership.task.dueToday')}</Tag>;
  return <Tag color={task.daysLeft <= 7 ? 'orange' : undefined}>{t('leadership.task.daysLeft', { n: String(task.daysLeft) })}</Tag>;
};

const PlanTab = () => {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(undefined);
  const plans = useRemote(() => fetchPlans(year), `plans:${year ?? ''}`);
  // Without a year chosen: the latest plan's year.
  const shownYear = year ?? plans.data?.items[0]?.year ?? dayjs().year();
  const items = (plans.data?.items ?? []).filter((p) => p.year === shownYear);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const planId = items.find((p) => p.id === chosen)?.id ?? items[0]?.id;
  const detail = useRemote(() => (planId ? fetchPlan(planId) : Promise.resolve(undefined)), `plan:${planId ?? ''}`);
  const types = useCaseTypes();
  const categories = types.data?.items.find((x) => x.code === 'plan_task')?.categories ?? [];
  const units = useUnits(plans.data?.townshipId).filter((u) => u.value !== plans.data?.townshipId);
  const meetings = useRemote(() => fetchMeetings('法治建设领导小组会议', 1, 50), 'leadership-meetings');
  const { saving, save } = useSaving();
  const [dialog, setDialog] = useState<'plan' | 'task' | null>(null);
  const [planForm] = Form.useForm<PlanValues>();
  const [taskForm] = Form.useForm<TaskValues>();
  const required = (label: string) => [{ required: true, whitespace: true, message: t('leadership.required', { label }) }];
  const canEdit = plans.data?.canEdit ?? false;
  const plan = detail.data?.plan;

  const submitPlan = (v: PlanValues) => void save(async () => {
    if (!plans.data) return;
    const docNo = v.docNo?.trim();
    const created = await createPlan({ townshipId: plans.data.townshipId, year: shownYear, title: v.title.trim(), adoptedOn: day(v.adoptedOn), ...(docNo ? { docNo } : {}), meetingCaseId: v.meetingCaseId ?? null });
    void message.success(t('leadership.saved'));
    setDialog(null);
    setChosen(created.id);
    plans.reload();
  });
  const submitTask = (v: TaskValues) => void save(async () => {
    if (!planId) return;
    const measures = v.measures?.trim();
    const created = await createTask({ type: 'plan_task', orgId: v.orgId, title: v.title.trim(), category: v.category,
      data: { planId, dueOn: day(v.dueOn), owner: v.owner.trim(), ...(measures ? { measures } : {}) } });
    void message.success(t('leadership.task.created', { ref: created.ref }));
    setDialog(null);
    detail.reload();
    plans.reload();
  });

  if (plans.error) return <TabError error={plans.error} onRetry={plans.reload} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('leadership.plan.note')} />
      <Space wrap>
        <span>{t('leadership.plan.year')}</span>
        <Select value={shownYear} style={{ width: 110 }} onChange={(y) => { setYear(y); setChosen(undefined); }} options={years().map((y) => ({ value: y, label: String(y) }))} data-testid="plan-year" />
        {items.length > 1 && <Select value={planId} style={{ minWidth: 240 }} onChange={setChosen} options={items.map((p) => ({ value: p.id, label: p.title }))} />}
        {canEdit && <Button onClick={() => { planForm.resetFields(); setDialog('plan'); }}>{t('leadership.plan.new')}</Button>}
        {canEdit && planId && <Button type="primary" icon={<PlusOutlined />} onClick={() => { taskForm.resetFields(); setDialog('task'); }} data-testid="task-new">{t('leadership.plan.addTask')}</Button>}
      </Space>
      {!plans.loading && items.length === 0 && <Empty description={t('leadership.plan.none')} />}
      {plan && (
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} items={[
          { key: 'title', label: t('leadership.plan.title'), children: plan.title, span: 'filled' },
          { key: 'docNo', label: t('leadership.plan.docNo'), children: plan.docNo ?? '—' },
          { key: 'adoptedOn', label: t('leadership.plan.adoptedOn'), children: plan.adoptedOn },
          { key: 'meeting', label: t('leadership.plan.meeting'), children: plan.meetingCaseId ? <Link to={caseLink(plan.meetingCaseId)}>{plan.meetingRef}</Link> : '—' },
          { key: 'summary', label: t('leadership.tab.plan'), children: t('leadership.plan.summary', { tasks: String(plan.tasks), completed: String(plan.completed), overdue: String(plan.overdue), supervisions: String(plan.supervisions) }) },
        ]} />
      )}
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : planId && (
        <Table<PlanTaskRow> rowKey="id" size="small" loading={detail.loading} dataSource={detail.data?.tasks ?? []} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('leadership.task.empty') }} data-testid="plan-tasks"
          columns={[
            // A set width: on a phone the title wraps and the other columns scroll into view.
            { title: t('leadership.task.title'), key: 'title', width: 240, render: (_, k) => <Space direction="vertical" size={0}><Link to={caseLink(k.id)}>{k.title}</Link><Typography.Text type="secondary" style={{ fontSize: 12 }}>{k.ref}</Typography.Text></Space> },
            { title: t('leadership.task.unit'), key: 'unit', width: 160, render: (_, k) => <>{k.ownerOrgName}<br /><Typography.Text type="secondary">{k.owner}</Typography.Text></> },
            { title: t('leadership.task.dueOn'), key: 'due', render: (_, k) => <>{k.dueOn ?? '—'}{k.extended && <Tag style={{ marginInlineStart: 4 }}>{t('leadership.task.extended')}</Tag>}</> },
            { title: t('leadership.task.timeLeft'), key: 'left', render: (_, k) => <TimeLeft task={k} /> },
            { title: t('leadership.task.supervisions'), key: 'sup', render: (_, k) => <>{k.supervisions}{k.awaitingReply && <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('leadership.task.awaitingReply')}</Tag>}</> },
            { title: t('leadership.task.status'), dataIndex: 'statusLabel' },
          ]} />
      )}
      <Modal open={dialog === 'plan'} title={t('leadership.plan.new')} onCancel={() => setDialog(null)} onOk={() => planForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<PlanValues> form={planForm} layout="vertical" initialValues={{ adoptedOn: dayjs() }} onFinish={submitPlan}>
          <Form.Item name="title" label={t('leadership.plan.title')} rules={required(t('leadership.plan.title'))}><Input maxLength={200} /></Form.Item>
          <Form.Item name="docNo" label={t('leadership.plan.docNo')}><Input maxLength={64} /></Form.Item>
          <Form.Item name="adoptedOn" label={t('leadership.plan.adoptedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={notFuture} /></Form.Item>
          <Form.Item name="meetingCaseId" label={t('leadership.plan.meeting')}>
            <Select allowClear options={(meetings.data?.items ?? []).filter((m) => m.status !== 'cancelled').map((m) => ({ value: m.id, label: `${m.ref} ${m.title}` }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'task'} title={t('leadership.plan.addTask')} onCancel={() => setDialog(null)} onOk={() => taskForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<TaskValues> form={taskForm} layout="vertical" name="task-new" onFinish={submitTask}>
          <Form.Item name="title" label={t('leadership.task.title')} rules={required(t('leadership.task.title'))}><Input maxLength={200} /></Form.Item>
          <Form.Item name="category" label={t('leadership.task.category')} rules={[{ required: true, message: t('leadership.required', { label: t('leadership.task.category') }) }]}>
            <Select options={categories.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="orgId" label={t('leadership.task.unit')} rules={[{ required: true, message: t('leadership.required', { label: t('leadership.task.unit') }) }]}>
            <Select showSearch optionFilterProp="label" options={units} />
          </Form.Item>
          <Form.Item name="owner" label={t('leadership.task.owner')} rules={required(t('leadership.task.owner'))}><Input maxLength={32} /></Form.Item>
          <Form.Item name="dueOn" label={t('leadership.task.dueOn')} rules={[{ required: true, message: t('leadership.required', { label: t('leadership.task.dueOn') }) }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => !d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="measures" label={t('leadership.task.measures')}><Input.TextArea rows={3} maxLength={5000} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};

type BudgetValues = { amount: string; note?: string };
type ItemValues = { spentOn: Dayjs; amount: string; purpose: string };

const BudgetTab = () => {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const budget = useRemote(() => fetchBudget(year), `budget:${year}`);
  const { saving, save } = useSaving();
  const [dialog, setDialog] = useState<'budget' | 'item' | null>(null);
  const [budgetForm] = Form.useForm<BudgetValues>();
  const [itemForm] = Form.useForm<ItemValues>();
  const b = budget.data;
  const money = [{ required: true, message: t('leadership.required', { label: t('leadership.budget.amount') }) },
    { pattern: new RegExp(MONEY_PATTERN), message: t('leadership.budget.amountInvalid') }];
  const done = () => { void message.success(t('leadership.saved')); setDialog(null); budget.reload(); };

  const submitBudget = (v: BudgetValues) => void save(async () => {
    if (!b) return;
    const note = v.note?.trim();
    await saveBudget({ townshipId: b.townshipId, year, amount: v.amount.trim(), ...(note ? { note } : {}) });
    done();
  });
  const submitItem = (v: ItemValues) => void save(async () => {
    if (!b) return;
    await addSpending({ townshipId: b.townshipId, spentOn: day(v.spentOn), amount: v.amount.trim(), purpose: v.purpose.trim() });
    done();
  });

  if (budget.error) return <TabError error={budget.error} onRetry={budget.reload} />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('leadership.budget.note')} />
      <Space wrap>
        <span>{t('leadership.plan.year')}</span>
        <Select value={year} style={{ width: 110 }} onChange={setYear} options={years().map((y) => ({ value: y, label: String(y) }))} data-testid="budget-year" />
        {b?.canEdit && <Button onClick={() => { budgetForm.setFieldsValue({ amount: b.budgeted ?? '', note: b.note ?? '' }); setDialog('budget'); }}>{t('leadership.budget.set')}</Button>}
        {b?.canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => { itemForm.resetFields(); setDialog('item'); }} data-testid="spend-new">{t('leadership.budget.addItem')}</Button>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}><Card size="small"><Statistic title={t('leadership.budget.budgeted')} value={b?.budgeted ? formatYuan(b.budgeted) : t('leadership.budget.none')} loading={budget.loading} /></Card></Col>
        <Col xs={24} sm={8}><Card size="small"><Statistic title={t('leadership.budget.spent')} value={formatYuan(b?.spent ?? '0.00')} loading={budget.loading} data-testid="budget-spent" /></Card></Col>
        <Col xs={24} sm={8}><Card size="small"><Statistic title={t('leadership.budget.remaining')} value={formatYuan(b?.remaining ?? null)} loading={budget.loading} /></Card></Col>
      </Row>
      {b?.note && <Typography.Text type="secondary">{b.note}</Typography.Text>}
      <Table<BudgetItem> rowKey="id" size="small" loading={budget.loading} dataSource={b?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('leadership.budget.empty') }} data-testid="budget-items"
        columns={[
          { title: t('leadership.budget.spentOn'), dataIndex: 'spentOn' },
          { title: t('leadership.budget.purpose'), dataIndex: 'purpose' },
          { title: t('leadership.budget.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => formatYuan(v) },
          { title: t('leadership.budget.case'), key: 'case', render: (_, i) => (i.caseId ? <Link to={caseLink(i.caseId)}>{i.caseRef}</Link> : '—') },
        ]} />
      <Modal open={dialog === 'budget'} title={t('leadership.budget.set')} onCancel={() => setDialog(null)} onOk={() => budgetForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<BudgetValues> form={budgetForm} layout="vertical" onFinish={submitBudget}>
          <Form.Item name="amount" label={t('leadership.budget.amount')} rules={money}><Input inputMode="decimal" placeholder={t('leadership.budget.amountHint')} maxLength={13} /></Form.Item>
          <Form.Item name="note" label={t('leadership.budget.note.label')}><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={dialog === 'item'} title={t('leadership.budget.addItem')} onCancel={() => setDialog(null)} onOk={() => itemForm.submit()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<ItemValues> form={itemForm} layout="vertical" name="spend-new" initialValues={{ spentOn: dayjs() }} onFinish={submitItem}>
          <Form.Item name="spentOn" label={t('leadership.budget.spentOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={notFuture} /></Form.Item>
          <Form.Item name="amount" label={t('leadership.budget.amount')} rules={money}><Input inputMode="decimal" placeholder={t('leadership.budget.amountHint')} maxLength={13} /></Form.Item>
          <Form.Item name="purpose" label={t('leadership.budget.purpose')} rules={[{ required: true, whitespace: true, message: t('leadership.required', { label: t('leadership.budget.purpose') }) }]}><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
};
