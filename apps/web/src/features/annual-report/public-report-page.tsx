import { Button, Card, Empty, Skeleton, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchPublicReport, publicDocumentHref } from './annual-report-api.ts';
import '../portal-apply/apply.css';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import './annual-report.css';

/** One published report on the portal: its text with the figures it was signed with, and the Word document. */
export const PublicReportPage = () => {
  const t = useT();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const township = params.get('township');
  const report = useRemote(() => fetchPublicReport(id), `public-report:${id}`);
  const r = report.data;
  const missing = report.error instanceof ApiError && report.error.status === 404;
  const back = `/annual-reports${township ? `?township=${encodeURIComponent(township)}` : ''}`;
  return (
    <PortalShell title={t('annualReport.public.title')} sub={r ? `${r.townshipName} · ${t('annualReport.yearN', { year: r.year })}` : t('app.shortName')} back={{ to: back, label: t('annualReport.public.back') }}>
      {missing ? <Card><Empty description={t('annualReport.public.notFound')} /></Card> : <LoadError error={report.error} onRetry={report.reload} />}
      {!r ? !report.error && <Card><Skeleton active paragraph={{ rows: 12 }} /></Card> : (
        <Card className="fz-apply__card" data-testid="public-report-text">
          <article className="fz-report-text fz-report-text--public">
            <h1 className="fz-report-text__title">{r.title}</h1>
            <Typography.Paragraph type="secondary" className="fz-public-report__meta">
              {r.townshipName} · {t('annualReport.public.published', { date: formatDate(r.publishedOn) })}
            </Typography.Paragraph>
            {r.paragraphs.filter((p) => p.kind !== 'title').map((p, i) => (p.kind === 'heading'
              ? <h3 key={i} className="fz-report-text__heading">{p.text}</h3>
              : <p key={i} className="fz-report-text__paragraph">{p.text}</p>))}
          </article>
          <Button href={publicDocumentHref(r.id)} icon={<FileWordOutlined />} size="large" block className="fz-public-report__download" data-testid="public-report-download">
            {t('annualReport.public.download')}
          </Button>
        </Card>
      )}
    </PortalShell>
  );
};
