import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, InputNumber, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DueResult } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { computeDue } from './calendar-api.ts';

type Values = { from: Dayjs; days: number; unit: 'wd' | 'cd' };

/** 期限计算器: the due date of a period from a start day, with the same explanation the cases carry. */
export const DueCalculator = () => {
  const { t, locale } = useLocale();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<DueResult | null>(null);
  const [busy, setBusy] = useState(false);

  const run = (v: Values) => {
    setBusy(true);
    computeDue({ from: v.from.format('YYYY-MM-DD'), days: v.days, unit: v.unit })
      .then(setResult)
      .catch(reportError)
      .finally(() => setBusy(false));
  };
  const lines = result ? (locale === 'en' && result.explanationEn.length ? result.explanationEn : result.explanation) : [];

  return (
    <Card title={t('calendar.calc')} className="fz-case-card-block">
      <Form<Values> form={form} layout="inline" className="fz-calc-form" initialValues={{ from: dayjs(), days: 60, unit: 'wd' }} onFinish={run}>
        <Form.Item name="from" label={t('calendar.calc.from')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="days" label={t('calendar.calc.days')} rules={[{ required: true }]}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="unit" label={t('calendar.calc.unit')}>
          <Select style={{ width: 110 }} options={[
            { value: 'wd', label: t('calendar.calc.unit.wd') },
            { value: 'cd', label: t('calendar.calc.unit.cd') },
          ]} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('calendar.calc.submit')}</Button>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          className="fz-calc-result"
          type={result.provisional ? 'warning' : 'success'}
          title={<span className="fz-calc-due">{t('calendar.calc.due', { date: result.due })} {result.provisional && <Tag color="gold">{t('case.deadline.provisional')}</Tag>}</span>}
          description={<ol className="fz-deadline__lines">{lines.map((l, i) => <li key={i}>{l}</li>)}</ol>}
        />
      )}
    </Card>
  );
};
