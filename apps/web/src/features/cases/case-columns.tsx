import { Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CaseRow } from '@fazhi/contracts';
import type { CaseTypeInfo } from '@fazhi/contracts';
import { useLocale, type Translate } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { DueTag, WaitingTags } from './due-tag.tsx';
import { Highlight, withoutTitle } from './highlight.tsx';
import { StatusTag } from './status-tag.tsx';

export const caseLink = (id: string): string => `/console/cases/${id}`;
/** 张三、李四 in Chinese, "Zhang, Li" in English. */
export const joinNames = (t: Translate, names: readonly string[]): string => names.join(t('cases.listSeparator'));

/** Columns of every case list (待办, 事项查询): ref, title (with the search excerpt), type, status, org, dates, assignees. */
export const useCaseColumns = (types: readonly CaseTypeInfo[] | undefined): TableColumnsType<CaseRow> => {
  const { t, label } = useLocale();
  const typeLabel = (code: string): string => {
    const found = types?.find((x) => x.code === code);
    return found ? label(found.label) : code;
  };
  return [
    {
      title: t('cases.col.ref'), dataIndex: 'ref', width: 160,
      render: (ref: string, row) => <Link to={caseLink(row.id)} className="fz-nowrap">{ref}</Link>,
    },
    {
      title: t('cases.col.title'), dataIndex: 'title',
      render: (title: string, row) => (
        <Space orientation="vertical" size={2}>
          <Link to={caseLink(row.id)} className="fz-case-title">{title}</Link>
          {row.snippet && <Typography.Text type="secondary" className="fz-case-snippet"><Highlight snippet={withoutTitle(row.snippet, row.title)} /></Typography.Text>}
        </Space>
      ),
    },
    { title: t('cases.col.type'), dataIndex: 'type', width: 88, render: (code: string) => typeLabel(code) },
    { title: t('cases.col.status'), key: 'status', width: 140, render: (_, row) => <StatusTag label={row.statusLabel} kind={row.statusKind} /> },
    { title: t('cases.col.org'), dataIndex: 'orgName', width: 100, ellipsis: true },
    { title: t('cases.col.received'), dataIndex: 'receivedOn', width: 104, render: (v: string) => <span className="fz-nowrap">{formatDate(v)}</span> },
    { title: t('cases.col.due'), key: 'due', width: 120, render: (_, row) => (row.statusKind === 'open' ? <Space orientation="vertical" size={4}><DueTag due={row.nextDue} state={row.dueState} remaining={row.remaining} unit={row.nextDueUnit} /><WaitingTags waiting={row.waiting} /></Space>
        : <span className="fz-muted fz-nowrap">{row.endedOn ? t('cases.endedOn', { date: formatDate(row.endedOn) }) : '—'}</span>) },
    {
      title: t('cases.col.assignees'), dataIndex: 'assignees', width: 110, ellipsis: true,
      render: (names: string[]) => (names.length ? joinNames(t, names) : <span className="fz-muted">—</span>),
    },
  ];
};
