import { readFileSync } from 'node:fs';

/**
 * 张八桥镇's own report on 2023 (关于2023年法治政府建设情况的报告), the text the product grew
 * from: the demo pastes it in as an office would, and the checks' tests run on it.
 */
export const seedReportText = (): string => readFileSync(new URL('./demo-2023-report.txt', import.meta.url), 'utf8');
