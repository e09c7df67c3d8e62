import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Select, Space, Table, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import type { RegisterKind, RiskLevel, SafetyPersonBody, SafetyPersonItem } from '@fazhi/contracts';
import { useNavigate } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { createPerson, fetchPersons, fetchRegisterKinds } from './safety-api.ts';
import { DueDate, RiskTag } from './safety-tags.tsx';

type Filters = { kind?: RegisterKind; orgId?: string; overdue: boolean };

/**
 * 重点人群登记: one list per register kind (GB/T 31000), names, ID numbers, phones and addresses
 * masked; the next visit and the risk follow-up with their due dates, overdue ones in red.
 * A row opens the person's page; 登记人员 adds one (the village's 网格长, the 综治中心).
 */
export const RegistersPage = () => {
  const { t, locale } = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Filters>({ overdue: false });
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [adding, setAdding] = useState(false);
  const kinds = useRemote(fetchRegisterKinds, 'safety-kinds');
  const orgs = useOrgList();
  const query = { ...filters, page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchPersons(query), JSON.stringify(query));
  const kindName = (code: string) => {
    const k = kinds.data?.items.find((x) => x.code === code);
    return k ? (locale === 'en' ? k.en : k.zh) : code;
  };
  const set = (f: Partial<Filters>) => { setFilters({ ...filters, ...f }); setPaging(firstPage); };
  const [form] = Form.useForm<SafetyPersonBody>();
  const layout = useFormLayout();
  const { saving, save } = useSaving();
  const submit = () => void form.validateFields().then((v) => save(async () => {
    const created = await createPerson({ ...v, phone: v.phone || undefined, address: v.address || undefined, note: v.note || undefined });
    void message.success(t('safety.person.created', { ref: created.ref }));
    setAdding(false);
    void navigate(`/console/safety/registers/${created.id}`);
  }));

  return (
    <Card>
      <Space style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', marginBottom: 16 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('safety.registers.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('safety.registers.subtitle')}</Typography.Text>
        </div>
        {can('safety.register.handle') && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="safety-person-add">{t('safety.registers.add')}</Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder={t('safety.registers.kind')} style={{ width: 220 }} value={filters.kind} onChange={(v?: RegisterKind) => set({ kind: v })}
          options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: locale === 'en' ? k.en : k.zh }))} data-testid="safety-kind-filter" />
        <div style={{ width: 240 }}>
          <OrgTreeSelect orgs={orgs.data?.items ?? []} loading={orgs.loading} allowClear placeholder={t('safety.registers.village')} value={filters.orgId} onChange={(v) => set({ orgId: v })} />
        </div>
        <Checkbox checked={filters.overdue} onChange={(e) => set({ overdue: e.target.checked })}>{t('safety.registers.overdueOnly')}</Checkbox>
      </Space>
      {list.error !== undefined ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<SafetyPersonItem>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 1000 }}
          locale={{ emptyText: t('safety.registers.empty') }}
          pagination={tablePagination(t, paging, list.data?.total, setPaging)}
          onRow={(r) => ({ onClick: () => void navigate(`/console/safety/registers/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('safety.person.ref'), dataIndex: 'ref', width: 100 },
            { title: t('safety.registers.kind'), dataIndex: 'kind', render: (k: string) => kindName(k) },
            { title: t('safety.person.name'), dataIndex: 'nameMasked' },
            { title: t('safety.person.idNumber'), dataIndex: 'idNumberMasked' },
            { title: t('safety.registers.village'), dataIndex: 'orgName' },
            { title: t('safety.person.risk'), dataIndex: 'riskLevel', render: (r: RiskLevel) => <RiskTag level={r} /> },
            { title: t('safety.person.lastVisit'), dataIndex: 'lastVisitOn', render: (d: string | null) => d ?? '—' },
            { title: t('safety.person.nextVisit'), render: (_: unknown, r) => <DueDate day={r.nextVisitDue} overdue={r.visitOverdue} /> },
            { title: t('safety.person.followUp'), render: (_: unknown, r) => <DueDate day={r.followUpDue} overdue={r.followUpOverdue} /> },
          ]}
        />
      )}
      <FormDrawer title={t('safety.registers.add')} open={adding} submitting={saving} onClose={() => setAdding(false)} onSubmit={submit}>
        <Form form={form} {...layout} initialValues={{ riskLevel: 'low' }}>
          <Form.Item name="kind" label={t('safety.registers.kind')} rules={[{ required: true }]}>
            <Select options={(kinds.data?.items ?? []).map((k) => ({ value: k.code, label: locale === 'en' ? k.en : k.zh }))} data-testid="safety-form-kind" />
          </Form.Item>
          <Form.Item name="orgId" label={t('safety.registers.village')} rules={[{ required: true }]}>
            <OrgTreeSelect orgs={orgs.data?.items ?? []} loading={orgs.loading} />
          </Form.Item>
          <Form.Item name="name" label={t('safety.person.name')} rules={[{ required: true, max: 32 }]}><Input /></Form.Item>
          <Form.Item name="idNumber" label={t('safety.person.idNumber')} rules={[{ required: true, pattern: /^[0-9]{17}[0-9Xx]$/ }]}><Input maxLength={18} /></Form.Item>
          <Form.Item name="phone" label={t('safety.person.phone')} rules={[{ pattern: /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/ }]}><Input /></Form.Item>
          <Form.Item name="address" label={t('safety.person.address')} rules={[{ max: 200 }]}><Input /></Form.Item>
          <Form.Item name="riskLevel" label={t('safety.person.risk')}>
            <Select options={(['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`safety.risk.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('safety.person.note')} rules={[{ max: 1000 }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </FormDrawer>
    </Card>
  );
};
