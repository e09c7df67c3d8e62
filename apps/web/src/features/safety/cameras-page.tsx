import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { AuditOutlined, PlayCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CameraItem, CameraStatus, CameraViewBody, CameraViewGranted } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { useCan } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { fetchCameras, requestCameraView, updateCamera } from './safety-api.ts';
import { CameraStatusTag } from './safety-tags.tsx';

/**
 * 视频监控台账: each camera with its GB/T 28181 code, village, 备案 due (30 days after it was
 * put in use, 条例 第十四条) and whether it came on time, retention, sign, and its status from
 * the video platform (未接入 without one). 实时调阅 first asks for the reason (第十六条); the
 * view is on record before any stream is shown.
 */
export const CamerasPage = () => {
  const { t } = useLocale();
  const can = useCan();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [paging, setPaging] = useState<PageState>(firstPage);
  const [viewing, setViewing] = useState<CameraItem | null>(null);
  const [granted, setGranted] = useState<CameraViewGranted | null>(null);
  const [form] = Form.useForm<CameraViewBody>();
  const [filing, setFiling] = useState<CameraItem | null>(null);
  const [filingForm] = Form.useForm<{ filedOn: Dayjs }>();
  const submitFiling = () => void filingForm.validateFields().then((v) => save(async () => {
    if (!filing) return;
    await updateCamera(filing.id, { filedOn: v.filedOn.format('YYYY-MM-DD') });
    void message.success(t('safety.camera.filingSaved'));
    setFiling(null);
    list.reload();
  }));
  const { saving, save } = useSaving();
  const orgs = useOrgList();
  const query = { orgId, filingOverdue: overdue, page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchCameras(query), JSON.stringify(query));
  const submit = () => void form.validateFields().then((v) => save(async () => {
    if (!viewing) return;
    const res = await requestCameraView(viewing.id, v);
    void message.success(t('safety.camera.viewLogged'));
    setGranted(res);
  }));
  const close = () => { setViewing(null); setGranted(null); };

  return (
    <Card>
      <div style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('safety.cameras.title')}</Typography.Title>
        <Typography.Text type="secondary">{t('safety.cameras.subtitle')}</Typography.Text>
      </div>
      {list.data?.platform === 'unconnected' && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('safety.cameras.platformUnconnected')} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 240 }}>
          <OrgTreeSelect orgs={orgs.data?.items ?? []} loading={orgs.loading} allowClear placeholder={t('safety.camera.org')} value={orgId} onChange={(v) => { setOrgId(v); setPaging(firstPage); }} />
        </div>
        <Checkbox checked={overdue} onChange={(e) => { setOverdue(e.target.checked); setPaging(firstPage); }}>{t('safety.cameras.filingOverdueOnly')}</Checkbox>
      </Space>
      {list.error !== undefined ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<CameraItem>
          rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 1240 }}
          pagination={tablePagination(t, paging, list.data?.total, setPaging)}
          columns={[
            { title: t('safety.camera.name'), dataIndex: 'name' },
            { title: t('safety.camera.deviceId'), dataIndex: 'deviceId', width: 190, render: (d: string) => <Typography.Text code>{d}</Typography.Text> },
            { title: t('safety.camera.installedOn'), dataIndex: 'installedOn', width: 110 },
            { title: t('safety.camera.filingDue'), dataIndex: 'filingDue', width: 110 },
            {
              title: t('safety.camera.filedOn'), width: 180, render: (_: unknown, c) => {
                if (c.filedOn) return <Space>{c.filedOn}{c.filedOnTime === false && <Tag color="orange">{t('safety.camera.filedLate')}</Tag>}</Space>;
                return <Tag color={c.filingOverdue ? 'red' : 'default'}>{t(c.filingOverdue ? 'safety.camera.filingOverdue' : 'safety.camera.notFiled')}</Tag>;
              },
            },
            { title: t('safety.camera.retention'), dataIndex: 'retentionDays', width: 90 },
            { title: t('safety.camera.sign'), dataIndex: 'signPosted', width: 80, render: (s: boolean) => (s ? t('safety.camera.signYes') : <Tag color="orange">{t('safety.camera.signNo')}</Tag>) },
            { title: t('safety.camera.status'), dataIndex: 'status', width: 90, render: (s: CameraStatus) => <CameraStatusTag status={s} /> },
            {
              title: t('common.actions'), width: 200, fixed: 'right', render: (_: unknown, c) => (
                <Space size={4}>
                  {can('safety.camera.view') && <Button size="small" icon={<PlayCircleOutlined />} onClick={() => { form.resetFields(); setViewing(c); }} data-testid={`camera-view-${c.deviceId}`}>{t('safety.camera.live')}</Button>}
                  {can('safety.camera.handle') && !c.filedOn && <Button size="small" icon={<AuditOutlined />} onClick={() => { filingForm.resetFields(); setFiling(c); }}>{t('safety.camera.file')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal open={filing !== null} title={t('safety.camera.file')} onCancel={() => setFiling(null)} destroyOnHidden onOk={submitFiling} confirmLoading={saving}>
        {filing && <Typography.Paragraph>{filing.name}（{filing.deviceId}）：{t('safety.camera.filingDue')} {filing.filingDue}</Typography.Paragraph>}
        <Form form={filingForm} layout="vertical" initialValues={{ filedOn: dayjs() }}>
          <Form.Item name="filedOn" label={t('safety.camera.filedOn')} rules={[{ required: true }]} extra={t('safety.camera.fileHint')}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={viewing !== null} title={t('safety.camera.reasonTitle')} onCancel={close} destroyOnHidden
        okText={granted ? t('common.ok') : t('safety.camera.live')} onOk={granted ? close : submit} confirmLoading={saving}>
        {viewing && <Typography.Paragraph strong>{viewing.name}（{viewing.deviceId}）</Typography.Paragraph>}
        {granted ? (
          granted.streams.flv || granted.streams.hls ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('safety.camera.streams')}</Typography.Text>
              {[granted.streams.flv, granted.streams.wsFlv, granted.streams.hls, granted.streams.rtsp].filter(Boolean).map((u) => <Typography.Text key={u} copyable code>{u}</Typography.Text>)}
            </Space>
          ) : <Alert type="info" showIcon title={t('safety.camera.noStream')} data-testid="camera-no-stream" />
        ) : (
          <>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('safety.camera.reasonHint')} />
            <Form form={form} layout="vertical" initialValues={{ purpose: 'live' }}>
              <Form.Item name="purpose" label={t('safety.camera.purpose')}>
                <Radio.Group options={[{ value: 'live', label: t('safety.camera.purpose.live') }, { value: 'export', label: t('safety.camera.purpose.export') }]} />
              </Form.Item>
              <Form.Item name="reason" label={t('safety.camera.reason')} rules={[{ required: true, whitespace: true, min: 4, max: 500 }]}>
                <Input.TextArea rows={3} data-testid="camera-reason" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </Card>
  );
};
