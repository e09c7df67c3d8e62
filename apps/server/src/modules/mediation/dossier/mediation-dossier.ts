import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Actor, Platform } from '../../../platform/platform.ts';
import { runScoped } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { generateCaseDocument, type CaseDocumentDef, type GeneratedCaseDocument } from '../../../platform/documents/case-document.ts';
import { renderDossier, type DossierEntry } from '../../../platform/documents/dossier.ts';
import { convertToPdf } from '../../../platform/documents/pdf.ts';
import { beijingIsoDate, chineseDate } from '../../../platform/documents/chinese-text.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadMediationFile, personName, type MediationFile } from '../documents/mediation-file.ts';
import { applicationPart, disputeName } from '../documents/application.document.ts';
import { registrationPart } from '../documents/registration.document.ts';
import { recordPart } from '../documents/record.document.ts';
import { agreementPart } from '../documents/agreement.document.ts';
import { terminationPart } from '../documents/termination.document.ts';
import { closingReportPart, endedOn, filingNotePart, followUpPart, rightsNoticePart } from '../documents/file-documents.ts';

/**
 * How long a mediation file is kept. Customary, not statutory: the county's archive rules
 * decide (卷宗 of ordinary disputes are commonly kept ten years); printed on the cover.
 */
export const RETENTION = '十年';

/** 卷号 from the case's reference: 张八桥-调-2024-0012 → （2024）张调字第12号. */
export const fileNumber = (ref: string): string => {
  const m = /^(.+?)-调-(\d{4})-(\d+)$/.exec(ref);
  return m ? `（${m[2]}）${(m[1] ?? '').slice(0, 1)}调字第${Number(m[3])}号` : ref;
};


/**
 * The documents of the file in the order a county's file review expects: application or
 * registration; the notice of rights and duties; identity proofs and other attachments (kept
 * electronically, listed); investigations; session records; the agreement; the return visit;
 * judicial confirmation papers (paper); the termination notice; the closing report; the note
 * on the file. Only what exists is printed.
 */
export const dossierEntries = (f: MediationFile, attachments: readonly { fileName: string; sm3: string; on: string }[], compiler: string, today: string): DossierEntry[] => {
  const closed = ['resolved', 'failed', 'transferred', 'refused', 'withdrawn'].includes(f.status);
  const paperOnly = f.confirmation ? ['司法确认申请书及人民法院确认裁定书'] : [];
  const firstSession = f.sessions[0];
  return [
    ...(f.source === 'public' ? [{ title: '人民调解申请书', date: f.receivedOn, part: applicationPart(f) }] : []),
    { title: '人民调解受理登记表', date: f.on.get('accept') ?? f.receivedOn, part: registrationPart(f) },
    { title: '人民调解当事人权利义务告知书', date: f.parties.map((p) => p.notice?.on).filter((d): d is string => !!d).sort()[0] ?? null, part: rightsNoticePart(f) },
    ...attachments.map((a): DossierEntry => ({ title: `附：${a.fileName}`, date: a.on, part: null, note: `电子件，SM3 ${a.sm3.slice(0, 8)}` })),
    ...(f.investigations.length > 0 ? [{ title: '调查记录', date: beijingIsoDate(f.investigations[0]?.heldAt ?? new Date()), part: recordPart(f, undefined, 'investigation') }] : []),
    ...(firstSession ? [{ title: f.sessions.length > 1 ? `调解笔录（共${f.sessions.length}次）` : '调解笔录', date: beijingIsoDate(firstSession.heldAt), part: recordPart(f) }] : []),
    ...(f.agreement ? [{ title: f.agreement.form === 'oral' ? '人民调解口头协议登记表' : '人民调解协议书', date: f.on.get('reach_agreement') ?? null, part: agreementPart(f) }] : []),
    ...(f.followUp ? [{ title: '人民调解回访记录', date: f.followUp.on, part: followUpPart(f) }] : []),
    ...(f.confirmation ? [{ title: `司法确认申请材料（${f.confirmation.court}）`, date: f.on.get('apply_confirmation') ?? null, part: null, note: '纸质原件另行归档' }] : []),
    ...(f.failure ? [{ title: '终止调解告知书', date: f.on.get('fail') ?? null, part: terminationPart(f) }] : []),
    ...(closed ? [{ title: '人民调解结案报告', date: endedOn(f), part: closingReportPart(f) }] : []),
    { title: '卷宗情况说明', date: today, part: filingNotePart(f, compiler, today, paperOnly) },
  ];
};

type DossierExtras = { attachments: { fileName: string; sm3: string; on: string }[] };

