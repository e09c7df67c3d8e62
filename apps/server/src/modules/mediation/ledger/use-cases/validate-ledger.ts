import { sealField, sm3 } from '../../../../platform/crypto/sm.ts';
import { assertCanAt, orgsWithPermission } from '../../../../platform/access/scope.ts';
import type { Principal } from '../../../../platform/access/principal.ts';
import { AppError } from '../../../../platform/errors.ts';
import { runScoped, type Actor, type Platform } from '../../../../platform/platform.ts';
import { runThread } from '../../../../platform/threads/threads.ts';
import { headerOf } from '../ledger.columns.ts';
import type { ParsedLine } from '../ledger.parse.ts';
import type { LedgerProblem } from '../ledger.read.ts';
import type { ReadInput, ReadOutput } from '../ledger.read-thread.ts';
import { orgWithTownship } from '../ledger-export.repository.ts';
import { existingRefs, insertImport, insertImportRows, townshipPlaces, type NewRow } from '../ledger-import.repository.ts';

type Scoped = { platform: Platform; actor: Actor & { principal: Principal } };
export type ImportTarget = { orgId: string; townshipId: string; orgName: string };

/**
 * Whose ledger an upload is: the org asked for, else the caller's own org. The caller must
 * handle mediation there (404 when the org is out of sight, 403 when only visible), and it
 * must belong to a township, whose villages the rows' village names are looked up in.
 */
export const importTarget = async ({ platform, actor }: Scoped, orgId: string | null): Promise<ImportTarget> =>
  runScoped(platform, actor, async (tx) => {
    const id = orgId ?? tx.principal.orgId;
    await assertCanAt(tx.client, tx.principal, 'mediation.handle', id);
    const org = await orgWithTownship(tx.client, id);
    if (!org) throw new AppError('NOT_FOUND');
    if (!org.township_id) throw new AppError('VALIDATION', { field: 'orgId', reason: '请选择一个乡镇或其下的村（社区）' });
    return { orgId: org.id, townshipId: org.township_id, orgName: org.name };
  });

/**
 * The reading thread's heap limits (MiB): the largest file taken (20,000 rows, MAX_ROWS)
 * needs ~320 MiB while exceljs holds it; the limit leaves room above that.
 */
const READ_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 16 };

export type ValidationResult = { importId: string; total: number; valid: number; problems: LedgerProblem[] };

/**
 * Reads and checks an uploaded ledger WITHOUT writing any case: every row's dates,
 * category, village (it must be one of the township's and the caller must handle mediation
 * there), required cells, phone formats, and case numbers already used (in the file or in
 * the township). Stores the parsed rows (phones sealed) and their problems as an import
 * record the user can look at and then accept or leave.
 */
export const validateLedger = async (s: Scoped & { target: ImportTarget; fileName: string; file: Buffer }): Promise<ValidationResult> => {
  const bytes = Uint8Array.from(s.file);
  const { parsed, fileProblems } = await runThread<ReadInput, ReadOutput>(new URL('../ledger.read-thread.ts', import.meta.url),
    { file: bytes, today: s.platform.cases.today() }, READ_LIMITS, [bytes.buffer]);
  return runScoped(s.platform, s.actor, async (tx) => {
    const { townshipId } = s.target;
    const places = await townshipPlaces(tx.client, townshipId);
    const orgOf = new Map<ParsedLine, string>();
    for (const p of parsed) {
      const f = p.fields;
      const problem = (column: string, message: string): void => { p.problems.push({ sheet: p.sheet, row: p.rowNo, column, message }); };
      if (f.village) {
        const id = places.villages.get(f.village);
        if (id) orgOf.set(p, id);
        else problem(headerOf('village'), `“${f.village}”不是您管辖范围内的村（社区）`);
      } else {
        // No village: a village's committee names it; otherwise the case is the importing org's own.
        orgOf.set(p, places.villageCommittees.get(f.committee) ?? s.target.orgId);
      }
    }
    const allowed = await orgsWithPermission(tx.client, tx.principal, 'mediation.handle', [...new Set(orgOf.values())]);
    for (const [p, id] of orgOf) {
      if (allowed.has(id)) continue;
      const column = p.fields.village ? headerOf('village') : headerOf('committee');
      p.problems.push({ sheet: p.sheet, row: p.rowNo, column, message: `您无权在“${p.fields.village || p.fields.committee}”办理人民调解（不在您的管辖范围内）` });
      orgOf.delete(p);
    }
    const refs = parsed.map((p) => p.fields.ref).filter((r): r is string => r !== null);
    const taken = await existingRefs(tx.client, townshipId, [...new Set(refs)]);
    const seen = new Map<string, ParsedLine>();
    for (const p of parsed) {
      const ref = p.fields.ref;
      if (!ref) continue;
      const first = seen.get(ref);
      if (first) p.problems.push({ sheet: p.sheet, row: p.rowNo, column: headerOf('ref'), message: `案件编号“${ref}”与${first.sheet}第${first.rowNo}行重复` });
      else seen.set(ref, p);
      if (taken.has(ref)) p.problems.push({ sheet: p.sheet, row: p.rowNo, column: headerOf('ref'), message: `案件编号“${ref}”已存在，该案件已登记过` });
    }
    const keys = s.platform.keys.fields;
    const rows: NewRow[] = parsed.map((p) => ({
      sheet: p.sheet, rowNo: p.rowNo, orgId: orgOf.get(p) ?? null, fields: p.fields, problems: p.problems,
      phonesEnc: p.phones.length > 0 ? sealField(keys, JSON.stringify(p.phones)) : null,
    }));
    const valid = fileProblems.length === 0 ? rows.filter((r) => r.problems.length === 0).length : 0;
    // A file missing a column is refused whole: its rows stay for the report, none is valid.
    if (fileProblems.length > 0) for (const r of rows) if (r.problems.length === 0) r.problems.push({ sheet: r.sheet, row: r.rowNo, column: '', message: '文件缺少必需的列，本行未导入' });
    const importId = await insertImport(tx.client, {
      townshipId, orgId: s.target.orgId, fileName: s.fileName, fileSm3: sm3(s.file).toString('hex'), total: rows.length, valid, fileProblems, userId: tx.principal.userId,
    });
    await insertImportRows(tx.client, importId, townshipId, rows);
    await tx.audit({ orgId: s.target.orgId, townshipId, action: 'mediation.ledger.upload', entity: 'ledger_import', entityId: importId,
      after: { fileName: s.fileName, total: rows.length, valid } });
    return { importId, total: rows.length, valid, problems: [...fileProblems, ...rows.flatMap((r) => r.problems)] };
  });
};
