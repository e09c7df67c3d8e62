import { Alert, Card, Empty, Skeleton, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchPublicReports } from './annual-report-api.ts';
import '../portal-apply/apply.css';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import './annual-report.css';

/** 法治政府建设年度报告 on the portal, phone first: the published reports, newest first (a township's own with `?township=`). */
export const PublicReportsPage = () => {
  const t = useT();
  const [params] = useSearchParams();
  const township = params.get('township') ?? undefined;
  const list = useRemote(() => fetchPublicReports(township), `public-reports:${township ?? ''}`);
  const items = list.data?.items;
  // One township's reports carry its name in the header; several townships', the platform's.
  const townships = [...new Set((items ?? []).map((r) => r.townshipName))];
  const suffix = township ? `?township=${encodeURIComponent(township)}` : '';
  return (
    <PortalShell title={t('annualReport.public.title')} sub={townships.length === 1 ? townships[0] : t('app.shortName')}>
      {list.error ? <Alert type="error" showIcon title={t('portal.loadFailed')} style={{ marginBottom: 12 }} /> : null}
      {!items ? <Card><Skeleton active /></Card> : items.length === 0 ? <Card><Empty description={t('annualReport.public.empty')} /></Card> : items.map((r) => (
        <Link key={r.id} to={`/annual-reports/${r.id}${suffix}`} className="fz-public-report-item" data-testid="public-report">
          <span className="fz-public-report-item__text">
            <span className="fz-public-report-item__title">{r.title}</span>
            <Typography.Text type="secondary">{r.townshipName} · {t('annualReport.public.published', { date: formatDate(r.publishedOn) })}</Typography.Text>
          </span>
          <RightOutlined className="fz-public-report-item__go" />
        </Link>
      ))}
    </PortalShell>
  );
};
