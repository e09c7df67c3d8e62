/** 法律顾问: the review queue, the service log, the villages' advisers, the issues panel on the case page. */
export const advisorsZhCN = {
  'menu.advisors': '法律顾问',
  'permGroup.advisor': '法律顾问',
} as const;
