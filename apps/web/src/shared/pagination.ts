import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n/locale-context.tsx';

export type PageState = { page: number; pageSize: number };
export const firstPage: PageState = { page: 1, pageSize: 10 };

/** Pagination at the bottom right with 10/20/50 per page and the total. */
export const tablePagination = (
  t: Translate,
  state: PageState,
  total: number | undefined,
  onChange: (next: PageState) => void,
): TablePaginationConfig => ({
  current: state.page,
  pageSize: state.pageSize,
  total: total ?? 0,
  showSizeChanger: true,
  pageSizeOptions: [10, 20, 50],
  showTotal: (n) => t('common.total', { total: n }),
  placement: ['bottomEnd'],
  onChange: (page, pageSize) => onChange({ page: pageSize === state.pageSize ? page : 1, pageSize }),
});
