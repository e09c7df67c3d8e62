import { useState } from 'react';
import { Card, DatePicker, Form, Input, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AuditEntry } from '@fazhi/contracts';
import { isMessageKey, useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { formatTimestamp } from '../../shared/format.ts';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { QueryForm } from '../../shared/query-form.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchAudit } from './audit-api.ts';
import { AuditChange } from './audit-change.tsx';
import { AuditVerifyButton } from './audit-verify-button.tsx';
import './audit.css';

type Filters = { action?: string; entity?: string; range?: [Dayjs | null, Dayjs | null] | null };

const day = (d: Dayjs | null | undefined) => d?.format('YYYY-MM-DD');

/** 审计日志: every change with who, where and when; expand a row for before/after. */
export const AuditPage = () => {
  const t = useT();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = {
    ...paging,
    action: filters.action?.trim() || undefined,
    entity: filters.entity?.trim() || undefined,
    from: day(filters.range?.[0]),
    to: day(filters.range?.[1]),
  };
  const audit = useRemote(() => fetchAudit(query), JSON.stringify(query));
  const entityLabel = (entity: string) => {
    const key = `audit.entity.${entity}`;
    return isMessageKey(key) ? t(key) : entity;
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.col.at'), dataIndex: 'at', width: 160, render: (v: string) => formatTimestamp(v) },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      width: 90,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.col.org'), dataIndex: 'orgName', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 150,
      render: (v: string) => {
        const key = `audit.action.${v}`;
        return isMessageKey(key) ? <Tooltip title={v}><Tag>{t(key)}</Tag></Tooltip> : <Tag className="fz-mono">{v}</Tag>;
      },
    },
    {
      title: t('audit.col.entity'),
      key: 'entity',
      width: 150,
      ellipsis: true,
      render: (_, e) => (
        <span className="fz-mono">
          {entityLabel(e.entity)}
          {e.entityId ? <Typography.Text type="secondary"> #{e.entityId.slice(0, 8)}</Typography.Text> : null}
        </span>
      ),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.col.requestId'),
      dataIndex: 'requestId',
      width: 150,
      render: (v: string | null) =>
        v ? <Typography.Text className="fz-mono" copyable ellipsis style={{ maxWidth: 130 }}>{v}</Typography.Text> : '—',
    },
  ];

  return (
    <>
      <Card className="fz-query-card">
        <QueryForm<Filters>
          name="audit-query"
          form={form}
          visible={2}
          fields={[
            <Form.Item key="action" name="action" label={t('audit.query.action')}>
              <Input allowClear maxLength={64} placeholder={t('audit.query.actionPlaceholder')} />
            </Form.Item>,
            <Form.Item key="range" name="range" label={t('audit.query.range')}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>,
            <Form.Item key="entity" name="entity" label={t('audit.query.entity')}>
              <Input allowClear maxLength={64} placeholder={t('audit.query.entityPlaceholder')} />
            </Form.Item>,
          ]}
          onSearch={(values) => {
            setFilters(values);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          onReset={() => {
            setFilters({});
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Card>
      <Card title={t('menu.audit')} extra={<AuditVerifyButton />}>
        <LoadError error={audit.error} onRetry={audit.reload} />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items}
          loading={audit.loading}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (entry) => <AuditChange entry={entry} /> }}
          pagination={tablePagination(t, paging, audit.data?.total, setPaging)}
        />
      </Card>
    </>
  );
};
