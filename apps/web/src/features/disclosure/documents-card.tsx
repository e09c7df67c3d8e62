import { Button, Card, Space, Tooltip } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { CaseView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useDownload } from '../../shared/use-download.ts';
import { documentKinds, documentPath, type DocumentKind } from './disclosure-api.ts';

const has = (data: unknown, key: string): boolean => typeof data === 'object' && data !== null && key in data;

/** 公开文书: the receipt, the correction and extension notices and the reply, in the national layout. */
export const DisclosureDocumentsCard = ({ view }: { view: CaseView }) => {
  const { t } = useLocale();
  const { busy, download: fetchFile } = useDownload<DocumentKind>();
  const ready: Record<DocumentKind, boolean> = {
    receipt: true,
    correction_notice: has(view.stepFields, 'ask_correction'),
    extension_notice: view.deadlines.some((d) => d.key === 'reply' && d.extensions.length > 0),
    fee_notice: has(view.stepFields, 'fee_notice'),
    reply: has(view.stepFields, 'reply'),
  };
  const download = (kind: DocumentKind) => fetchFile(kind, documentPath(view.id, kind), `${view.ref}-${t(`disclosure.doc.${kind}`)}.docx`);
  return (
    <Card title={t('disclosure.doc.title')} size="small" className="fz-case-card-block">
      <Space wrap>
        {documentKinds.filter((k) => ready[k]).map((kind) => (
          <Tooltip key={kind} title={`${view.ref}-${t(`disclosure.doc.${kind}`)}.docx`}>
            <Button icon={<FileWordOutlined />} loading={busy === kind} onClick={() => void download(kind)} data-testid={`disclosure-doc-${kind}`}>{t(`disclosure.doc.${kind}`)}</Button>
          </Tooltip>
        ))}
      </Space>
    </Card>
  );
};
