import type { gridZhCN } from './grid.zh-CN.ts';

/** English strings of grid events (the second language). */
export const gridEn = {
  'menu.grid': 'Grid events',
} satisfies Record<keyof typeof gridZhCN, string>;
