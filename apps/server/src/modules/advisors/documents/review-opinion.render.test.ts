import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../../test/harness.ts';
import { convertToPdf } from '../../../platform/documents/pdf.ts';

/**
 * A review's 法律审查意见书 opened by a real word processor: LibreOffice converts the opinion on a
 * demo 2023 村规民约 to PDF, and poppler reads back what a person would see.
 */
const run = promisify(execFile);
const flat = (s: string): string => s.replace(/\s+/g, '');
let h: Harness;
let dir: string;
let cadre: Agent;

beforeAll(async () => {
  h = await createHarness();
  cadre = await h.signIn('cunwei');
  dir = await mkdtemp(path.join(tmpdir(), 'fazhi-review-opinion-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (agent: Agent, url: string) => h.app.inject({ method: 'POST', url, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } });

describe('the legal opinion in LibreOffice', () => {
  it('converts 东营村\'s village rules opinion to an A4 PDF with its conclusion, issues, article and advisor', async () => {
    const kase = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'legal_review' AND title = '东营村村规民约修订审查'")).rows[0];
    if (!kase) throw new Error('no demo review');
    const res = await post(cadre, `/api/advisors/cases/${kase.id}/opinion/download`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const file = path.join(dir, 'opinion.docx');
    await writeFile(file, res.rawPayload);
    const [pdf] = await convertToPdf([file], dir);
    expect((await run('pdfinfo', [pdf ?? ''])).stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = flat((await run('pdftotext', ['-enc', 'UTF-8', pdf ?? '', '-'])).stdout);
    for (const x of ['法律审查意见书', '东营村村规民约（修订稿）', '审查结论', '修改后合法', '外嫁女', '改为批评教育、责令清理', '第二十七条', '报镇人民政府备案', '冯律师', '河南宝丰（示例）律师事务所']) {
      expect(text, x).toContain(flat(x));
    }
  }, 120_000);

  it('refuses an opinion not yet given, and another village sees none', async () => {
    const open = (await h.db.query<{ id: string }>("SELECT k.id FROM cases k JOIN orgs o ON o.id = k.org_id WHERE k.case_type = 'legal_review' AND k.status = 'submitted' AND o.code = 'S02'")).rows[0]?.id ?? '';
    const clerk = await h.signIn('dangzheng');
    const res = await post(clerk, `/api/advisors/cases/${open}/opinion/download`);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('DOCUMENT_NOT_AVAILABLE');
    expect((await post(cadre, `/api/advisors/cases/${open}/opinion/download`)).statusCode).toBe(404);
  });
});
