import { useMemo } from 'react';
import { Alert, Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { FileReview } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useDownload } from '../../shared/use-download.ts';
import { useMe } from '../auth/session-context.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { fetchFileReview, yearDossiersPath } from './mediation-api.ts';
import './mediation.css';

type Item = FileReview['items'][number];

/**
 * 卷宗评查: the county's yearly review of the mediation files, run on the records before the
 * review so a township can fix what fails. Each township's score for the county; each file's
 * score and what it lacks, in words a clerk can act on; the year's files in one download.
 */
export const FileReviewPage = () => {
  const { t } = useLocale();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || dayjs().year();
  const orgId = params.get('org') ?? undefined;
  const failedOnly = params.get('failed') === '1';
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v === undefined) next.delete(k); else next.set(k, v);
    setParams(next);
  };
  const orgs = useOrgList();
  const townships = useMemo(() => (orgs.data?.items ?? []).filter((o) => o.kind === 'township'), [orgs.data]);
  const review = useRemote(() => fetchFileReview({ year, ...(orgId ? { orgId } : {}), ...(failedOnly ? { failedOnly } : {}) }), `${year}:${orgId ?? ''}:${failedOnly}`);
  const { busy: downloading, download: fetchFile } = useDownload();
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);
  // The year's download: the chosen township, else the org of the caller's grant.
  const target = orgId ?? me.grants[0]?.orgId ?? me.user.orgId;

  const download = () => fetchFile('file', yearDossiersPath, `人民调解卷宗-${year}.zip`, { body: { orgId: target, year } });

  const r = review.data;
  return (
    <div className="fz-med-page">
      <Card className="fz-med-card" title={t('menu.mediationFileReview')} extra={
        <Space wrap>
          <Select value={year} onChange={(y) => set('year', String(y))} options={years.map((y) => ({ value: y, label: t('mediation.review.year', { year: y }) }))} style={{ width: 120 }} />
          {townships.length > 1 && (
            <Select allowClear value={orgId} onChange={(v?: string) => set('org', v)} placeholder={t('mediation.review.allTownships')} style={{ width: 160 }}
              options={townships.map((o) => ({ value: o.id, label: o.name }))} />
          )}
          <Space><Switch checked={failedOnly} onChange={(v) => set('failed', v ? '1' : undefined)} />{t('mediation.review.failedOnly')}</Space>
          <Button icon={<DownloadOutlined />} loading={downloading !== null} onClick={() => void download()} data-testid="year-dossiers">{t('mediation.review.download')}</Button>
        </Space>
      }>
        <Typography.Paragraph type="secondary">{t('mediation.review.intro', { mark: r?.passMark ?? 80 })}</Typography.Paragraph>
        <LoadError error={review.error} onRetry={review.reload} />
        {r?.sampled && <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="file-review-sampled" title={t('mediation.review.sampled', { total: r.total, limit: r.limit })} />}
        <Table rowKey="townshipId" size="small" loading={review.loading} pagination={false} dataSource={r?.townships ?? []} className="fz-med-row" scroll={{ x: 560 }}
          columns={[
            { title: t('mediation.review.township'), dataIndex: 'name' },
            { title: t('mediation.review.total'), dataIndex: 'total', align: 'right' },
            { title: t('mediation.review.files'), dataIndex: 'files', align: 'right' },
            { title: t('mediation.review.passed'), dataIndex: 'passed', align: 'right' },
            { title: t('mediation.review.passRate'), key: 'rate', align: 'right', render: (_, x) => `${((x.passed / Math.max(1, x.files)) * 100).toFixed(1)}%` },
            { title: t('mediation.review.average'), dataIndex: 'averageScore', align: 'right' },
          ]} />
        <Table<Item> rowKey="caseId" size="small" loading={review.loading} dataSource={r?.items ?? []} pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 720 }} data-testid="file-review-items"
          columns={[
            { title: t('mediation.review.ref'), dataIndex: 'ref', width: 190, render: (ref: string, x) => <Link to={`/console/mediation/cases/${x.caseId}/sessions`}>{ref}</Link> },
            { title: t('mediation.review.title'), dataIndex: 'title', ellipsis: true },
            { title: t('mediation.review.score'), dataIndex: 'score', width: 90, align: 'right', sorter: (a, b) => a.score - b.score,
              render: (s: number, x) => <Tag color={x.passed ? 'success' : 'error'}>{s}</Tag> },
            { title: t('mediation.review.problems'), key: 'problems', render: (_, x) => {
              const failed = x.checks.filter((c) => !c.ok);
              return failed.length === 0 ? <Typography.Text type="success">{t('mediation.review.complete')}</Typography.Text>
                : <ul className="fz-med-problems">{failed.map((c) => <li key={c.key}>{c.reason}</li>)}</ul>;
            } },
          ]} />
      </Card>
    </div>
  );
};
