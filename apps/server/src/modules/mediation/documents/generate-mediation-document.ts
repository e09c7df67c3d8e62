import type { Actor, Platform } from '../../../platform/platform.ts';
import type { Principal } from '../../../platform/access/principal.ts';
import { generateCaseDocument, type GeneratedCaseDocument } from '../../../platform/documents/case-document.ts';
import { loadMediationFile } from './mediation-file.ts';
import { mediationDocuments, type MediationDocumentKind } from './mediation-documents.ts';

export type GenerateDocumentInput = {
  caseId: string;
  kind: MediationDocumentKind;
  /** 调解笔录 of one session; all sessions when absent. */
  sessionId?: string;
  /** Keep it on the case: a timeline entry with the SM3 of the bytes (needs mediation.handle). */
  keep: boolean;
  /** Masked personal data even for a caller who may see it in full. */
  masked?: boolean;
};
export type GeneratedDocument = GeneratedCaseDocument;

/** One of a mediation case's documents, through the platform's document pipeline (platform/documents/case-document.ts). */
export const generateMediationDocument = (platform: Platform, actor: Actor & { principal: Principal }, input: GenerateDocumentInput): Promise<GeneratedDocument> =>
  generateCaseDocument(platform, actor, { caseType: 'mediation', load: loadMediationFile }, mediationDocuments[input.kind], {
    caseId: input.caseId, kind: input.kind, keep: input.keep,
    ...(input.sessionId ? { part: input.sessionId } : {}), ...(input.masked !== undefined ? { masked: input.masked } : {}),
  });
