import { Alert, Button, Card, Result, Typography } from 'antd';
import { Link } from 'react-router';
import type { AppliedCaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';

/** The tracking number and query code, large, with the advice to keep them (the code is never shown again). */
export const ApplyResult = ({ submitted, title, subtitle }: { submitted: AppliedCaseView; title?: string; subtitle?: string }) => {
  const t = useT();
  return (
    <Card className="fz-apply__card">
      <Result status="success" title={title ?? t('apply.done.title')} subTitle={subtitle ?? t('apply.done.subtitle')} />
      <div className="fz-apply__codes" data-testid="apply-codes">
        <div className="fz-apply__code">
          <span>{t('apply.done.trackingNo')}</span>
          <Typography.Text strong copyable className="fz-apply__code-value" data-testid="tracking-no">{submitted.trackingNo ?? '—'}</Typography.Text>
        </div>
        <div className="fz-apply__code">
          <span>{t('apply.done.queryCode')}</span>
          <Typography.Text strong copyable className="fz-apply__code-value" data-testid="query-code">{submitted.queryCode ?? '—'}</Typography.Text>
        </div>
      </div>
      {submitted.smsTo && <Typography.Paragraph type="secondary" className="fz-apply__sms" data-testid="apply-sms">{t('apply.done.sms', { phone: submitted.smsTo })}</Typography.Paragraph>}
      <Alert type="warning" showIcon title={t('apply.done.keep')} description={submitted.queryCode ? t('apply.done.keepText') : t('apply.done.replayed')} />
      <div className="fz-apply__after">
        <Link to={`/track${submitted.trackingNo ? `?no=${submitted.trackingNo}` : ''}`}>
          <Button type="primary" size="large" block>{t('apply.done.track')}</Button>
        </Link>
        <Link to="/"><Button size="large" block>{t('apply.backToPortal')}</Button></Link>
      </div>
    </Card>
  );
};
