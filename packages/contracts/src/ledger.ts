/** Contracts of the mediation ledger (人民调解案件登记台账) export and import. */
import { Type, type Static } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const LedgerExportQuery = Type.Object({
  /** One year's ledger; without it, every year, one sheet each. */
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  /** Only the cases of this org and below (a village, the township). */
  orgId: Type.Optional(Type.String({ format: 'uuid' })),
}, { additionalProperties: false });

export const LedgerUploadQuery = Type.Object({
  /** Whose ledger this is (a village or the township); default the caller's own org. */
  orgId: Type.Optional(Type.String({ format: 'uuid' })),
}, { additionalProperties: false });

/** One problem, where a clerk finds it in the file. */
export const LedgerProblem = Type.Object({ sheet: Type.String(), row: Type.Integer(), column: Type.String(), message: Type.String() });
export type LedgerProblem = Static<typeof LedgerProblem>;

export const LedgerImportCreated = Type.Object({
  importId: Type.String({ format: 'uuid' }), total: Type.Integer(), valid: Type.Integer(), problems: Type.Array(LedgerProblem),
});
export type LedgerImportCreated = Static<typeof LedgerImportCreated>;

export const LedgerImportView = Type.Object({
  /** validated → (accepted) queued → running → done | done_with_errors | failed */
  id: Type.String(), fileName: Type.String(), status: Type.String(), total: Type.Integer(), valid: Type.Integer(),
  processed: Type.Integer(), written: Type.Integer(), failed: Type.Integer(), error: Nullable(Type.String()),
  createdAt: Type.String(), acceptedAt: Nullable(Type.String()), finishedAt: Nullable(Type.String()),
  problems: Type.Array(LedgerProblem),
  /** What each row became (a case, with its reference) or why not: one page, in file order. */
  results: Type.Array(Type.Object({
    /** invalid (not written: see problems) | valid (waiting) | written | failed (see message) */
    sheet: Type.String(), row: Type.Integer(), status: Type.String(), caseId: Nullable(Type.String()), ref: Nullable(Type.String()), message: Nullable(Type.String()),
  })),
  /** 'accept' when the caller may accept it now. */
  actions: Type.Array(Type.String()),
});
export type LedgerImportView = Static<typeof LedgerImportView>;

export const LedgerImportQuery = Type.Object({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
}, { additionalProperties: false });