/** The whole file of one case as a document definition for the platform's pipeline (visibility, unmasking and its audit). */
const dossierDef = (compiler: string, today: string, extras: () => DossierExtras): CaseDocumentDef<MediationFile> => ({
  title: () => '人民调解卷宗',
  personalData: true,
  unavailable: () => null,
  render: (f) => renderDossier({
    cover: { heading: '人民调解卷宗', lines: [
      ['卷　　名', disputeName(f.title)], ['卷　　号', fileNumber(f.ref)], ['调解组织', f.committee],
      ['当 事 人', f.parties.map((p) => p.name).join('、')], ['人民调解员', f.mediators.join('、')],
      ['受理日期', f.on.get('accept') ? chineseDate(f.on.get('accept') ?? '') : ''], ['结案日期', endedOn(f) ? chineseDate(endedOn(f) ?? '') : ''],
      ['立 卷 人', compiler], ['保管期限', RETENTION],
    ] },
    entries: dossierEntries(f, extras().attachments, compiler, today),
    meta: { subject: f.title, keywords: f.ref },
  }),
});

/** Conversions to PDF one at a time: each LibreOffice start takes a core for seconds. */
let pdfQueue: Promise<unknown> = Promise.resolve();
export const toPdf = (docx: Buffer, baseName: string): Promise<Buffer> => {
  const run = pdfQueue.then(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fazhi-pdf-'));
    try {
      const input = path.join(dir, `${baseName}.docx`);
      await writeFile(input, docx);
      const [pdf] = await convertToPdf([input], dir).catch((e: unknown) => {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('DOCUMENT_CONVERTER_UNAVAILABLE');
        throw e;
      });
      return await readFile(pdf ?? '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  pdfQueue = run.catch(() => undefined);
  return run;
};

export type DossierInput = { caseId: string; format: 'docx' | 'pdf'; masked?: boolean };

/**
 * One case's file (卷宗) as a Word document or a PDF for archiving, through the document
 * pipeline: visible cases only (404 otherwise), personal data in full only with pii.unmask
 * at the case's org, each party so shown audited.
 */
export const generateMediationDossier = async (platform: Platform, actor: Actor & { principal: Principal }, input: DossierInput): Promise<GeneratedCaseDocument> => {
  const compiler = personName(actor.principal.displayName);
  const today = platform.cases.today();
  let extras: DossierExtras = { attachments: [] };
  const doc = await generateCaseDocument(platform, actor, {
    caseType: 'mediation',
    load: async (c, keys, caseId, full) => {
      extras = { attachments: (await c.query<{ file_name: string; sm3: string; on: string }>(
        `SELECT file_name, sm3, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS on
           FROM case_attachments WHERE case_id = $1 AND deleted_at IS NULL ORDER BY created_at`, [caseId])).rows
        .map((r) => ({ fileName: r.file_name, sm3: r.sm3, on: r.on })) };
      return loadMediationFile(c, keys, caseId, full);
    },
  }, dossierDef(compiler, today, () => extras), { caseId: input.caseId, kind: 'dossier', keep: false, ...(input.masked !== undefined ? { masked: input.masked } : {}) });
  if (input.format === 'docx') return doc;
  const bytes = await toPdf(doc.bytes, 'dossier');
  return { ...doc, bytes, fileName: doc.fileName.replace(/\.docx$/, '.pdf') };
};

/** The most files one download takes: a county downloads a township's year, and a year has a few hundred. */
export const MAX_DOSSIERS = 500;

/**
 * A year's files of the mediation cases that ended in it, under an org the caller reads (a
 * township, or the county for all), one Word file each in a ZIP, masked unless asked
 * otherwise. Row-level security decides which cases there are: another township's files
 * are never in it.
 */
export const exportYearDossiers = async (platform: Platform, actor: Actor & { principal: Principal }, q: { orgId: string; year: number; masked: boolean }): Promise<{ fileName: string; bytes: Buffer; count: number }> => {
  const cases = await runScoped(platform, actor, async (tx) => (await tx.client.query<{ id: string; township: string }>(
    `SELECT k.id, t.name AS township FROM cases k JOIN orgs t ON t.id = k.township_id
      WHERE k.case_type = 'mediation' AND k.ended_on >= make_date($2, 1, 1) AND k.ended_on < make_date($2 + 1, 1, 1)
        AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)
      ORDER BY t.name, k.ref LIMIT $3`, [q.orgId, q.year, MAX_DOSSIERS + 1])).rows);
  if (cases.length > MAX_DOSSIERS) throw new AppError('VALIDATION', { field: 'orgId', reason: `more than ${MAX_DOSSIERS} files: choose one township` });
  const zip = new JSZip();
  for (const k of cases) {
    const doc = await generateMediationDossier(platform, actor, { caseId: k.id, format: 'docx', masked: q.masked });
    zip.file(`${k.township}/${doc.fileName}`, doc.bytes);
  }
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  return { fileName: `人民调解卷宗-${q.year}.zip`, bytes, count: cases.length };
};
