import { useState } from 'react';
import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { CaseQuery } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchPetitions } from './petitions-api.ts';
import '../cases/cases.css';

type Tab = 'registered' | 'soon' | 'overdue' | 'open';
const tabs: { key: Tab; label: MessageKey; query: Omit<CaseQuery, 'type'> }[] = [
  { key: 'registered', label: 'petitions.desk.tab.registered', query: { status: 'registered' } },
  { key: 'soon', label: 'petitions.desk.tab.soon', query: { statusKind: 'open', due: 'soon' } },
  { key: 'overdue', label: 'petitions.desk.tab.overdue', query: { statusKind: 'open', due: 'overdue' } },
  { key: 'open', label: 'petitions.desk.tab.open', query: { statusKind: 'open' } },
];

/** 信访工作台: new matters still to notify (第二十三条), those due soon, those overdue, all in hand. */
export const PetitionDeskPage = () => {
  const t = useT();
  const can = useCan();
  const [tab, setTab] = useState<Tab>('registered');
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = { ...(tabs.find((x) => x.key === tab)?.query ?? {}), page: paging.page, pageSize: paging.pageSize };
  const list = useRemote(() => fetchPetitions(query), JSON.stringify(query));
  const types = useCaseTypes();
  return (
    <Card
      title={t('petitions.desk.title')}
      extra={can('petition.handle') && <Link to="/console/petitions/new"><Button type="primary" icon={<PlusOutlined />} data-testid="petition-new">{t('petitions.desk.new')}</Button></Link>}
    >
      <Tabs activeKey={tab} onChange={(k) => { setTab(k as Tab); setPaging(firstPage); }} items={tabs.map((x) => ({ key: x.key, label: t(x.label) }))} />
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <CaseTable data={list.data} loading={list.loading} types={types.data?.items} paging={paging} onPage={setPaging} emptyText={t('petitions.desk.empty')} />
      )}
    </Card>
  );
};
