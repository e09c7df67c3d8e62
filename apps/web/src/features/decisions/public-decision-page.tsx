import { useState, type ReactNode } from 'react';
import { Alert, Card, Form, Input, List, Result, Skeleton, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { mobileOrLandline } from '../mediation/validators.ts';
import { fetchPublicDecision, sendComment } from './decisions-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';
import { SubmitBar } from '../portal-apply/apply-form-parts.tsx';

type Values = { body: string; name?: string; phone?: string };
const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <>
    <Typography.Title level={5} style={{ marginTop: 12 }}>{title}</Typography.Title>
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{children}</Typography.Paragraph>
  </>
);

/**
 * A draft decision on the portal, from a phone: the draft, its note and options, the last day
 * for comments (and why it is short, when it is), and the form to comment without signing in
 * (name and phone optional, sealed at rest). A published decision shows what was decided and
 * each comment with its answer (第三十二条), never who commented.
 */
export const PublicDecisionPage = () => {
  const t = useT();
  const { id = '' } = useParams();
  const item = useRemote(() => fetchPublicDecision(id), `public-decision:${id}`);
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const d = item.data;

  const onFinish = async (v: Values) => {
    setSending(true);
    setFailure(null);
    try {
      const name = opt(v.name);
      const phone = opt(v.phone);
      await sendComment(id, { body: v.body.trim(), ...(name ? { name } : {}), ...(phone ? { phone } : {}) });
      setSent(true);
    } catch (e) {
      setFailure(errorToString(t, e));
    } finally {
      setSending(false);
    }
  };

  return (
    <PortalShell title={t('decisions.public.title')} sub={d?.ref ?? ''} back={{ to: '/decisions', label: t('decisions.public.title') }}>
      {item.error ? <Result status="404" subTitle={t('decisions.public.notFound')} /> : !d ? <Card><Skeleton active /></Card> : (
        <>
          <Card className="fz-apply__card">
            <Typography.Title level={4} style={{ marginTop: 0 }}>{d.title}</Typography.Title>
            <Typography.Text type="secondary">
              {d.category ? <Tag>{d.category}</Tag> : null}
              {d.status === 'commenting' ? t('decisions.public.until', { date: d.commentUntil ?? '' }) : t('decisions.public.publishedOn', { date: d.publishedOn ?? '' })}
            </Typography.Text>
            {d.leadUnit && <div><Typography.Text type="secondary">{t('decisions.public.leadUnit', { unit: d.leadUnit })}</Typography.Text></div>}
            {d.shortReason && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('decisions.public.shortReason')} description={d.shortReason} />}
            {d.status === 'published' && d.decision && <Section title={t('decisions.public.decision')}>{d.decision}{d.docNo ? `（${d.docNo}）` : ''}</Section>}
            {d.draft && <Section title={t('decisions.public.draft')}>{d.draft}</Section>}
            {d.explanation && <Section title={t('decisions.public.explanation')}>{d.explanation}</Section>}
            {d.options && <Section title={t('decisions.public.options')}>{d.options}</Section>}
            {d.adoptionNote && <Section title={t('decisions.public.adoptionNote')}>{d.adoptionNote}</Section>}
          </Card>
          {d.status === 'published' && d.comments.length > 0 && (
            <Card className="fz-apply__card" title={t('decisions.public.answers')}>
              <List dataSource={d.comments} renderItem={(c, i) => (
                <List.Item key={i}>
                  <div>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>{c.body} <Typography.Text type="secondary">{c.submittedOn}</Typography.Text></Typography.Paragraph>
                    <Typography.Text type="secondary"><Tag>{c.adoption}</Tag>{t('decisions.public.answer', { answer: c.answer })}</Typography.Text>
                  </div>
                </List.Item>
              )} />
            </Card>
          )}
          {d.status === 'commenting' && (sent ? <Alert type="success" showIcon title={t('decisions.public.thanks')} data-testid="decision-comment-thanks" /> : (
            <Form<Values> form={form} layout="vertical" size="large" name="decision-comment" onFinish={(v) => void onFinish(v)}>
              <Card className="fz-apply__card" title={t('decisions.public.comment')}>
                <Form.Item name="body" label={t('decisions.public.body')} rules={[{ required: true, whitespace: true, message: t('decisions.public.bodyRequired') }]}>
                  <Input.TextArea rows={5} maxLength={2000} showCount />
                </Form.Item>
                <Form.Item name="name" label={t('decisions.public.name')}><Input maxLength={64} autoComplete="name" /></Form.Item>
                <Form.Item name="phone" label={t('decisions.public.phone')} rules={[{ pattern: mobileOrLandline, message: t('decisions.public.phoneInvalid') }]}>
                  <Input maxLength={13} inputMode="tel" autoComplete="tel" />
                </Form.Item>
                <Typography.Paragraph type="secondary">{t('decisions.public.piiNote')}</Typography.Paragraph>
              </Card>
              <SubmitBar failure={failure} submitting={sending} testId="decision-comment-submit" label={t('decisions.public.submit')} />
            </Form>
          ))}
        </>
      )}
    </PortalShell>
  );
};
