import { useState } from 'react';
import { Button, Card, Drawer, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { CheckCircleOutlined, FileWordOutlined, LockOutlined, SyncOutlined } from '@ant-design/icons';
import type { ReportFinding } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useDownload } from '../../shared/use-download.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { fetchReportVersion, reportDocumentPath } from './annual-report-api.ts';
import { useReport } from './report-context.tsx';
import { blockAnchor, findingLabels, ReportReader } from './report-text.tsx';

const kinds = Object.keys(findingLabels) as ReportFinding['kind'][];

const scrollTo = (f: ReportFinding): void => {
  document.getElementById(blockAnchor(f.sectionKey, f.block))?.scrollIntoView({ behavior: 'smooth', block: 'center' });
};

/** 检查结果: what the checks found, by kind, each leading to its paragraph in the text. */
export const ChecksCard = () => {
  const { t } = useLocale();
  const { report } = useReport();
  if (!report) return null;
  const found = kinds.map((kind) => ({ kind, items: report.findings.filter((f) => f.kind === kind) })).filter((x) => x.items.length > 0);
  return (
    <Card title={t('annualReport.checks.title')} size="small" className="fz-case-card-block" data-testid="report-checks">
      {found.length === 0 ? (
        <Typography.Text type="success"><CheckCircleOutlined /> {t('annualReport.checks.none')}</Typography.Text>
      ) : found.map(({ kind, items }) => (
        <div key={kind} className="fz-report-check">
          <button type="button" className="fz-report-check__kind" onClick={() => items[0] && scrollTo(items[0])}>
            <Tag color="warning">{t(findingLabels[kind])}</Tag>
            <span>{t('annualReport.checks.count', { n: items.length })}</span>
          </button>
          <ul className="fz-report-check__list">
            {items.map((f, i) => (
              <li key={i}><Typography.Link onClick={() => scrollTo(f)} title={t('annualReport.checks.go')}>{f.excerpt.length > 30 ? `${f.excerpt.slice(0, 30)}…` : f.excerpt}</Typography.Link></li>
            ))}
          </ul>
        </div>
      ))}
    </Card>
  );
};

/** Whether the report shows its live figures or those it was signed with. */
export const FrozenTag = ({ frozen }: { frozen: boolean }) => {
  const { t } = useLocale();
  return frozen
    ? <Tag icon={<LockOutlined />} color="gold">{t('annualReport.text.frozen')}</Tag>
    : <Tag icon={<SyncOutlined />} color="blue">{t('annualReport.text.live')}</Tag>;
};

/** 数字与口径: each figure the text uses, its value and definition, frozen or live; a click opens its records. */
export const FiguresCard = () => {
  const { t } = useLocale();
  const { report, figures, catalogue, openFigure, describe } = useReport();
  if (!report) return null;
  return (
    <Card title={t('annualReport.figures.title')} size="small" className="fz-case-card-block" extra={<FrozenTag frozen={report.frozen} />} data-testid="report-figures">
      {figures.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('annualReport.figures.none')} /> : (
        <List size="small" dataSource={figures} renderItem={(f) => {
          const readable = !catalogue || catalogue.some((m) => m.code === f.code);
          const { label, definition } = describe(f);
          return (
            <List.Item key={f.code} className="fz-report-figure">
              <div className="fz-report-figure__text">
                <div>{readable ? <Typography.Link onClick={() => openFigure(f.code)}>{label}</Typography.Link> : label}</div>
                <Typography.Text type="secondary" className="fz-report-figure__def">{definition}</Typography.Text>
              </div>
              <span className="fz-report-figure__value fz-num">{f.text}</span>
            </List.Item>
          );
        }} />
      )}
    </Card>
  );
};

/** One saved version's text, read-only. */
const VersionDrawer = ({ reportId, version, onClose }: { reportId: string; version: number | null; onClose: () => void }) => {
  const { t } = useLocale();
  const phone = useIsPhone();
  const text = useRemote(() => (version ? fetchReportVersion(reportId, version) : Promise.resolve(null)), `${reportId}:${version ?? ''}`);
  return (
    <Drawer open={version !== null} onClose={onClose} size={phone ? '100%' : 820} destroyOnHidden data-testid="report-version"
      title={version ? t('annualReport.versions.view', { n: version }) : ''}>
      <LoadError error={text.error} onRetry={text.reload} />
      {text.data ? <ReportReader content={text.data.content} /> : <Skeleton active paragraph={{ rows: 10 }} />}
    </Drawer>
  );
};

/** 版本: every saved version, newest first, each opening its text. */
export const VersionsCard = () => {
  const { t } = useLocale();
  const { report } = useReport();
  const [open, setOpen] = useState<number | null>(null);
  if (!report) return null;
  return (
    <Card title={t('annualReport.versions.title')} size="small" className="fz-case-card-block" data-testid="report-versions">
      <List size="small" dataSource={report.versions} renderItem={(v) => (
        <List.Item key={v.version} className="fz-report-version" onClick={() => setOpen(v.version)}>
          <div>
            <Typography.Link>{t('annualReport.versionN', { n: v.version })}</Typography.Link>
            <Typography.Text type="secondary"> {t('annualReport.versions.by', { author: v.authorName ?? t('annualReport.versions.unknownAuthor'), time: formatDateTime(v.createdAt) })}</Typography.Text>
            {v.note && <div className="fz-report-version__note">{v.note}</div>}
          </div>
        </List.Item>
      )} />
      <VersionDrawer reportId={report.id} version={open} onClose={() => setOpen(null)} />
    </Card>
  );
};

/** 下载 Word: the report in the official layout (GB/T 9704) with the annex of figures. */
export const DocumentCard = () => {
  const { t } = useLocale();
  const { report } = useReport();
  const { busy, download: fetchFile } = useDownload();
  if (!report) return null;
  const download = () => fetchFile('file', reportDocumentPath(report.id), `${report.townshipName}${report.year}年法治政府建设情况报告.docx`, { method: 'GET' });
  return (
    <Card title={t('annualReport.document.title')} size="small" className="fz-case-card-block">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>{t('annualReport.document.help')}</Typography.Paragraph>
      <Button icon={<FileWordOutlined />} loading={busy !== null} onClick={() => void download()} block data-testid="report-download">{t('annualReport.document.download')}</Button>
    </Card>
  );
};
