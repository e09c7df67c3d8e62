import { useState } from 'react';
import { Button, Card, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { downloadReply } from './disclosure-api.ts';

/** On the tracking page: the applicant downloads the reply with the number and query code already given. */
export const ReplyDownload = ({ no, code }: { no: string; code: string }) => {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <Card className="fz-track__card">
      <Button type="primary" size="large" block icon={<DownloadOutlined />} loading={busy} data-testid="track-reply-download"
        onClick={() => { setBusy(true); setFailed(false); downloadReply({ no, code }).catch(() => setFailed(true)).finally(() => setBusy(false)); }}>
        {t('track.disclosure.download')}
      </Button>
      {failed && <Typography.Text type="danger">{t('error.network')}</Typography.Text>}
    </Card>
  );
};
