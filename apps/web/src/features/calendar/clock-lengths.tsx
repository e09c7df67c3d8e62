import { useState } from 'react';
import { App, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ClockLengthView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useMe } from '../auth/session-context.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { useOrgList } from '../orgs/orgs-api.ts';
import { describeError } from '../../shared/describe-error.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { fetchAllClockLengths, saveClockLength } from './calendar-api.ts';

type Row = ClockLengthView & { typeLabel: { zh: string; en: string } };
const rowKey = (r: Pick<ClockLengthView, 'caseType' | 'clock' | 'category'>): string => `${r.caseType}:${r.clock}:${r.category ?? ''}`;
const unitKey = (unit: string): MessageKey => (unit === 'wd' ? 'calendar.clocks.wd' : 'calendar.clocks.cd');

/**
 * 期限设置: the clocks a township may set within their bounds (mediation's customary month,
 * 15–60 days), with the length in force, the declared default, the range and the basis. A new
 * length applies to clocks that start afterwards. Shown to holders of settings.manage; the
 * server checks it at the chosen township and refuses a length out of bounds.
 */
export const ClockLengths = () => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const me = useMe();
  const orgs = useOrgList();
  const types = useCaseTypes();
  const townships = (orgs.data?.items ?? []).filter((o) => o.kind === 'township');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const townshipId = chosen ?? me.township?.id ?? townships[0]?.id;
  const typeList = types.data?.items ?? [];
  // Every type's clocks in one request; the type's label from the case types already loaded.
  const clocks = useRemote(
    async (): Promise<ClockLengthView[] | undefined> => (townshipId ? (await fetchAllClockLengths(townshipId)).items : undefined),
    townshipId ?? '',
  );
  const typeLabelOf = (code: string) => typeList.find((x) => x.code === code)?.label ?? { zh: code, en: code };
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const [saved, setSaved] = useState<Record<string, ClockLengthView>>({});
  const [failed, setFailed] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const rows: Row[] = (clocks.data ?? []).map((r) => ({ ...r, ...saved[rowKey(r)], typeLabel: typeLabelOf(r.caseType) }));

  const save = (r: Row) => {
    const k = rowKey(r);
    const length = drafts[k] ?? r.length;
    if (!townshipId) return;
    setSaving(k);
    saveClockLength(r.caseType, r.clock, { townshipId, length, ...(r.category ? { category: r.category } : {}) })
      .then((view) => {
        setSaved((s) => ({ ...s, [k]: view }));
        setDrafts((d) => ({ ...d, [k]: null }));
        setFailed((f) => ({ ...f, [k]: '' }));
        void message.success(t('calendar.clocks.saved', { name: label(view.label), length: t(unitKey(view.unit), { n: view.length }) }));
      }, (error: unknown) => {
        setFailed((f) => ({ ...f, [k]: describeError(t, error).message }));
        reportError(error);
      })
      .finally(() => setSaving(null));
  };

  const columns: TableColumnsType<Row> = [
    { title: t('calendar.clocks.col.type'), key: 'type', width: 110, render: (_, r) => label(r.typeLabel) },
    { title: t('calendar.clocks.col.clock'), key: 'clock', width: 120, render: (_, r) => <><strong>{label(r.label)}</strong>{r.category && <Tag className="fz-clock-category">{r.category}</Tag>}</> },
    {
      title: t('calendar.clocks.col.length'), key: 'length', width: 110,
      render: (_, r) => (
        <Space size={4} className="fz-nowrap">
          <span data-testid={`clock-length-${r.clock}${r.category ? `-${r.category}` : ''}`}>{t(unitKey(r.unit), { n: r.length })}</span>
          {r.length !== r.declared && <Tag color="blue">{t('calendar.clocks.local')}</Tag>}
        </Space>
      ),
    },
    { title: t('calendar.clocks.col.declared'), key: 'declared', width: 90, render: (_, r) => t(unitKey(r.unit), { n: r.declared }) },
    { title: t('calendar.clocks.col.range'), key: 'range', width: 110, render: (_, r) => t('calendar.clocks.range', { min: r.min, max: r.max, unit: t(unitKey(r.unit), { n: '' }).trim() }) },
    { title: t('calendar.clocks.col.basis'), dataIndex: 'basis', render: (b: string) => <span className="fz-small">{b}</span> },
    {
      title: t('calendar.clocks.col.set'), key: 'set', width: 220,
      render: (_, r) => {
        const k = rowKey(r);
        const value = drafts[k] ?? r.length;
        const outside = value < r.min || value > r.max;
        return (
          <div>
            <Space.Compact>
              <InputNumber
                value={value}
                // The field takes any whole number the server accepts; the bounds are marked here and enforced by the server, whose refusal is shown.
                min={1}
                max={3650}
                precision={0}
                status={outside ? 'error' : undefined}
                style={{ width: 90 }}
                aria-label={label(r.label)}
                onChange={(v) => setDrafts((d) => ({ ...d, [k]: typeof v === 'number' ? v : null }))}
                data-testid={`clock-input-${r.clock}${r.category ? `-${r.category}` : ''}`}
              />
              <Button type="primary" loading={saving === k} disabled={value === r.length} onClick={() => save(r)} data-testid={`clock-save-${r.clock}${r.category ? `-${r.category}` : ''}`}>
                {t('calendar.clocks.save')}
              </Button>
            </Space.Compact>
            {outside && <div className="fz-small"><Typography.Text type="warning">{t('calendar.clocks.outside', { min: r.min, max: r.max })}</Typography.Text></div>}
            {failed[k] && <div className="fz-small" data-testid={`clock-error-${r.clock}${r.category ? `-${r.category}` : ''}`}><Typography.Text type="danger">{failed[k]}</Typography.Text></div>}
          </div>
        );
      },
    },
  ];

  return (
    <Card
      title={t('calendar.clocks')}
      className="fz-case-card-block"
      data-testid="clock-lengths"
      extra={(
        <Space size={8}>
          <span>{t('calendar.clocks.township')}</span>
          <Select
            style={{ minWidth: 140 }}
            value={townshipId}
            loading={orgs.loading}
            onChange={(v: string) => { setChosen(v); setDrafts({}); setSaved({}); setFailed({}); }}
            options={townships.map((o) => ({ value: o.id, label: o.name }))}
            data-testid="clock-township"
          />
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary" className="fz-small">{t('calendar.clocks.hint')}</Typography.Paragraph>
      <LoadError error={clocks.error ?? types.error ?? orgs.error} onRetry={() => { clocks.reload(); types.reload(); orgs.reload(); }} />
      <Table<Row>
        rowKey={rowKey}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={clocks.loading || types.loading}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.clocks.empty')} /> }}
      />
    </Card>
  );
};
