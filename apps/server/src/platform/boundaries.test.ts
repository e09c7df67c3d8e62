import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The rule "the platform imports no module" lives in eslint.config.js. These synthetic files go
// through the real configuration (without type information, which the rule does not need), so
// the rule cannot stop working unnoticed, say after a config change or a move of the folders.
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

const boundaryProblems = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('the platform imports no module', () => {
  it('reports a platform file importing from a module, whatever the form of the import', async () => {
    const code = [
      "import { caseTypes } from '../modules/case-types.ts';",
      "import type { LedgerNote } from '../../modules/mediation/ledger/ledger-line.ts';",
      "export { ledgerJobTasks } from '../../modules/mediation/ledger/ledger.jobs.ts';",
      'export const used = [caseTypes, null as LedgerNote | null];',
    ].join('\n');
    const problems = await boundaryProblems('apps/server/src/platform/jobs/synthetic.ts', code);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('The platform imports no module');
  });

  it('lets the platform import itself and the contracts, and lets modules import the platform', async () => {
    const platformCode = "import { isPermission } from '@fazhi/contracts';\nimport { addDays } from './calendar/index.ts';\nexport const used = [isPermission, addDays];\n";
    expect(await boundaryProblems('apps/server/src/platform/synthetic.ts', platformCode)).toEqual([]);
    const moduleCode = "import { addDays } from '../../platform/calendar/index.ts';\nimport { caseTypes } from '../case-types.ts';\nexport const used = [addDays, caseTypes];\n";
    expect(await boundaryProblems('apps/server/src/modules/mediation/synthetic.ts', moduleCode)).toEqual([]);
  });
});
