import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../test/harness.ts';
import { formatCounts, runSchemaFuzz } from '../../test/schema-fuzz.ts';
import { caseTypesOf } from '../modules.ts';
import { modules } from '../../modules/index.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';

/**
 * No bad input is answered 500 (docs/reliability.md, section 3): every API route, fuzzed from
 * its own schemas with NUL characters, lone surrogates, impossible dates, 1e999, huge numbers,
 * long strings, wrong types, unknown ids and extra keys, as a township user, the administrator
 * and anonymously. A fixed seed keeps `npm test` repeatable (FAZHI_FUZZ_SEED picks another);
 * `node --import tsx bench/fuzz.ts` runs many more requests.
 */
let h: Harness;
beforeAll(async () => { h = await createHarness({}, { caseTypes: [sampleCaseType] }); });
afterAll(async () => { await h.close(); });

describe('schema-driven fuzz of every API route', () => {
  it('answers no request with a 5xx', async () => {
    const result = await runSchemaFuzz({
      app: h.app, db: h.db, caseTypes: caseTypesOf(modules, [sampleCaseType]),
      runsPerRoute: Number(process.env.FAZHI_FUZZ_RUNS ?? 5), seed: Number(process.env.FAZHI_FUZZ_SEED ?? 20261120),
    });
    console.log(formatCounts(result, process.env.FAZHI_FUZZ_ANSWERS === 'examples' ? 'examples' : process.env.FAZHI_FUZZ_ANSWERS !== undefined));
    for (const f of result.failures.slice(0, 20)) console.log(`${f.status} ${f.who} ${f.method} ${f.url} ${f.body}\n    → ${f.answer}`);
    expect(result.routes.length).toBeGreaterThan(60);
    expect(result.failures.map((f) => `${f.route}: ${f.url} ${f.body.slice(0, 120)}`)).toEqual([]);
  }, 120_000);
});
