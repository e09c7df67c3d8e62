import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Popconfirm, Row, Space, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { deleteOverride, fetchCalendarYear } from './calendar-api.ts';
import { dayRows, type CalendarDayRow } from './calendar-rows.ts';
import { useCan } from '../auth/session-context.tsx';
import { ClockLengths } from './clock-lengths.tsx';
import { DecisionSettingsCard } from '../decisions/decision-settings-card.tsx';
import { DueCalculator } from './due-calculator.tsx';
import { ImportModal } from './import-modal.tsx';
import { OverrideModal } from './override-modal.tsx';
import { YearCalendar } from './year-calendar.tsx';
import '../cases/cases.css';
import './calendar.css';

/**
 * 节假日管理: the year's official rest days and make-up workdays, administrators' entries, the
 * import of next year's State Council schedule, and a due-date calculator.
 */
export const CalendarPage = () => {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const year = month.year();
  const data = useRemote(() => fetchCalendarYear(year), String(year));
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const rows = data.data?.year === year ? dayRows(data.data) : [];

  const remove = (r: CalendarDayRow) => {
    if (!r.override) return;
    void deleteOverride(r.override.id).then((res) => {
      void message.success(t('calendar.recomputed', { n: res.recomputed }));
      data.reload();
    }, reportError);
  };

  const columns: TableColumnsType<CalendarDayRow> = [
    {
      title: t('calendar.col.date'), dataIndex: 'date', width: 116,
      render: (d: string) => <span className="fz-nowrap">{formatDate(d)} <span className="fz-muted">{dayjs(d).format('dd')}</span></span>,
    },
    {
      title: t('calendar.col.kind'), key: 'kind', width: 64,
      render: (_, r) => <Tag color={r.working ? 'blue' : 'red'}>{t(r.working ? 'calendar.kind.workday' : 'calendar.kind.holiday')}</Tag>,
    },
    { title: t('calendar.col.name'), dataIndex: 'name', ellipsis: true, render: (n: string | null) => n ?? '—' },
    {
      title: t('calendar.col.source'), key: 'source', width: 104,
      render: (_, r) => (
        <Space size={2} className="fz-nowrap">
          <span className="fz-small">{t(r.override ? 'calendar.source.override' : 'calendar.source.official')}</span>
          {r.override && (
            <Popconfirm
              title={t('calendar.delete.confirm', { day: r.date, name: r.override.name })}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(r)}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('calendar.delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card className="fz-query-card fz-cal-toolbar">
        <Space wrap size={12}>
          <span>{t('calendar.year')}</span>
          <DatePicker
            picker="year"
            allowClear={false}
            value={month}
            onChange={(d) => d && setMonth(d.month(d.year() === dayjs().year() ? dayjs().month() : 0).startOf('month'))}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('calendar.add')}</Button>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>{t('calendar.import')}</Button>
        </Space>
      </Card>
      <LoadError error={data.error} onRetry={data.reload} />
      {data.data?.year === year && (data.data.covered ? (
        <Alert
          className="fz-cal-banner"
          type="success"
          showIcon
          title={data.data.officialYears.includes(year) ? t('calendar.covered', { source: data.data.officialSource }) : t('calendar.coveredByEntries')}
        />
      ) : (
        <Alert className="fz-cal-banner" type="warning" showIcon title={t('calendar.provisional')} data-testid="calendar-provisional" />
      ))}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card className="fz-case-card-block" loading={data.loading && !rows.length}>
            <YearCalendar rows={rows} month={month} onMonth={(d) => setMonth(d.startOf('month'))} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('calendar.list')} className="fz-case-card-block" extra={<Tag>{rows.length}</Tag>}>
            <Table<CalendarDayRow>
              rowKey="date"
              size="small"
              columns={columns}
              dataSource={rows}
              loading={data.loading}
              pagination={false}
              scroll={{ y: 520 }}
              onRow={(r) => ({ onClick: () => setMonth(dayjs(r.date).startOf('month')) })}
              rowClassName={(r) => (dayjs(r.date).month() === month.month() ? 'fz-cal-row--current' : '')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.list.empty')} /> }}
            />
          </Card>
        </Col>
      </Row>
      <DueCalculator />
      {can('settings.manage') && <ClockLengths />}
      {can('settings.manage') && <DecisionSettingsCard />}
      <OverrideModal open={adding} year={year} onClose={() => setAdding(false)} onDone={() => { setAdding(false); data.reload(); }} />
      <ImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onDone={(y) => {
          setImporting(false);
          if (y && y !== year) setMonth(dayjs(`${y}-01-01`));
          else data.reload();
        }}
      />
    </>
  );
};
