/** Strings of grid events (网格事件): the grid worker's phone pages, the 综治中心's desk, the portal's 随手拍. */
export const gridZhCN = {
  'menu.grid': '网格事件',
} as const;
