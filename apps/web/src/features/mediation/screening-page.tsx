import { useMemo, useState } from 'react';
import { App, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { ScreeningRound } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { fetchScreenings } from './mediation-api.ts';
import { ReturnDrawer, RoundDrawer, type ReturnTarget } from './screening-drawers.tsx';
import { useHandleOrgs } from './use-handle-orgs.ts';
import './mediation.css';

type VillageRow = { orgId: string; orgName: string; townshipId: string; townshipName: string };
const months = Array.from({ length: 12 }, (_, i) => i + 1);
const periodOf = (year: number, m: number) => `${year}-${String(m).padStart(2, '0')}`;

/** 矛盾纠纷排查: months × villages — reported (blue, with the count), 零上报 (green), pending (grey). */
export const ScreeningPage = () => {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const board = useRemote(() => fetchScreenings(year), String(year));
  const handle = useHandleOrgs();
  const handleIds = useMemo(() => new Set(handle.orgs.map((o) => o.id)), [handle.orgs]);
  const [target, setTarget] = useState<ReturnTarget | null>(null);
  const [opening, setOpening] = useState(false);

  // Each township opens its own round a month: a county-level user sees one per township.
  const rounds = useMemo(() => new Map((board.data?.items ?? []).map((r) => [`${r.townshipId}:${r.period}`, r])), [board.data]);
  const villages = useMemo(() => {
    const seen = new Map<string, VillageRow>();
    for (const r of board.data?.items ?? []) {
      for (const x of r.returns) if (!seen.has(x.orgId)) seen.set(x.orgId, { orgId: x.orgId, orgName: x.orgName, townshipId: r.townshipId, townshipName: r.townshipName });
    }
    return [...seen.values()];
  }, [board.data]);
  const roundOf = (v: VillageRow, m: number) => rounds.get(`${v.townshipId}:${periodOf(year, m)}`);
  const townships = new Set(villages.map((v) => v.townshipId));
  // Above a township (the county), each village is named with its township.
  const showTownship = !me.township || townships.size > 1;
  const reporter = can('mediation.handle') && handleIds.size > 0;
  const townshipId = me.township?.id;
  // Coverage counts the returns the caller can see: shown only to those who see the whole township.
  const seesTownship = !!townshipId && handle.all.some((o) => o.id === townshipId);
  const canOpen = can('mediation.handle') && !!townshipId && handleIds.has(townshipId);

  const cell = (round: ScreeningRound | undefined, orgId: string) => {
    const ret = round?.returns.find((x) => x.orgId === orgId);
    if (!round || !ret) return <span className="fz-med-muted">—</span>;
    const mine = can('mediation.handle') && handleIds.has(orgId);
    const tag = ret.status === 'reported'
      ? <Tag color="blue" className="fz-med-cell">{t('mediation.screen.foundN', { n: ret.cases })}</Tag>
      : ret.status === 'nil'
        ? <Tag color="green" className="fz-med-cell">{t('mediation.screen.nil')}</Tag>
        : <Tag className="fz-med-cell">{t('mediation.screen.pending')}</Tag>;
    const hint = ret.returnedAt ? t('mediation.screen.returnedAt', { at: formatDate(ret.returnedAt) }) : t('mediation.screen.dueBy', { at: round.dueOn });
    return (
      <Tooltip title={mine ? `${hint} · ${t('mediation.screen.clickToAnswer')}` : hint}>
        {mine ? <button type="button" className="fz-med-cell-btn" onClick={() => setTarget({ round, ret })}>{tag}</button> : tag}
      </Tooltip>
    );
  };

  const monthTitle = (m: number) => {
    const r = townships.size === 1 ? rounds.get(`${[...townships][0]}:${periodOf(year, m)}`) : undefined;
    return (
      <div className="fz-med-month">
        <div>{t('mediation.screen.month', { m })}</div>
        {r && seesTownship && (r.fullCoverage
          ? <Tag color="success" icon={<CheckCircleFilled />} className="fz-med-month__badge">{t('mediation.screen.full')}</Tag>
          : <Typography.Text type="secondary" className="fz-med-month__cov">{`${r.answered}/${r.total}`}</Typography.Text>)}
      </div>
    );
  };

  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);
  return (
    <div className="fz-med-page">
      <Card className="fz-med-card" title={t('menu.mediationScreening')}
        extra={(
          <Space wrap>
            <Select value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: t('mediation.yearN', { y }) }))} style={{ width: 110 }} aria-label={t('mediation.year')} />
            {canOpen && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>{t('mediation.screen.open')}</Button>}
          </Space>
        )}>
        <Space wrap className="fz-med-legend">
          <Tag color="blue">{t('mediation.screen.legendFound')}</Tag>
          <Tag color="green">{t('mediation.screen.nil')}</Tag>
          <Tag>{t('mediation.screen.pending')}</Tag>
          {reporter && <Typography.Text type="secondary">{t('mediation.screen.legendHelp')}</Typography.Text>}
        </Space>
        <LoadError error={board.error} onRetry={board.reload} />
        <Table<VillageRow>
          rowKey="orgId" size="small" bordered loading={board.loading} dataSource={villages} pagination={false}
          scroll={{ x: (showTownship ? 150 : 96) + 12 * 76 }} className="fz-med-grid"
          locale={{ emptyText: t('mediation.screen.noRounds', { y: year }) }}
          columns={[
            {
              title: t('mediation.screen.village'), dataIndex: 'orgName', fixed: 'left', width: showTownship ? 150 : 96,
              render: (name: string, v: VillageRow) => (showTownship
                ? <span className="fz-med-village"><span className="fz-med-village__town">{v.townshipName}</span>{name}</span>
                : name),
            },
            ...months.map((m) => ({
              key: String(m), title: monthTitle(m), width: 76, align: 'center' as const,
              render: (_: unknown, v: VillageRow) => cell(roundOf(v, m), v.orgId),
            })),
          ]}
          summary={() => villages.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t('mediation.screen.foundTotal')}</strong></Table.Summary.Cell>
              {months.map((m) => (
                <Table.Summary.Cell key={m} index={m} align="center">
                  {[...townships].reduce<number | null>((n, id) => { const r = rounds.get(`${id}:${periodOf(year, m)}`); return r ? (n ?? 0) + r.found : n; }, null) ?? '—'}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      </Card>
      {target && <ReturnDrawer target={target} onClose={() => setTarget(null)}
        onSaved={() => { setTarget(null); void message.success(t('mediation.screen.saved')); board.reload(); }} />}
      {opening && townshipId && <RoundDrawer townshipId={townshipId} year={year} onClose={() => setOpening(false)}
        onSaved={() => { setOpening(false); void message.success(t('mediation.screen.opened')); board.reload(); }} />}
    </div>
  );
};
