import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Segmented, Typography } from 'antd';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { CaseTable } from '../cases/case-table.tsx';
import { fetchTasks, useCaseTypes } from '../cases/cases-api.ts';
import { NothingToDoNotice, useModuleAvailability } from '../cases/module-availability.tsx';
import { dueOf, tasksQuery, type DueFilter } from './tasks-query.ts';
import '../cases/cases.css';

/** 我的待办: open cases assigned to me, each with its next deadline as a countdown. */
export const TasksPage = () => {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const due = dueOf(params.get('due'));
  const setDue = (v: DueFilter) => setParams(v === 'all' ? {} : { due: v });
  const modules = useModuleAvailability();
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = tasksQuery(paging, due);
  const tasks = useRemote(() => fetchTasks(query), JSON.stringify(query));
  const types = useCaseTypes();

  return (
    <Card
      title={t('menu.tasks')}
      extra={
        <Segmented<DueFilter>
          value={due}
          onChange={(v) => {
            setDue(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'soon', label: t('cases.query.dueSoon') },
            { value: 'overdue', label: t('cases.query.overdue') },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary" className="fz-page-hint">{t('cases.tasks.hint')}</Typography.Paragraph>
      {!modules.loading && modules.handleable.length === 0 && <NothingToDoNotice t={t} availability={modules} />}
      <LoadError error={tasks.error} onRetry={tasks.reload} />
      <CaseTable
        data={tasks.data}
        loading={tasks.loading}
        types={types.data?.items}
        paging={paging}
        onPage={setPaging}
        emptyText={t('cases.tasks.empty')}
      />
    </Card>
  );
};
