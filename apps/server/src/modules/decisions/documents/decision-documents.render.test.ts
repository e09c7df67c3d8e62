import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Agent, type Harness } from '../../../test/harness.ts';
import { convertToPdf } from '../../../platform/documents/pdf.ts';

/**
 * A decision's documents opened by a real word processor: LibreOffice converts the
 * legality-review opinion, the meeting's minutes and the published decision of a demo 2023
 * decision to PDF, and poppler reads back what a person would see. Set
 * FAZHI_DOCUMENT_PREVIEW=<dir> to keep the PDFs.
 */
const run = promisify(execFile);
const flat = (s: string): string => s.replace(/\s+/g, '');
let h: Harness;
let dir: string;
let leader: Agent;

beforeAll(async () => {
  h = await createHarness();
  leader = await h.signIn('leader');
  dir = await mkdtemp(path.join(tmpdir(), 'fazhi-decision-documents-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (agent: Agent, url: string) => h.app.inject({ method: 'POST', url, headers: { cookie: agent.cookie, 'x-csrf-token': agent.me.csrfToken } });

describe('decision documents in LibreOffice', () => {
  it('converts the opinion, the minutes and the decision to A4 PDFs with what each must say', async () => {
    const kase = (await h.db.query<{ id: string; ref: string; title: string }>(
      `SELECT id, ref, title FROM cases WHERE case_type = 'decision' AND title LIKE '%集贸市场搬迁规划%'`)).rows[0];
    if (!kase) throw new Error('no demo decision');
    const wanted = [
      { kind: 'legal_opinion', texts: ['重大行政决策合法性审查意见书', '审查结论', '合法', '冯律师', '第二十五条'] },
      { kind: 'minutes', texts: ['镇政府常务会议纪要', '出席人员', '过半数（至少5人），符合', '同意7人，不同意1人，弃权0人', '行政首长最后发表意见', '孙委员建议暂缓搬迁', '同意集贸市场搬迁规划'] },
      { kind: 'decision', texts: ['关于集贸市场搬迁规划的决定', '向社会公开征求意见（收到意见2条）', '经合法性审查', '公众意见及答复情况', '保留南街早市', '部分采纳', '第三十五条'] },
    ] as const;
    const files: string[] = [];
    for (const w of wanted) {
      const res = await post(leader, `/api/decisions/cases/${kase.id}/documents/${w.kind}/download`);
      expect(res.statusCode, `${w.kind}: ${res.body.slice(0, 200)}`).toBe(200);
      const file = path.join(dir, `${w.kind}.docx`);
      await writeFile(file, res.rawPayload);
      files.push(file);
    }
    const pdfs = await convertToPdf(files, dir);
    for (const [i, w] of wanted.entries()) {
      const pdf = pdfs[i] ?? '';
      expect((await run('pdfinfo', [pdf])).stdout, w.kind).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = flat((await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout);
      for (const x of w.texts) expect(text, `${w.kind}: ${x}`).toContain(flat(x));
      // Who commented is never printed.
      expect(text).not.toContain('张国强');
    }
    const keep = process.env.FAZHI_DOCUMENT_PREVIEW;
    if (keep) {
      await mkdir(keep, { recursive: true });
      for (const [i, w] of wanted.entries()) await copyFile(pdfs[i] ?? '', path.join(keep, `decision-${w.kind}.pdf`));
    }
  }, 120_000);

  it('refuses a document whose step is not on record, and another township sees none', async () => {
    const open = (await h.db.query<{ id: string }>("SELECT id FROM cases WHERE case_type = 'decision' AND status = 'commenting' LIMIT 1")).rows[0]?.id ?? '';
    const res = await post(leader, `/api/decisions/cases/${open}/documents/minutes/download`);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('DOCUMENT_NOT_AVAILABLE');
    const sifa = await h.signIn('sifa');
    expect((await post(sifa, `/api/decisions/cases/${open}/documents/minutes/download`)).statusCode).toBe(403);
  });
});
