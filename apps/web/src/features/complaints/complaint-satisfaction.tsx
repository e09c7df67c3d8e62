import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Typography } from 'antd';
import type { SatisfactionGrade, SatisfactionOpen } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { fetchSatisfactionOpen, giveSatisfaction } from './complaints-api.ts';
import './complaints.css';

type Props = { no: string; code: string; onKnown: (complaint: boolean) => void; onRated: () => void };
const grades: SatisfactionGrade[] = ['满意', '基本满意', '不满意'];

/**
 * On the tracking page, for a complaint awaiting its rating: 满意 / 基本满意 / 不满意. After the
 * first reply 不满意 reopens it once with a new reply period; after the second every grade closes it.
 */
export const ComplaintSatisfaction = ({ no, code, onKnown, onRated }: Props) => {
  const t = useT();
  const [state, setState] = useState<SatisfactionOpen | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'closed' | 'reopened' | null>(null);

  useEffect(() => {
    let live = true;
    fetchSatisfactionOpen({ no, code }).then((s) => { if (live) { setState(s); onKnown(s.complaint); } }, () => undefined);
    return () => { live = false; };
  }, [no, code, onKnown]);

  if (done) return <Card className="fz-track__card"><Result status="success" title={t(done === 'reopened' ? 'complaints.satisfaction.reopened' : 'complaints.satisfaction.done')} /></Card>;
  if (!state?.open) return null;
  const submit = (v: { satisfaction: SatisfactionGrade; comment?: string }) => {
    setSaving(true);
    setError(null);
    giveSatisfaction({ no, code, satisfaction: v.satisfaction, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) })
      .then((r) => { setDone(r.reopened ? 'reopened' : 'closed'); onRated(); })
      .catch((e: unknown) => setError(errorToString(t, e)))
      .finally(() => setSaving(false));
  };
  return (
    <Card title={t('complaints.satisfaction.title')} className="fz-track__card" data-testid="complaint-satisfaction">
      <Typography.Paragraph type="secondary">
        {t('complaints.satisfaction.intro')} {t(state.reopensIfUnsatisfied ? 'complaints.satisfaction.reopenHint' : 'complaints.satisfaction.finalHint')}
      </Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="satisfaction" rules={[{ required: true, message: t('complaints.satisfaction.title') }]}>
          <Radio.Group className="fz-cmp-satisfaction" optionType="button" buttonStyle="solid" size="large" options={grades.map((g) => ({ value: g, label: g }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('complaints.satisfaction.comment')}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={saving}>{t('complaints.satisfaction.submit')}</Button>
      </Form>
    </Card>
  );
};
