import type { Actor, Platform } from '../platform.ts';
import { caseCtxOf, runScoped } from '../platform.ts';
import type { Principal } from '../access/principal.ts';
import { assertCanAt, canAt } from '../access/scope.ts';
import { loadCaseHead } from '../cases/transition.ts';
import { appendCaseEvent } from '../cases/events.ts';
import { sm3, type FieldKeys } from '../crypto/sm.ts';
import type { Client } from '../db/pools.ts';
import { AppError } from '../errors.ts';

/** What a case's document is filled from: the module's record of the case, with its parties' sealed fields named. */
export type CaseDocumentFile = { ref: string; parties: readonly { id: string; sealedFields: readonly string[] }[] };

/** One kind of document a module produces from its cases. */
export type CaseDocumentDef<F extends CaseDocumentFile> = {
  title: (f: F) => string;
  /** Prints sealed personal data (ID number, phone, address): in full only with pii.unmask, and audited. */
  personalData: boolean;
  /** Why the case cannot have this document yet (a stable reason), or null. */
  unavailable: (f: F, part?: string) => string | null;
  render: (f: F, part?: string) => Promise<Buffer>;
};

/** How a module loads the record its documents are filled from (personal data opened only when `full`). */
export type CaseDocumentSource<F extends CaseDocumentFile> = {
  caseType: string;
  load: (c: Client, keys: FieldKeys, caseId: string, full: boolean) => Promise<F>;
};

export type CaseDocumentInput = {
  caseId: string;
  kind: string;
  /** A part of the case the document is about (one session's record); all when absent. */
  part?: string;
  /** Keep it on the case: a timeline entry with the SM3 of the bytes (needs the type's handle permission). */
  keep: boolean;
  /** Masked personal data even for a caller who may see it in full. */
  masked?: boolean;
};
export type GeneratedCaseDocument = { fileName: string; bytes: Buffer; sm3: string; kept: boolean; fullPersonalData: boolean };

/**
 * The document pipeline every module uses: the case must be visible to the caller (404
 * otherwise, as every case read) and of the module's type; parties' ID numbers, phones and
 * addresses are printed in full only for a caller with pii.unmask at the case's org, each
 * party so shown writing a pii.view audit row; everyone else gets them masked. Keeping the
 * document records its SM3 on the case's timeline with its audit row, in one transaction.
 * The layout is the module's (`renderOfficialDocument` / `renderFormDocument`, GB/T 9704).
 */
export const generateCaseDocument = <F extends CaseDocumentFile>(
  platform: Platform, actor: Actor & { principal: Principal }, source: CaseDocumentSource<F>, def: CaseDocumentDef<F>, input: CaseDocumentInput,
): Promise<GeneratedCaseDocument> =>
  runScoped(platform, actor, async (tx) => {
    const { head, type } = await loadCaseHead(caseCtxOf(platform, tx), input.caseId);
    if (head.case_type !== source.caseType) throw new AppError('NOT_FOUND');
    if (input.keep) await assertCanAt(tx.client, tx.principal, type.handlePermission, head.org_id, head.created_by);
    const full = def.personalData && !input.masked && (await canAt(tx.client, tx.principal, 'pii.unmask', head.org_id, head.created_by));
    const file = await source.load(tx.client, platform.keys.fields, head.id, full);
    const reason = def.unavailable(file, input.part);
    if (reason) throw new AppError('DOCUMENT_NOT_AVAILABLE', { kind: input.kind, reason });
    const bytes = await def.render(file, input.part);
    const hash = sm3(bytes).toString('hex');
    const title = def.title(file);
    const fileName = `${file.ref}-${title}.docx`;
    const revealed = full ? file.parties.filter((p) => p.sealedFields.length > 0) : [];
    for (const p of revealed) {
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'pii.view', entity: 'case_party', entityId: p.id,
        after: { fields: p.sealedFields, caseId: head.id, document: input.kind } });
    }
    if (input.keep) {
      const payload = { kind: input.kind, title, fileName, sm3: hash, size: bytes.length, fullPersonalData: revealed.length > 0, sessionId: input.part ?? null };
      const eventId = await appendCaseEvent(tx.client, { caseId: head.id, townshipId: head.township_id, actorId: tx.principal.userId, kind: 'document', payload });
      await tx.audit({ orgId: head.org_id, townshipId: head.township_id, action: 'case.document', entity: 'case', entityId: head.id, after: { ...payload, eventId } });
    }
    return { fileName, bytes, sm3: hash, kept: input.keep, fullPersonalData: revealed.length > 0 };
  });
