import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.ts';
import { convertToPdf } from '../../../platform/documents/pdf.ts';

/**
 * The five mediation documents opened by a real word processor: LibreOffice (Debian's
 * libreoffice-writer-nogui, installed by scripts/test.mjs) converts them to PDF in one run,
 * and poppler's pdftotext and pdfinfo read back what a person would see. Set
 * FAZHI_DOCUMENT_PREVIEW=<dir> to keep the PDFs and a PNG of the agreement's first page.
 */
const run = promisify(execFile);
const flat = (s: string): string => s.replace(/\s+/g, '');
let h: Harness;
let dir: string;

beforeAll(async () => {
  h = await createHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'fazhi-documents-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mediation documents in LibreOffice', () => {
  it('converts all five to A4 PDFs that show the title, the parties and the terms', async () => {
    const one = async (sql: string): Promise<{ id: string; ref: string; terms: string | null }> => {
      const r = (await h.db.query<{ id: string; ref: string; terms: string | null }>(sql)).rows[0];
      if (!r) throw new Error(`no demo case for ${sql}`);
      return r;
    };
    const resolved = await one(`SELECT id, ref, steps -> 'reach_agreement' ->> 'terms' AS terms FROM cases
      WHERE case_type = 'mediation' AND status = 'resolved' AND year = 2023 AND steps -> 'reach_agreement' ->> 'agreementForm' = 'written'
        AND EXISTS (SELECT 1 FROM mediation_sessions s WHERE s.case_id = cases.id) ORDER BY ref LIMIT 1`);
    const failed = await one("SELECT id, ref, NULL AS terms FROM cases WHERE case_type = 'mediation' AND status = 'failed' AND year = 2023 ORDER BY ref LIMIT 1");
    const names = async (id: string) => (await h.db.query<{ name: string }>('SELECT name FROM case_parties WHERE case_id = $1', [id])).rows.map((r) => r.name);
    const sifa = await h.signIn('sifa');
    const wanted = [
      { kind: 'application', kase: resolved, title: '人民调解申请书' },
      { kind: 'registration', kase: resolved, title: '人民调解受理登记表' },
      { kind: 'record', kase: resolved, title: '调解笔录' },
      { kind: 'agreement', kase: resolved, title: '人民调解协议书' },
      { kind: 'termination', kase: failed, title: '终止调解告知书' },
    ] as const;
    const files: string[] = [];
    for (const w of wanted) {
      const res = await h.app.inject({ method: 'POST', url: `/api/mediation/cases/${w.kase.id}/documents/${w.kind}/download`, headers: { cookie: sifa.cookie, 'x-csrf-token': sifa.me.csrfToken } });
      expect(res.statusCode, w.kind).toBe(200);
      const file = path.join(dir, `${w.kind}.docx`);
      await writeFile(file, res.rawPayload);
      files.push(file);
    }

    const pdfs = await convertToPdf(files, dir);

    for (const [i, w] of wanted.entries()) {
      const pdf = pdfs[i] ?? '';
      const info = (await run('pdfinfo', [pdf])).stdout;
      expect(info, w.kind).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = flat((await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).stdout);
      expect(text, w.kind).toContain(w.title);
      for (const n of await names(w.kase.id)) expect(text, `${w.kind}: ${n}`).toContain(n);
      if (w.kind === 'agreement') {
        expect(text).toContain(flat(resolved.terms ?? ''));
        expect(text).toContain('本协议一式三份，当事人各执一份，人民调解委员会留存一份。');
        // The page number "— 1 —" is drawn at the foot of the first page.
        expect(text).toMatch(/—1—/);
      }
      if (w.kind === 'termination') expect(text).toContain('第二十六条');
    }
    // The body's fonts became CJK fonts LibreOffice has (the standard's are named, Word substitutes).
    expect((await run('pdffonts', [pdfs[3] ?? ''])).stdout).toMatch(/CJK/);

    const keep = process.env.FAZHI_DOCUMENT_PREVIEW;
    if (keep) {
      await mkdir(keep, { recursive: true });
      for (const p of pdfs) await copyFile(p, path.join(keep, path.basename(p)));
      await run('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', pdfs[3] ?? '', path.join(keep, 'agreement')]);
    }
  }, 240_000);
});
