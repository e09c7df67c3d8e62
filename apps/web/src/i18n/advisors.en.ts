import type { advisorsZhCN } from './advisors.zh-CN.ts';

export const advisorsEn: Record<keyof typeof advisorsZhCN, string> = {
  'menu.advisors': 'Legal advisers',
  'permGroup.advisor': 'Legal advisers',
};
