import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, InputNumber, Select, Skeleton, Space, Tag } from 'antd';
import type { DecisionSettings, DecisionThreshold } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { fetchDecisionSettings, fetchDecisionSettingsToManage, saveDecisionSettings } from './decisions-api.ts';

/** The bodies a threshold may name (the ones that decide "三重一大" matters). */
const thresholdBodies: DecisionThreshold['body'][] = ['镇党委会议', '党政联席会议', '镇政府常务会议'];
type Values = { categories: string[] } & Partial<Record<DecisionThreshold['body'], number | null>>;

/**
 * 事项标准: the township's "三重一大"/"四重一大" categories (offered when a decision is registered)
 * and, per deciding body, the amount (万元) from which a matter must go to it — checked when a
 * decision is put on the agenda and decided. Read on the decision register; set by whoever holds
 * settings.manage (the system settings screen passes `townshipId` and `editable`).
 */
export const DecisionSettingsPanel = ({ townshipId, editable = false }: { townshipId?: string; editable?: boolean }) => {
  const t = useT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const remote = useRemote<DecisionSettings>(() => (editable && townshipId ? fetchDecisionSettingsToManage(townshipId) : fetchDecisionSettings()), `decision-settings:${townshipId ?? ''}:${editable}`);
  const data = remote.data;
  useEffect(() => {
    if (!data) return;
    form.setFieldsValue({ categories: data.categories, ...Object.fromEntries(thresholdBodies.map((b) => [b, data.thresholds.find((x) => x.body === b)?.fromWan ?? null])) });
  }, [data, form]);
  if (remote.error) return <LoadError error={remote.error} onRetry={remote.reload} />;
  if (!data) return <Skeleton active />;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const thresholds = thresholdBodies.flatMap((b) => (typeof v[b] === 'number' ? [{ body: b, fromWan: v[b] }] : []));
      await saveDecisionSettings({ townshipId: data.townshipId, categories: v.categories.map((c) => c.trim()).filter((c) => c.length > 0), thresholds });
      void message.success(t('decisions.settings.saved'));
      remote.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  if (!editable) {
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="decision-settings">
        <Alert type="info" showIcon title={t('decisions.settings.note')} />
        <Descriptions size="small" bordered column={1} items={[
          { key: 'c', label: t('decisions.settings.categories'), children: <Space wrap size={4}>{data.categories.map((c) => <Tag key={c}>{c}</Tag>)}</Space> },
          ...thresholdBodies.map((b) => {
            const x = data.thresholds.find((y) => y.body === b);
            return { key: b, label: b, children: x ? t('decisions.settings.from', { n: x.fromWan }) : t('decisions.settings.noThreshold') };
          }),
        ]} />
        <Alert type={data.own ? 'success' : 'warning'} showIcon title={t(data.own ? 'decisions.settings.own' : 'decisions.settings.default')} />
      </Space>
    );
  }
  return (
    <Form<Values> form={form} layout="vertical" name="decision-settings" onFinish={(v) => void save(v)} data-testid="decision-settings-form">
      <Alert type="info" showIcon title={t('decisions.settings.note')} style={{ marginBottom: 12 }} />
      <Form.Item name="categories" label={t('decisions.settings.categories')} rules={[{ required: true, message: t('decisions.new.required', { label: t('decisions.settings.categories') }) }]}>
        <Select mode="tags" tokenSeparators={['，', ',']} maxCount={30} />
      </Form.Item>
      <Space wrap style={{ display: 'flex' }}>
        {thresholdBodies.map((b) => (
          <Form.Item key={b} name={b} label={t('decisions.settings.threshold', { body: b })}>
            <InputNumber<number> min={0} max={1000000} addonAfter={t('decisions.settings.wan')} style={{ width: 180 }} />
          </Form.Item>
        ))}
      </Space>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="decision-settings-save">{t('decisions.settings.save')}</Button>
    </Form>
  );
};
