import type { ReactNode } from 'react';
import { Drawer, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useT } from '../i18n/locale-context.tsx';
import { LoadError } from './load-error.tsx';
import { useRemote } from './use-remote.ts';
import { useIsPhone } from './use-viewport.ts';

type Props<T> = {
  /** Closed when null; `key` reloads the list when it changes. */
  open: { key: string; load: () => Promise<{ items: T[] }> } | null;
  title: (shown: number | null) => ReactNode;
  help: ReactNode;
  columns: ColumnsType<T>;
  /** Narrows the loaded list (a bar of a chart: its month, village …). */
  keep?: (row: T) => boolean;
  onClose: () => void;
  testId?: string;
};

/**
 * The records behind a number, in a drawer: the statistics pages and the cockpit open it on a
 * figure, each with the list from the same definition the figure is counted by.
 */
export const RecordsDrawer = <T extends { id: string }>({ open, title, help, columns, keep, onClose, testId }: Props<T>) => {
  const t = useT();
  const phone = useIsPhone();
  const list = useRemote(() => (open ? open.load() : Promise.resolve({ items: [] as T[] })), open?.key ?? 'none');
  const rows = (list.data?.items ?? []).filter((r) => !keep || keep(r));
  return (
    <Drawer open={open !== null} onClose={onClose} size={phone ? '100%' : 880} destroyOnHidden title={open ? title(list.loading ? null : rows.length) : ''}>
      <LoadError error={list.error} onRetry={list.reload} />
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Table<T>
        rowKey="id" size="small" loading={list.loading} dataSource={rows} scroll={{ x: 820 }} data-testid={testId} columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { total: n }), placement: ['bottomEnd'] }}
      />
    </Drawer>
  );
};
