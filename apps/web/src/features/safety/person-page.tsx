import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { EyeOutlined, FormOutlined } from '@ant-design/icons';
import type { RiskLevel, SafetyPersonRevealed, SafetyVisitView } from '@fazhi/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useFormLayout } from '../../shared/use-viewport.ts';
import { addVisit, fetchPerson, fetchRegisterKinds, revealPerson } from './safety-api.ts';
import { DueDate, RiskTag } from './safety-tags.tsx';

type VisitValues = { visitedOn: Dayjs; findings: string; riskLevel?: RiskLevel; followUpDue?: Dayjs | null };

/**
 * A person on a register: masked data, 查看完整信息 (logged as a pii.view, for holders of
 * pii.unmask), the visits with who went and what was found, and 登记走访 with the risk level
 * found and the follow-up date. Opening the page is itself logged.
 */
export const PersonPage = () => {
  const { id = '' } = useParams();
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const view = useRemote(() => fetchPerson(id), `person:${id}`);
  const kinds = useRemote(fetchRegisterKinds, 'safety-kinds');
  const [full, setFull] = useState<SafetyPersonRevealed | null>(null);
  const [visiting, setVisiting] = useState(false);
  const [form] = Form.useForm<VisitValues>();
  const layout = useFormLayout();
  const { saving, save } = useSaving();
  const p = view.data?.person;
  const kind = kinds.data?.items.find((k) => k.code === p?.kind);
  const reveal = () => void save(async () => { setFull(await revealPerson(id)); });
  const submit = () => void form.validateFields().then((v) => save(async () => {
    await addVisit(id, {
      visitedOn: v.visitedOn.format('YYYY-MM-DD'), findings: v.findings, riskLevel: v.riskLevel,
      ...(v.followUpDue ? { followUpDue: v.followUpDue.format('YYYY-MM-DD') } : {}),
    });
    void message.success(t('safety.visit.saved'));
    setVisiting(false);
    view.reload();
  }));

  if (view.error !== undefined) return <Card><LoadError error={view.error} onRetry={view.reload} /></Card>;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card loading={view.loading && !p}
        title={p ? <Space><span>{p.ref}</span><Tag>{kind ? (locale === 'en' ? kind.en : kind.zh) : p.kind}</Tag><RiskTag level={p.riskLevel} /></Space> : null}
        extra={view.data?.actions.reveal && !full ? <Button icon={<EyeOutlined />} onClick={reveal} loading={saving} data-testid="safety-reveal">{t('safety.person.reveal')}</Button> : null}>
        {p && (
          <>
            {full && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('safety.person.revealed')} />}
            <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('safety.person.name')}><span data-testid="safety-name">{full?.name ?? p.nameMasked}</span></Descriptions.Item>
              <Descriptions.Item label={t('safety.person.idNumber')}>{full?.idNumber ?? p.idNumberMasked}</Descriptions.Item>
              <Descriptions.Item label={t('safety.person.phone')}>{(full ? full.phone : p.phoneMasked) ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('safety.person.address')}>{(full ? full.address : p.addressMasked) ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('safety.registers.village')}>{p.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('safety.person.registeredOn')}>{p.registeredOn}</Descriptions.Item>
              <Descriptions.Item label={t('safety.person.nextVisit')}><DueDate day={p.nextVisitDue} overdue={p.visitOverdue} /></Descriptions.Item>
              <Descriptions.Item label={t('safety.person.followUp')}><DueDate day={p.followUpDue} overdue={p.followUpOverdue} /></Descriptions.Item>
              {view.data?.note && <Descriptions.Item label={t('safety.person.note')} span={2}>{view.data.note}</Descriptions.Item>}
            </Descriptions>
            {!full && view.data?.actions.reveal && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('safety.person.revealHint')}</Typography.Text>}
          </>
        )}
      </Card>
      <Card title={t('safety.person.visits')}
        extra={view.data?.actions.visit ? <Button type="primary" icon={<FormOutlined />} onClick={() => { form.resetFields(); setVisiting(true); }} data-testid="safety-visit-add">{t('safety.person.addVisit')}</Button> : null}>
        <Table<SafetyVisitView> rowKey="id" size="small" pagination={false} dataSource={view.data?.visits ?? []} locale={{ emptyText: t('safety.person.noVisits') }} scroll={{ x: 720 }}
          columns={[
            { title: t('safety.visit.visitedOn'), dataIndex: 'visitedOn', width: 110, render: (d: string, v) => <Space>{d}{!v.onSchedule && <Tag color="orange">{t('safety.visit.late')}</Tag>}</Space> },
            { title: t('safety.visit.visitor'), dataIndex: 'visitor', width: 140 },
            { title: t('safety.visit.findings'), dataIndex: 'findings' },
            { title: t('safety.visit.risk'), dataIndex: 'riskLevel', width: 90, render: (r: RiskLevel | null) => (r ? <RiskTag level={r} /> : '—') },
            { title: t('safety.visit.followUpDue'), dataIndex: 'followUpDue', width: 110, render: (d: string | null) => d ?? '—' },
          ]} />
      </Card>
      <FormDrawer title={t('safety.person.addVisit')} open={visiting} submitting={saving} onClose={() => setVisiting(false)} onSubmit={submit}>
        <Form form={form} {...layout} initialValues={{ visitedOn: dayjs() }}>
          <Form.Item name="visitedOn" label={t('safety.visit.visitedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="safety-visit-date" />
          </Form.Item>
          <Form.Item name="findings" label={t('safety.visit.findings')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
            <Input.TextArea rows={4} data-testid="safety-visit-findings" />
          </Form.Item>
          <Form.Item name="riskLevel" label={t('safety.visit.risk')}>
            <Select allowClear options={(['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`safety.risk.${r}`) }))} />
          </Form.Item>
          <Form.Item name="followUpDue" label={t('safety.visit.followUpDue')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </FormDrawer>
    </Space>
  );
};
