import { useState } from 'react';
import { Card, Form, Input, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { isSignInOutcome, signInOutcomes, type SignInEvent, type SignInOutcome } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { formatTimestamp } from '../../shared/format.ts';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { QueryForm } from '../../shared/query-form.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchSignIns } from './sign-ins-api.ts';

type Filters = { username?: string; outcome?: SignInOutcome };

const outcomeView: Record<SignInOutcome, { label: MessageKey; color: string }> = {
  success: { label: 'signins.outcome.success', color: 'green' },
  bad_password: { label: 'signins.outcome.bad_password', color: 'red' },
  locked: { label: 'signins.outcome.locked', color: 'orange' },
  unknown_user: { label: 'signins.outcome.unknown_user', color: 'default' },
  disabled: { label: 'signins.outcome.disabled', color: 'default' },
  throttled: { label: 'signins.outcome.throttled', color: 'orange' },
};

/** 登录日志: every sign-in attempt, successful or not. */
export const SignInsPage = () => {
  const t = useT();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = { ...paging, username: filters.username?.trim() || undefined, outcome: filters.outcome };
  const events = useRemote(() => fetchSignIns(query), JSON.stringify(query));

  const columns: TableColumnsType<SignInEvent> = [
    { title: t('signins.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTimestamp(v) },
    { title: t('signins.col.username'), dataIndex: 'username', width: 140, render: (v: string) => <span className="fz-mono">{v}</span> },
    {
      title: t('signins.col.outcome'),
      dataIndex: 'outcome',
      width: 120,
      render: (v: string) =>
        isSignInOutcome(v) ? <Tag color={outcomeView[v].color}>{t(outcomeView[v].label)}</Tag> : <Tag>{v}</Tag>,
    },
    { title: t('signins.col.ip'), dataIndex: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('signins.col.userAgent'),
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      render: (v: string | null) => (v ? <Tooltip title={v}>{v}</Tooltip> : '—'),
    },
  ];

  return (
    <>
      <Card className="fz-query-card">
        <QueryForm<Filters>
          name="sign-in-query"
          form={form}
          fields={[
            <Form.Item key="username" name="username" label={t('signins.query.username')}>
              <Input allowClear maxLength={64} />
            </Form.Item>,
            <Form.Item key="outcome" name="outcome" label={t('signins.query.outcome')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                options={signInOutcomes.map((o) => ({ value: o, label: t(outcomeView[o].label) }))}
              />
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
      <Card title={t('menu.signins')}>
        <LoadError error={events.error} onRetry={events.reload} />
        <Table<SignInEvent>
          rowKey="id"
          columns={columns}
          dataSource={events.data?.items}
          loading={events.loading}
          scroll={{ x: 900 }}
          pagination={tablePagination(t, paging, events.data?.total, setPaging)}
        />
      </Card>
    </>
  );
};
