import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import type { Client } from '../../platform/db/pools.ts';
import { buildMetricRegistry } from '../../platform/metrics/metrics.ts';
import { modules } from '../index.ts';
import { renderReportDocument } from './annual-report.document.ts';
import { figureCodes, liveFigures, reportScope } from './annual-report.figures.ts';
import { draftContent } from './annual-report.outline.ts';
import { partsInUse, reportDocument, reportParts, township } from './annual-report.service.ts';

type Out = { print: (s: string) => void; error: (s: string) => void };

/**
 * `fazhi report annual --township 张八桥镇 --year 2023 --out report.docx`: the township's report
 * as Word — the report on record (its latest draft with live figures, or the signed text with
 * the figures it was signed with), or, when none has been started, the draft the system would
 * generate from the records (not saved).
 */
export const annualReportCommand = async (args: string[], out: Out, run: <T>(fn: (c: Client) => Promise<T>) => Promise<T>): Promise<number> => {
  const { values } = parseArgs({ args, options: { township: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } } });
  const year = Number(values.year);
  if (!values.township || !Number.isInteger(year) || year < 2000 || year > 2100 || !values.out) {
    out.error('usage: fazhi report annual --township 张八桥镇 --year 2023 --out report.docx');
    return 2;
  }
  const sources = { modules, metrics: buildMetricRegistry(modules.flatMap((m) => m.metrics ?? []), modules.flatMap((m) => m.reportParts ?? [])) };
  return run(async (c) => {
    const found = (await c.query<{ id: string }>("SELECT id FROM orgs WHERE kind = 'township' AND (name = $1 OR code = $1)", [values.township])).rows[0];
    if (!found) { out.error(`没有名为 ${values.township} 的乡镇 / No township ${values.township}`); return 2; }
    const t = await township(c, found.id);
    const existing = (await c.query<{ case_id: string; status: string }>(
      'SELECT r.case_id, k.status FROM annual_reports r JOIN cases k ON k.id = r.case_id WHERE r.township_id = $1 AND r.year = $2', [t.id, year])).rows[0];
    let bytes: Buffer;
    let what: string;
    if (existing) {
      bytes = (await reportDocument(sources, c, existing.case_id)).bytes;
      what = `已有报告（${existing.status}）`;
    } else {
      const content = draftContent(year, t.name, reportParts(sources), await partsInUse(c, sources, t.id, year));
      const figures = await liveFigures(c, sources.metrics, await reportScope(c, t.id, year), figureCodes(content));
      bytes = await renderReportDocument({ content, figures, township: t.name, county: t.county, year, signedOn: null, draft: true });
      what = '系统生成的初稿（未保存）';
    }
    await writeFile(values.out ?? '', bytes);
    out.print(`${t.name}${year}年法治政府建设情况报告：${what}，写入 ${values.out ?? ''}`);
    return 0;
  });
};
