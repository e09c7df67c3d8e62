import { useState } from 'react';
import { App, Button, Card, Empty, List, Popconfirm, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { AttachmentView, CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { attachmentLink, deleteAttachment, uploadAttachment } from './cases-api.ts';

const sizeText = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Hands a same-site URL (a one-time download link) to the browser, which saves the file itself. */
const saveFromUrl = (url: string, fileName: string): void => {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
};

type Props = { view: CaseView; onChanged: (next: CaseView) => void; onReload: () => void };

/** 附件: download links (each download is logged) and, for those who handle the case, upload and remove. */
export const CaseAttachments = ({ view, onChanged, onReload }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [uploading, setUploading] = useState(false);
  const canAttach = view.actions.some((a) => a.kind === 'attach');

  // A one-time link first (a POST, so no other site can start a logged download), then the
  // browser saves the file from it.
  const download = (a: AttachmentView) => {
    attachmentLink(view.id, a.id).then((link) => saveFromUrl(link.url, a.fileName)).catch(reportError);
  };

  const remove = (a: AttachmentView) =>
    deleteAttachment(view.id, a.id)
      .then((next) => {
        void message.success(t('case.attachments.deleted'));
        onChanged(next);
      })
      .catch(reportError);

  return (
    <Card
      title={t('case.attachments')}
      className="fz-case-card-block"
      extra={canAttach && (
        <Upload
          showUploadList={false}
          multiple={false}
          customRequest={({ file }) => {
            if (!(file instanceof File)) return;
            setUploading(true);
            uploadAttachment(view.id, file)
              .then((a) => {
                void message.success(t('case.attachments.uploaded', { name: a.fileName }));
                onReload();
              })
              .catch(reportError)
              .finally(() => setUploading(false));
          }}
        >
          <Button icon={<UploadOutlined />} loading={uploading}>{t('case.attachments.upload')}</Button>
        </Upload>
      )}
    >
      {view.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.attachments.empty')} />
      ) : (
        <List<AttachmentView>
          size="small"
          dataSource={view.attachments}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              actions={a.canDelete ? [
                <Popconfirm
                  key="delete"
                  title={t('case.attachments.confirmDelete', { name: a.fileName })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true }}
                  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm keeps its OK button loading until the returned promise settles (antd types it void)
                  onConfirm={() => remove(a)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('case.attachments.delete')} />
                </Popconfirm>,
              ] : []}
            >
              <List.Item.Meta
                avatar={<PaperClipOutlined />}
                title={<Button type="link" size="small" className="fz-attachment-name" onClick={() => download(a)}>{a.fileName}</Button>}
                description={t('case.attachments.meta', { size: sizeText(a.size), who: a.uploadedBy ?? '—', at: formatDateTime(a.createdAt) })}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
};
