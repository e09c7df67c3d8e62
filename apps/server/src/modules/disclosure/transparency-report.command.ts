import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import type { Client } from '../../platform/db/pools.ts';
import { buildMetricRegistry, townshipsOf } from '../../platform/metrics/metrics.ts';
import { modules } from '../index.ts';
import { buildTransparencyReport, renderTransparencyReport } from './transparency-report.ts';

type Out = { print: (s: string) => void; error: (s: string) => void };

/** `fazhi transparency report --township 张八桥镇 --year 2023 --out x.docx [--json]`: the yearly report, written as Word. */
export const transparencyReportCommand = async (args: string[], out: Out, run: <T>(fn: (c: Client) => Promise<T>) => Promise<T>): Promise<number> => {
  const { values } = parseArgs({ args, options: { township: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } } });
  const year = Number(values.year);
  if (!values.township || !Number.isInteger(year) || year < 2000 || year > 2100 || (!values.out && !values.json)) {
    out.error('usage: fazhi transparency report --township 张八桥镇 --year 2023 --out report.docx [--json]');
    return 2;
  }
  const registry = buildMetricRegistry(modules.flatMap((m) => m.metrics ?? []));
  return run(async (c) => {
    const t = (await c.query<{ id: string; name: string }>("SELECT id, name FROM orgs WHERE kind = 'township' AND (name = $1 OR code = $1)", [values.township])).rows[0];
    if (!t) { out.error(`没有名为 ${values.township} 的乡镇 / No township ${values.township}`); return 2; }
    const report = await buildTransparencyReport(c, registry, { year, orgId: t.id, townshipIds: await townshipsOf(c, t.id) }, t.name);
    if (values.out) await writeFile(values.out, await renderTransparencyReport(report));
    if (values.json) out.print(JSON.stringify(report, null, 2));
    else out.print(`${t.name} ${year}年政府信息公开工作年度报告：本年新收 ${report.rows[0]?.cells?.total ?? 0} 件，写入 ${values.out ?? ''}`);
    return 0;
  });
};
