import { useState } from 'react';
import { App, Button, Card, Space, Tooltip } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { CaseView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { downloadFile } from './file-transfer.ts';
import { documentKinds, documentPath, type DocumentKind } from './mediation-api.ts';

const titles: Record<DocumentKind, MessageKey> = {
  application: 'mediation.doc.application',
  registration: 'mediation.doc.registration',
  record: 'mediation.doc.record',
  agreement: 'mediation.doc.agreement',
  termination: 'mediation.doc.termination',
};

const has = (data: unknown, key: string): boolean => typeof data === 'object' && data !== null && key in data;

/** Why a document cannot be made yet (the server says the same with a 422), or null. */
const unavailable = (kind: DocumentKind, kase: CaseView, sessions: number): MessageKey | null => {
  switch (kind) {
    case 'application':
    case 'registration':
      return null;
    case 'record':
      return sessions > 0 ? null : 'mediation.doc.noSessions';
    case 'agreement':
      return has(kase.stepFields, 'reach_agreement') ? null : 'mediation.doc.noAgreement';
    case 'termination':
      return has(kase.stepFields, 'fail') ? null : 'mediation.doc.notFailed';
  }
};

/** 调解文书: the Word documents of the case in the national layout, generated on request. */
export const DocumentsCard = ({ kase, sessions }: { kase: CaseView; sessions: number }) => {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState<DocumentKind | null>(null);

  const download = async (kind: DocumentKind) => {
    setBusy(kind);
    try {
      const name = await downloadFile(documentPath(kase.id, kind), `${kase.ref}-${t(titles[kind])}.docx`, locale, 'POST');
      void message.success(t('mediation.doc.downloaded', { name }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title={t('mediation.doc.title')} className="fz-med-card">
      <Space wrap>
        {documentKinds.map((kind) => {
          const why = unavailable(kind, kase, sessions);
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
    </Card>
  );
};
