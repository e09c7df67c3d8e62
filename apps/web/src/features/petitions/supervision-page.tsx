import { useState } from 'react';
import { App, Card, Form, Input, Modal, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseRow } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { formatDate } from '../../shared/format.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { DueTag } from '../cases/due-tag.tsx';
import { fetchPetitions, supervise } from './petitions-api.ts';

/** 信访督办: a head's view of the petitions overdue or due soon, each with a 督办 note. */
export const PetitionSupervisionPage = () => {
  const { t } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [due, setDue] = useState<'overdue' | 'soon'>('overdue');
  const list = useRemote(() => fetchPetitions({ statusKind: 'open', due, pageSize: 100 }), `supervision:${due}`);
  const [target, setTarget] = useState<CaseRow | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const send = async () => {
    const v = await form.validateFields();
    if (!target) return;
    try {
      await supervise(target.id, { note: v.note.trim() });
      void message.success(t('petitions.supervise.done'));
      setTarget(null);
      form.resetFields();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Card title={t('petitions.supervise.title')}>
      <Typography.Paragraph type="secondary">{t('petitions.supervise.hint')}</Typography.Paragraph>
      <Tabs activeKey={due} onChange={(k) => setDue(k as 'overdue' | 'soon')} items={[
        { key: 'overdue', label: t('petitions.desk.tab.overdue') }, { key: 'soon', label: t('petitions.desk.tab.soon') },
      ]} />
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table<CaseRow> rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items} pagination={false} scroll={{ x: 800 }}
          columns={[
            { title: t('petitions.field.title'), key: 'title', render: (_, r) => <><Link to={`/console/cases/${r.id}`}>{r.ref}</Link><div>{r.title}</div></> },
            { title: t('petitions.supervise.due'), key: 'due', render: (_, r) => <DueTag due={r.nextDue} state={r.dueState} remaining={r.remaining} unit={r.nextDueUnit} /> },
            { title: t('petitions.field.receivedOn'), key: 'received', render: (_, r) => formatDate(r.receivedOn) },
            { title: '', key: 'act', render: (_, r) => <Typography.Link onClick={() => setTarget(r)} data-testid="petition-supervise">{t('petitions.supervise.action')}</Typography.Link> },
          ]} />
      )}
      <Modal open={target !== null} title={`${t('petitions.supervise.action')} ${target?.ref ?? ''}`} onOk={() => void send()} onCancel={() => setTarget(null)} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('petitions.supervise.note')} rules={[{ required: true, whitespace: true, message: t('petitions.supervise.noteRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
