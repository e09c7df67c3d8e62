import type { TablePaginationConfig } from 'antd';
import type { Translate } from '../i18n/locale-context.tsx';

export type PageState = { page: number; pageSize: number };
export const firstPage: PageState = { page: 1, pageSize: 10 };

/**
 * A list's count as a figure to show: the total, or "10000+" when the server stopped counting
 * there (a case list over several townships says `totalCapped`).
 */
export const countText = (t: Translate, list: { total: number; totalCapped?: boolean }): string | number =>
  (list.totalCapped ? t('common.moreThan', { n: list.total }) : list.total);

/** Pagination at the bottom right with 10/20/50 per page and the total ("more than" it, when `capped`). */
export const tablePagination = (
  t: Translate,
  state: PageState,
  total: number | undefined,
  onChange: (next: PageState) => void,
  capped = false,
): TablePaginationConfig => ({
  current: state.page,
  pageSize: state.pageSize,
  total: total ?? 0,
  showSizeChanger: true,
  pageSizeOptions: [10, 20, 50],
  showTotal: (n) => t(capped ? 'common.totalCapped' : 'common.total', { total: n }),
  placement: ['bottomEnd'],
  onChange: (page, pageSize) => onChange({ page: pageSize === state.pageSize ? page : 1, pageSize }),
});
