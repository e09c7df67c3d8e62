import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Rate } from 'antd';
import { SmileOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { rateCase } from './tracking-api.ts';

type Values = { score: number; officeScore?: number; comment?: string };
type Props = { no: string; code: string; onRated: () => void };

/** 好差评: 1–5 stars for the handling, optionally for the office, and a comment; once per closed case. */
export const RatingForm = ({ no, code, onRated }: Props) => {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (v: Values) => {
    setSaving(true);
    setError(null);
    rateCase({ no, code, score: v.score, ...(v.officeScore ? { officeScore: v.officeScore } : {}), ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) })
      .then(onRated)
      .catch((e: unknown) => setError(errorToString(t, e)))
      .finally(() => setSaving(false));
  };

  return (
    <Card title={<span><SmileOutlined /> {t('track.rate')}</span>} className="fz-track__card">
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item name="score" label={t('track.rate.score')} rules={[{ required: true, message: t('track.rate.required') }]}>
          <Rate className="fz-track__rate" />
        </Form.Item>
        <Form.Item name="officeScore" label={t('track.rate.office')}>
          <Rate className="fz-track__rate" />
        </Form.Item>
        <Form.Item name="comment" label={t('track.rate.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={saving}>{t('track.rate.submit')}</Button>
      </Form>
    </Card>
  );
};
