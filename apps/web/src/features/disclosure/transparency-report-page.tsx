import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import { FileWordOutlined, SettingOutlined } from '@ant-design/icons';
import type { TransparencyReportView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useDownload } from '../../shared/use-download.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { MetricRecordsDrawer, type MetricDrill } from '../cockpit/metric-records-drawer.tsx';
import { fetchTransparencyReport, setReportDue, transparencyReportPath } from './disclosure-api.ts';

type Rate = { value: number | null; numerator: number; denominator: number };
const pct = (r: Rate) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`);
const outcomes = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const thisYear = new Date().getFullYear();
type ProactiveRow = { category: string; published: number; withdrawn: number; sum?: boolean };
const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

/** The county (or the township) sets the day the township's report is due. */
const DueDialog = ({ report, countyId, onClose, onSaved }: { report: TransparencyReportView; countyId: string | null; onClose: () => void; onSaved: () => void }) => {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ level: 'county' | 'township'; monthDay: string }>();
  const { saving, save } = useSaving();
  const submit = () => void form.validateFields().then((v) => save(async () => {
    const orgId = v.level === 'county' && countyId ? countyId : report.townshipId;
    await setReportDue({ orgId, monthDay: v.monthDay.trim() === '' ? null : v.monthDay.trim() });
    void message.success(t('disclosure.report.dueSaved'));
    onSaved();
  }));
  return (
    <Modal open title={t('disclosure.report.dueTitle')} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('disclosure.report.dueHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ level: countyId ? 'county' : 'township', monthDay: report.dueOn.slice(5) }}>
        <Form.Item name="level" label={t('disclosure.report.dueLevel')}>
          <Radio.Group options={[
            ...(countyId ? [{ value: 'county', label: t('disclosure.report.dueCounty') }] : []),
            { value: 'township', label: t('disclosure.report.dueTownship', { township: report.township }) },
          ]} />
        </Form.Item>
        <Form.Item name="monthDay" label={t('disclosure.report.dueDay')} rules={[{ pattern: /^\s*((0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?\s*$/, message: t('disclosure.report.dueFormat') }]}>
          <Input placeholder="01-31" maxLength={5} style={{ width: 120 }} data-testid="report-due-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

/**
 * 政府信息公开工作年度报告 (政府信息公开条例 第四十九、五十条) of a township for a year, as the
 * national format lays it out: the overview, proactive disclosure by category, the
 * applications table by applicant, reviews and lawsuits. Every number that one registered
 * figure counts opens its records; the Word file is the same report in the official layout.
 */
export const TransparencyReportPage = () => {
  const { t, label } = useLocale();
  const can = useCan();
  const me = useMe();
  const orgs = useOrgList();
  const townships = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'township'), [orgs.data]);
  const [year, setYear] = useState(thisYear - 1);
  const [townshipId, setTownshipId] = useState<string | undefined>(me.township?.id ?? undefined);
  const chosen = townshipId ?? townships[0]?.id;
  const report = useRemote(() => (chosen ? fetchTransparencyReport(year, chosen) : Promise.resolve(undefined)), `transparency:${year}:${chosen ?? ''}`);
  const [drill, setDrill] = useState<MetricDrill | null>(null);
  const [editDue, setEditDue] = useState(false);
  const { busy, download } = useDownload();
  const r = report.data;
  const countyId = r ? (orgs.data?.items.find((o) => o.id === r.townshipId)?.parentId ?? null) : null;

  const num = (n: number, code: string | null, title: string): ReactNode => (code && r && n > 0
    ? <a className="fz-num" onClick={() => setDrill({ code, module: 'disclosure', title, orgId: r.townshipId, scope: r.township })} data-testid={`report-drill-${code}`}>{n}</a>
    : <span className="fz-num">{n}</span>);

  const received = r?.applications[0]?.cells?.total ?? 0;
  const concluded = r?.applications.find((x) => x.label.startsWith('（七）'))?.cells?.total ?? 0;
  const forward = r?.applications.at(-1)?.cells?.total ?? 0;

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0, whiteSpace: 'normal' }}>{r ? t('disclosure.report.heading', { township: r.township, year }) : t('disclosure.report.title')}</Typography.Title>}
      extra={
        <Space wrap>
          {townships.length > 1 && (
            <Select<string> value={chosen} onChange={setTownshipId} style={{ width: 150 }} options={townships.map((o) => ({ value: o.id, label: o.name }))} data-testid="report-township" />
          )}
          <Select<number> value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: t('disclosure.report.year', { year: y }) }))} data-testid="report-year" />
          <Button icon={<FileWordOutlined />} disabled={!r} loading={busy === 'file'}
            onClick={() => r && void download('file', transparencyReportPath(year, r.townshipId), `${r.township}${year}年政府信息公开工作年度报告.docx`)} data-testid="report-download">
            {t('disclosure.report.download')}
          </Button>
        </Space>
      }
    >
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : (
        <Space direction="vertical" size={20} style={{ width: '100%' }}>
          {r && (
            <Typography.Text type="secondary" data-testid="report-due">
              {t('disclosure.report.due', { date: r.dueOn })}{t(`disclosure.report.dueSource.${r.dueSource}`)}
              {can('settings.manage') && <Button type="link" size="small" icon={<SettingOutlined />} onClick={() => setEditDue(true)}>{t('disclosure.report.dueSet')}</Button>}
            </Typography.Text>
          )}
          <section>
            <Typography.Title level={5}>{t('disclosure.report.s1')}</Typography.Title>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={r ? [
              { key: 'received', label: t('disclosure.report.received'), children: num(received, 'disclosure.received', t('disclosure.report.received')) },
              { key: 'concluded', label: t('disclosure.report.concluded'), children: num(concluded, 'disclosure.concluded', t('disclosure.report.concluded')) },
              { key: 'forward', label: t('disclosure.report.forward'), children: num(forward, 'disclosure.carriedForward', t('disclosure.report.forward')) },
              { key: 'onTime', label: t('disclosure.report.onTime'), children: t('disclosure.report.rate', { rate: pct(r.onTime), n: r.onTime.numerator, d: r.onTime.denominator }) },
              { key: 'extended', label: t('disclosure.report.extended'), children: num(r.extended, 'disclosure.extended', t('disclosure.report.extended')) },
            ] : []} />
          </section>
          <section>
            <Typography.Title level={5}>{t('disclosure.report.s2')}</Typography.Title>
            {r && <Typography.Paragraph>{t('disclosure.report.proactiveLine', { n: r.proactive.published, rate: pct(r.proactive.onTime), w: r.proactive.withdrawn })}</Typography.Paragraph>}
            <Table<ProactiveRow>
              size="small" bordered pagination={false} loading={report.loading} rowKey="category" data-testid="report-proactive" scroll={{ x: 400 }}
              dataSource={r ? [...r.proactive.rows, { category: t('disclosure.report.sum'), published: r.proactive.published, withdrawn: r.proactive.withdrawn, sum: true }] : []}
              columns={[
                { title: t('disclosure.report.category'), dataIndex: 'category' },
                { title: t('disclosure.report.published'), dataIndex: 'published', align: 'center', width: 110,
                  render: (n: number, x) => (x.sum ? num(n, r?.proactive.metrics.published ?? null, t('disclosure.report.published')) : n) },
                { title: t('disclosure.report.withdrawn'), dataIndex: 'withdrawn', align: 'center', width: 110,
                  render: (n: number, x) => (x.sum ? num(n, r?.proactive.metrics.withdrawn ?? null, t('disclosure.report.withdrawn')) : n) },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('disclosure.report.notRegistered')}</Typography.Paragraph>
          </section>
          <section>
            <Typography.Title level={5}>{t('disclosure.report.s3')}</Typography.Title>
            <Table
              size="small" bordered pagination={false} loading={report.loading} rowKey="label" scroll={{ x: 900 }} data-testid="report-applications"
              dataSource={r?.applications ?? []}
              columns={[
                { title: '', dataIndex: 'label', render: (v: string, x) => <span style={{ paddingLeft: x.level * 16, fontWeight: x.level === 0 ? 600 : 400 }}>{v}</span> },
                ...(r?.columns ?? []).map((c) => ({
                  title: label(c.label), key: c.key, align: 'center' as const, width: 96,
                  render: (_: unknown, x: TransparencyReportView['applications'][number]) => {
                    const n = x.cells?.[c.key];
                    if (n === undefined) return '';
                    return c.key === 'total' ? num(n, x.drill, x.label) : n;
                  },
                })),
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('disclosure.report.check')}</Typography.Paragraph>
          </section>
          <section>
            <Typography.Title level={5}>{t('disclosure.report.s4')}</Typography.Title>
            <Table
              size="small" bordered pagination={false} loading={report.loading} rowKey="kind" data-testid="report-remedies"
              dataSource={r?.remedies ?? []}
              columns={[
                { title: '', dataIndex: 'label', render: (l: { zh: string; en: string }) => label(l) },
                ...outcomes.map((o) => ({
                  title: t(`disclosure.report.outcome.${o}`), key: o, align: 'center' as const, width: 110,
                  render: (_: unknown, x: TransparencyReportView['remedies'][number]) => num(x.cells[o], x.metrics[o], `${label(x.label)} · ${t(`disclosure.report.outcome.${o}`)}`),
                })),
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('disclosure.report.remedyRule')}</Typography.Paragraph>
          </section>
        </Space>
      )}
      <MetricRecordsDrawer drill={drill} year={year} onClose={() => setDrill(null)} />
      {editDue && r && <DueDialog report={r} countyId={countyId} onClose={() => setEditDue(false)} onSaved={() => { setEditDue(false); report.reload(); }} />}
    </Card>
  );
};
