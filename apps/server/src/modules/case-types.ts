import type { CaseTypeDef } from '../platform/cases/definition.ts';

/** Every module's case types, registered with the engine at start (each module adds its own). */
export const caseTypes: readonly CaseTypeDef[] = [];
