import { Button, Card, Space, Tooltip, Typography } from 'antd';
import { FilePdfOutlined, FileWordOutlined, FolderOutlined } from '@ant-design/icons';
import type { CaseView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useDownload } from '../../shared/use-download.ts';
import { documentKinds, documentPath, dossierPath, type DocumentKind } from './mediation-api.ts';

const titles: Record<DocumentKind, MessageKey> = {
  application: 'mediation.doc.application',
  registration: 'mediation.doc.registration',
  rights_notice: 'mediation.doc.rights_notice',
  investigation: 'mediation.doc.investigation',
  record: 'mediation.doc.record',
  agreement: 'mediation.doc.agreement',
  follow_up: 'mediation.doc.follow_up',
  termination: 'mediation.doc.termination',
  closing_report: 'mediation.doc.closing_report',
};

const has = (data: unknown, key: string): boolean => typeof data === 'object' && data !== null && key in data;

/** Why a document cannot be made yet (the server says the same with a 422), or null. */
const unavailable = (kind: DocumentKind, kase: CaseView, sessions: number, investigations: number): MessageKey | null => {
  switch (kind) {
    case 'application':
    case 'registration':
    case 'rights_notice':
      return null;
    case 'investigation':
      return investigations > 0 ? null : 'mediation.doc.noInvestigations';
    case 'record':
      return sessions > 0 ? null : 'mediation.doc.noSessions';
    case 'follow_up':
      return has(kase.stepFields, 'follow_up') ? null : 'mediation.doc.noFollowUp';
    case 'closing_report':
      return kase.statusKind === 'open' ? 'mediation.doc.notClosed' : null;
    case 'agreement':
      return has(kase.stepFields, 'reach_agreement') ? null : 'mediation.doc.noAgreement';
    case 'termination':
      return has(kase.stepFields, 'fail') ? null : 'mediation.doc.notFailed';
  }
};

/** 调解文书: the Word documents of the case in the national layout, generated on request. */
export const DocumentsCard = ({ kase, sessions, investigations = 0 }: { kase: CaseView; sessions: number; investigations?: number }) => {
  const { t } = useLocale();
  const { busy, download: fetchFile } = useDownload<DocumentKind | 'docx' | 'pdf'>();
  /** 卷宗: the whole file, cover and contents first, as a POST (it is audited when it shows personal data). */
  const dossier = (format: 'docx' | 'pdf') => fetchFile(format, dossierPath(kase.id, format), `${kase.ref}-人民调解卷宗.${format}`);
  const download = (kind: DocumentKind) => fetchFile(kind, documentPath(kase.id, kind), `${kase.ref}-${t(titles[kind])}.docx`);

  return (
    <Card title={t('mediation.doc.title')} className="fz-med-card">
      <Space wrap>
        {documentKinds.map((kind) => {
          const why = unavailable(kind, kase, sessions, investigations);
          return (
            <Tooltip key={kind} title={why ? t(why) : undefined}>
              <Button icon={<FileWordOutlined />} disabled={why !== null} loading={busy === kind} onClick={() => void download(kind)}
                data-testid={`doc-${kind}`}>
                {t(titles[kind])}
              </Button>
            </Tooltip>
          );
        })}
      </Space>
      <div className="fz-med-dossier">
        <Typography.Text type="secondary">{t('mediation.doc.dossierHint')}</Typography.Text>
        <Space wrap>
          <Button type="primary" icon={<FolderOutlined />} loading={busy === 'docx'} onClick={() => void dossier('docx')} data-testid="dossier-docx">{t('mediation.doc.dossier')}</Button>
          <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void dossier('pdf')} data-testid="dossier-pdf">{t('mediation.doc.dossierPdf')}</Button>
        </Space>
      </div>
    </Card>
  );
};
