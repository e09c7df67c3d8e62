import { Empty, List, Pagination, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseList, CaseRow } from '@fazhi/contracts';
import type { CaseTypeInfo } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { tablePagination, type PageState } from '../../shared/pagination.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { caseLink, useCaseColumns } from './case-columns.tsx';
import { DueTag, WaitingTags } from './due-tag.tsx';
// The list's own styles (cards on a phone), whichever page shows it.
import './cases.css';
import { Highlight, withoutTitle } from './highlight.tsx';
import { StatusTag } from './status-tag.tsx';

type Props = {
  data: CaseList | undefined;
  loading: boolean;
  types: readonly CaseTypeInfo[] | undefined;
  paging: PageState;
  onPage: (next: PageState) => void;
  emptyText: string;
};

/** One case as a card row on a phone: the whole row is the link (a large touch target). */
const CaseCard = ({ row }: { row: CaseRow }) => (
  <Link to={caseLink(row.id)} className="fz-case-card">
    <div className="fz-case-card__top">
      <span className="fz-case-card__ref">{row.ref}</span>
      <StatusTag label={row.statusLabel} kind={row.statusKind} />
    </div>
    <div className="fz-case-card__title">{row.title}</div>
    {row.snippet && <Typography.Text type="secondary" className="fz-case-snippet"><Highlight snippet={withoutTitle(row.snippet, row.title)} /></Typography.Text>}
    <div className="fz-case-card__meta">
      <span>{row.orgName} · {formatDate(row.receivedOn)}</span>
      {row.statusKind === 'open' ? <DueTag due={row.nextDue} state={row.dueState} remaining={row.remaining} unit={row.nextDueUnit} /> : <span className="fz-muted">—</span>}
    </div>
    {row.statusKind === 'open' && row.waiting && <div className="fz-case-card__waiting"><WaitingTags waiting={row.waiting} /></div>}
  </Link>
);

/** The case list: a table at desk width, cards on a phone; pagination bottom right, 10/20/50. */
export const CaseTable = ({ data, loading, types, paging, onPage, emptyText }: Props) => {
  const t = useT();
  const phone = useIsPhone();
  const columns = useCaseColumns(types);
  const pagination = tablePagination(t, paging, data?.total, onPage, data?.totalCapped);
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  if (phone) {
    return (
      <>
        <List<CaseRow> loading={loading} dataSource={data?.items} locale={{ emptyText: empty }} renderItem={(row) => <CaseCard key={row.id} row={row} />} />
        {(data?.total ?? 0) > 0 && (
          <div className="fz-case-pager">
            {/* The simple pager shows no total: a count the server stopped short of is said here. */}
            {data?.totalCapped && <Typography.Text type="secondary">{t('common.totalCapped', { total: data.total })}</Typography.Text>}
            <Pagination
              size="small"
              simple
              current={paging.page}
              pageSize={paging.pageSize}
              total={data?.total}
              onChange={(page, pageSize) => onPage({ page, pageSize })}
            />
          </div>
        )}
      </>
    );
  }
  return (
    <Table<CaseRow>
      rowKey="id"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      size="middle"
      scroll={{ x: 1000 }}
      locale={{ emptyText: empty }}
      pagination={pagination}
    />
  );
};
