import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Segmented, Select, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { useCan, useMe } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { caseLink } from '../cases/case-columns.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchDecisionSettings, fetchDecisions, proposeDecision } from './decisions-api.ts';
import { CataloguePanel } from './catalogue-panel.tsx';
import { DecisionSettingsPanel } from './decision-settings-panel.tsx';

type Values = { title: string; category: string; body?: string };

/**
 * 重大行政决策登记簿: every decision with its stage, and the way to register a new matter;
 * each opens on the one case page, where its statutory steps are taken and its minimum
 * periods show as waiting. The legal adviser's queue (待合法性审查) is the drafts sent for review.
 */
export const DecisionRegisterPage = () => {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const types = useCaseTypes();
  const [view, setView] = useState<'open' | 'review' | 'all'>(can('decision.review') && !can('decision.handle') ? 'review' : 'open');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const list = useRemote(() => fetchDecisions(view, paging.page, paging.pageSize), `decisions:${view}:${paging.page}:${paging.pageSize}`);
  const decision = types.data?.items.filter((x) => x.code === 'decision');
  // The township's own "三重一大" categories where it set them (事项标准), else the type's.
  const setting = useRemote(fetchDecisionSettings, 'decision-settings');
  const categories = setting.data?.categories ?? decision?.[0]?.categories ?? [];
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'register';
  const orgId = me.user.orgId;

  const save = async (v: Values) => {
    setSaving(true);
    try {
      const body = v.body?.trim();
      const created = await proposeDecision({ type: 'decision', orgId, title: v.title.trim(), category: v.category, ...(body ? { body } : {}) });
      void message.success(t('decisions.new.done', { ref: created.ref }));
      setAdding(false);
      void navigate(caseLink(created.id));
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('decisions.register.title')}</Typography.Title>}
      extra={can('decision.handle') && tab === 'register' && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="decision-new">{t('decisions.register.new')}</Button>}
    >
      <Tabs activeKey={tab} onChange={(k) => setParams(k === 'register' ? {} : { tab: k }, { replace: true })} items={[
        { key: 'register', label: t('decisions.tabs.register'), children: (
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('decisions.register.note')} />
        <Segmented<'open' | 'review' | 'all'>
          value={view}
          onChange={(v) => { setView(v); setPaging(firstPage); }}
          options={[{ value: 'open', label: t('decisions.register.open') }, { value: 'review', label: t('decisions.register.review') }, { value: 'all', label: t('decisions.register.all') }]}
        />
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
          <CaseTable data={list.data} loading={list.loading} types={decision} paging={paging} onPage={setPaging} emptyText={t('decisions.register.empty')} />
        )}
      </Space>
        ) },
        { key: 'catalogue', label: t('decisions.tabs.catalogue'), children: <CataloguePanel /> },
        { key: 'settings', label: t('decisions.tabs.settings'), children: <DecisionSettingsPanel /> },
      ]} />
      <Modal open={adding} title={t('decisions.new.title')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" name="decision-new" onFinish={(v) => void save(v)}>
          <Form.Item name="title" label={t('decisions.new.name')} rules={[{ required: true, whitespace: true, message: t('decisions.new.required', { label: t('decisions.new.name') }) }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('decisions.new.category')} rules={[{ required: true, message: t('decisions.new.required', { label: t('decisions.new.category') }) }]}>
            <Select options={categories.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="body" label={t('decisions.new.body')}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
