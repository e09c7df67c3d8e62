import { Button, List, Space, Table, Tag, Typography } from 'antd';
import type { CaseRow } from '@fazhi/contracts';
import { Link } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { tablePagination, type PageState } from '../../shared/pagination.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { DueTag } from './case-status-tag.tsx';

type Props = {
  rows: CaseRow[] | undefined;
  total: number | undefined;
  /** The server counted no further than `total` (more cases match). */
  totalCapped?: boolean | undefined;
  loading: boolean;
  paging: PageState;
  onPage: (next: PageState) => void;
};

/** A case's one page: its steps, sessions, mediators and documents. */
export const casePath = (id: string) => `/console/cases/${id}`;

/** Open mediation cases: a table at desktop width, a list of cards on a phone. */
export const WorkbenchCaseList = ({ rows, total, totalCapped, loading, paging, onPage }: Props) => {
  const { t, label } = useLocale();
  const phone = useIsPhone();
  const pagination = tablePagination(t, paging, total, onPage, totalCapped);

  if (phone) {
    return (
      <List<CaseRow>
        loading={loading}
        dataSource={rows}
        pagination={total ? { current: paging.page, pageSize: paging.pageSize, total, simple: true, align: 'center', onChange: (page) => onPage({ ...paging, page }) } : false}
        locale={{ emptyText: t('mediation.bench.noCases') }}
        // The simple pager shows no total: a count the server stopped short of is said under the list.
        footer={totalCapped ? <Typography.Text type="secondary">{t('common.totalCapped', { total: total ?? 0 })}</Typography.Text> : undefined}
        renderItem={(c) => (
          <List.Item className="fz-med-case-item">
            <div className="fz-med-case-item__head">
              <Link to={casePath(c.id)} className="fz-num">{c.ref}</Link>
              <Tag color="blue">{label(c.statusLabel)}</Tag>
            </div>
            <div className="fz-med-case-item__title">{c.title}</div>
            <div className="fz-med-case-item__meta">
              <span>{c.orgName}</span>
              <DueTag row={c} />
            </div>
            <Space className="fz-med-case-item__actions">
              <Link to={casePath(c.id)}><Button size="large" type="primary" ghost>{t('mediation.bench.open')}</Button></Link>
            </Space>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<CaseRow>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={total ? pagination : false}
      scroll={{ x: 1010 }}
      locale={{ emptyText: t('mediation.bench.noCases') }}
      columns={[
        { title: t('mediation.col.ref'), dataIndex: 'ref', width: 176, render: (v: string, c) => <Link to={casePath(c.id)} className="fz-num">{v}</Link> },
        { title: t('mediation.col.title'), dataIndex: 'title', ellipsis: { showTitle: true } },
        { title: t('mediation.col.org'), dataIndex: 'orgName', width: 132, ellipsis: true },
        { title: t('mediation.col.received'), dataIndex: 'receivedOn', width: 104, render: (v: string) => formatDate(v) },
        { title: t('mediation.col.status'), dataIndex: 'status', width: 150, render: (_: string, c) => <Tag color="blue">{label(c.statusLabel)}</Tag> },
        { title: t('mediation.col.due'), dataIndex: 'nextDue', width: 116, render: (_: string, c) => <DueTag row={c} /> },
        {
          title: t('common.actions'), key: 'actions', width: 130, fixed: 'right',
          render: (_: unknown, c) => (
            <Link to={casePath(c.id)}>{t('mediation.bench.open')}</Link>
          ),
        },
      ]}
    />
  );
};
