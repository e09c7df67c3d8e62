import { useState } from 'react';
import { Button, Card, Segmented, Space, Typography } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { firstPage, type PageState } from '../../shared/pagination.ts';
import { useRemote } from '../../shared/use-remote.ts';
import { useCan } from '../auth/session-context.tsx';
import { CaseTable } from '../cases/case-table.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchRequests } from './disclosure-api.ts';

/** 依申请公开工作台: the township's requests, those still open first (with their reply due dates), and the way to register one. */
export const DisclosureDeskPage = () => {
  const t = useT();
  const can = useCan();
  const types = useCaseTypes();
  const [open, setOpen] = useState(true);
  const [paging, setPaging] = useState<PageState>(firstPage);
  const list = useRemote(() => fetchRequests(open, paging.page, paging.pageSize), `disclosure:${open}:${paging.page}:${paging.pageSize}`);
  const disclosure = types.data?.items.filter((x) => x.code === 'disclosure');

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('disclosure.desk.title')}</Typography.Title>}
      extra={
        <Space wrap>
          <Link to="/console/disclosure/report"><Button icon={<BarChartOutlined />} data-testid="disclosure-report-link">{t('disclosure.desk.report')}</Button></Link>
          {can('disclosure.handle') && <Link to="/console/disclosure/new"><Button type="primary" icon={<PlusOutlined />}>{t('disclosure.desk.new')}</Button></Link>}
        </Space>
      }
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Segmented<boolean>
          value={open}
          onChange={(v) => { setOpen(v); setPaging(firstPage); }}
          options={[{ value: true, label: t('disclosure.desk.open') }, { value: false, label: t('disclosure.desk.all') }]}
        />
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
          <CaseTable data={list.data} loading={list.loading} types={disclosure} paging={paging} onPage={setPaging} emptyText={t('disclosure.desk.empty')} />
        )}
      </Space>
    </Card>
  );
};
