import { useState } from 'react';
import { Button, Card, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import type { CaseExtension, CasePanelProps } from '../cases/case-extensions.ts';
import { ReportProvider, useReport } from './report-context.tsx';
import { ReportEditor } from './report-editor.tsx';
import { ChecksCard, DocumentCard, FiguresCard, FrozenTag, VersionsCard } from './report-side.tsx';
import { ReportReader } from './report-text.tsx';
import './annual-report.css';

/** 报告正文: the text with its live figures and what the checks found, and 编辑 while the drafter may change it. */
const ReportTextPanel = ({ view }: CasePanelProps) => {
  const { t } = useLocale();
  const { report, remote } = useReport();
  const [editing, setEditing] = useState(false);
  const underReview = report && !report.editable && view.statusKind === 'open' && view.status !== 'drafting';
  return (
    <Card title={t('annualReport.text.title')} className="fz-case-card-block" data-testid="report-panel"
      extra={report && (
        <Space wrap>
          <FrozenTag frozen={report.frozen} />
          <Tag>{t('annualReport.versionN', { n: report.version })}</Tag>
          {report.editable && !editing && <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="report-edit">{t('annualReport.text.edit')}</Button>}
        </Space>
      )}>
      <LoadError error={remote.error} onRetry={remote.reload} />
      {underReview && <Typography.Paragraph type="secondary">{t('annualReport.text.notEditable')}</Typography.Paragraph>}
      {!report ? <Skeleton active paragraph={{ rows: 12 }} />
        : editing && report.editable ? <ReportEditor key={report.version} report={report} onDone={() => setEditing(false)} />
          : <ReportReader content={report.content} findings={report.findings} hints={report.hints} anchors />}
    </Card>
  );
};

/**
 * The annual report on the one case page: its text (read, checked, edited) in the main column;
 * the checks, the figures, the versions and the Word document beside the steps. The steps
 * themselves (提交审核 … 向社会公开) are the engine's, taken in the page's one drawer.
 */
export const annualReportCase: CaseExtension = {
  Provider: ReportProvider,
  main: [ReportTextPanel],
  side: [ChecksCard, FiguresCard, DocumentCard, VersionsCard],
};
