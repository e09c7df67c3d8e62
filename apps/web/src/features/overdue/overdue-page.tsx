import { useState } from 'react';
import { Card, Empty, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { OverdueRow } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { caseLink, joinNames } from '../cases/case-columns.tsx';
import { useOverdue } from './overdue-api.ts';
import '../cases/cases.css';

/** 超期督办: every clock past its due date in the caller's scope, most overdue first. */
export const OverduePage = () => {
  const { t, label } = useLocale();
  const phone = useIsPhone();
  const overdue = useOverdue();
  const [paging, setPaging] = useState<PageState>(firstPage);
  const rows = [...(overdue.data?.items ?? [])].sort((a, b) => b.daysOverdue - a.daysOverdue || a.ref.localeCompare(b.ref));

  const columns: TableColumnsType<OverdueRow> = [
    { title: t('cases.col.ref'), dataIndex: 'ref', width: 170, render: (ref: string, r) => <Link to={caseLink(r.caseId)} className="fz-nowrap">{ref}</Link> },
    { title: t('cases.col.title'), dataIndex: 'title', width: 260, render: (title: string, r) => <Link to={caseLink(r.caseId)}>{title}</Link> },
    { title: t('cases.col.org'), dataIndex: 'orgName', width: 130, ellipsis: true },
    { title: t('overdue.col.deadline'), dataIndex: 'deadline', width: 130, render: (_: string, r) => label(r.deadlineLabel) },
    { title: t('overdue.col.dueDate'), dataIndex: 'dueDate', width: 110, render: (v: string) => <span className="fz-nowrap">{formatDate(v)}</span> },
    {
      title: t('overdue.col.days'), dataIndex: 'daysOverdue', width: 100, defaultSortOrder: 'descend',
      sorter: (a, b) => a.daysOverdue - b.daysOverdue,
      render: (n: number) => <Tag color="error" className="fz-due-tag">{t('overdue.days', { n })}</Tag>,
    },
    {
      title: t('cases.col.assignees'), dataIndex: 'assignees', width: 140, ellipsis: true,
      render: (names: string[]) => (names.length ? joinNames(t, names) : <span className="fz-muted">—</span>),
    },
  ];

  return (
    <Card title={t('menu.overdue')} extra={overdue.data && <Tag color={rows.length ? 'error' : 'success'}>{t('overdue.count', { n: rows.length })}</Tag>}>
      <Typography.Paragraph type="secondary" className="fz-page-hint">{t('overdue.hint')}</Typography.Paragraph>
      <LoadError error={overdue.error} onRetry={overdue.reload} />
      {phone ? (
        <List<OverdueRow>
          loading={overdue.loading}
          dataSource={rows}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overdue.empty')} /> }}
          renderItem={(r) => (
            <Link key={`${r.caseId}:${r.deadline}`} to={caseLink(r.caseId)} className="fz-case-card">
              <div className="fz-case-card__top">
                <span className="fz-case-card__ref">{r.ref}</span>
                <Tag color="error" className="fz-due-tag">{t('due.daysOverdue', { n: r.daysOverdue })}</Tag>
              </div>
              <div className="fz-case-card__title">{r.title}</div>
              <div className="fz-case-card__meta">
                <span>{r.orgName} · {label(r.deadlineLabel)} · {formatDate(r.dueDate)}</span>
                <span>{joinNames(t, r.assignees)}</span>
              </div>
            </Link>
          )}
        />
      ) : (
        <Table<OverdueRow>
          rowKey={(r) => `${r.caseId}:${r.deadline}`}
          columns={columns}
          dataSource={rows}
          loading={overdue.loading}
          size="middle"
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overdue.empty')} /> }}
          pagination={tablePagination(t, paging, rows.length, setPaging)}
        />
      )}
    </Card>
  );
};
