import { useState } from 'react';
import { Alert, App, AutoComplete, Form, Radio, Typography } from 'antd';
import type { SessionView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { signSession } from './mediation-api.ts';
import { SignaturePad } from './signature-pad.tsx';

type Values = { name: string; method: 'tablet' | 'paper-scan' };
type Props = { session: SessionView | null; names: string[]; onClose: () => void; onSigned: () => void };

/**
 * 当事人签名. The signer reads the record, then signs on the screen; the signature goes with the
 * SM3 of the text shown (the server's `recordSm3`), so a text changed meanwhile is refused.
 */
export const SignDrawer = ({ session, names, onClose, onSigned }: Props) => {
  const t = useT();
  const layout = useFormLayout();
  const reportError = useReportError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [image, setImage] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const method = Form.useWatch<Values['method'] | undefined>('method', form);

  const onFinish = async (v: Values) => {
    if (!session) return;
    if (v.method === 'tablet' && !image) {
      void message.warning(t('mediation.sign.drawFirst'));
      return;
    }
    setSubmitting(true);
    try {
      await signSession(session.id, {
        name: v.name.trim(), method: v.method, textSm3: session.recordSm3, ...(v.method === 'tablet' && image ? { image } : {}),
      });
      void message.success(t('mediation.sign.done', { name: v.name.trim() }));
      setImage(null);
      onSigned();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CASE_STALE') void message.error(t('mediation.sign.stale'));
      else reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormDrawer title={t('mediation.sign.title')} open={session !== null} submitting={submitting} width={560}
      onClose={() => { setImage(null); onClose(); }} onSubmit={() => form.submit()} submitText={t('mediation.sign.submit')}>
      {session && (
        <>
          <Typography.Paragraph type="secondary">{t('mediation.sign.readFirst')}</Typography.Paragraph>
          <div className="fz-med-record fz-med-record--scroll">{session.record}</div>
          <Form<Values> {...layout} layout="vertical" name="mediation-sign" form={form} initialValues={{ method: 'tablet' }} onFinish={(v) => void onFinish(v)}>
            <Form.Item name="name" label={t('mediation.sign.name')} rules={[{ required: true, whitespace: true, message: t('mediation.sign.nameRequired') }]}>
              <AutoComplete options={names.map((n) => ({ value: n }))} maxLength={32} size="large" />
            </Form.Item>
            <Form.Item name="method" label={t('mediation.sign.method')}>
              <Radio.Group optionType="button" options={[
                { value: 'tablet', label: t('mediation.sign.tablet') },
                { value: 'paper-scan', label: t('mediation.sign.paper') },
              ]} />
            </Form.Item>
            {method === 'paper-scan'
              ? <Alert type="info" showIcon title={t('mediation.sign.paperNote')} />
              : <SignaturePad onChange={setImage} />}
          </Form>
        </>
      )}
    </FormDrawer>
  );
};
