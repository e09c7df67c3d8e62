import type { CaseTypeDef } from '../platform/cases/definition.ts';
import { mediationCaseType } from './mediation/mediation.workflow.ts';

/** Every module's case types, registered with the engine at start (each module adds its own). */
export const caseTypes: readonly CaseTypeDef[] = [mediationCaseType];
