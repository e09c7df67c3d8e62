import { AppError } from '../../platform/errors.ts';
import { assertCanAt } from '../../platform/access/scope.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { loadCaseHead, type CaseHead } from '../../platform/cases/transition.ts';

/**
 * The case, when the caller may add or remove its files: the engine's rules, as for a
 * comment — visible and of a type the caller reads (else 404), and the type's handle
 * permission at the case's org (else 403).
 */
export const loadHandledCase = async (ctx: CaseCtx, caseId: string, lock = false): Promise<CaseHead> => {
  const { head, type } = await loadCaseHead(ctx, caseId, lock);
  if (!ctx.principal) throw new AppError('FORBIDDEN');
  await assertCanAt(ctx.client, ctx.principal, type.handlePermission, head.org_id, head.created_by);
  return head;
};
