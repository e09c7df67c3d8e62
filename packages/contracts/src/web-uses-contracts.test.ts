import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What crosses the wire between the server and the web is declared once, here in the contracts,
// as a TypeBox schema the server validates and answers with and whose static type the web
// imports. The web's `*-api.ts` files, where every request is made, declare no shape of their
// own: an object type written there is a copy of a server answer that nothing keeps in step.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const webSrc = join(root, 'apps/web/src');
const apiMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'upload']);

const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []);

/** The web's own declarations of wire data in one file: each as `file:line: what`. */
const wireTypeProblems = (fileName: string, text: string): string[] => {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const isApiFile = /-api\.ts$/.test(fileName);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`${fileName}:${line + 1}: ${what}`);
  };
  const owner = (node: ts.Node): string => {
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if ((ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n) || ts.isVariableDeclaration(n) || ts.isFunctionDeclaration(n)) && n.name) return n.name.getText(source);
    }
    return 'an inline type';
  };
  const visit = (node: ts.Node): void => {
    if (isApiFile && ts.isInterfaceDeclaration(node)) {
      report(node, `interface ${node.name.text} declares a shape by hand (declare it in packages/contracts and import its type)`);
      return;
    }
    if (isApiFile && (ts.isTypeLiteralNode(node) || ts.isMappedTypeNode(node))) {
      report(node, `${owner(node)} writes an object type by hand (declare it in packages/contracts and import its type)`);
      return;
    }
    if (!isApiFile && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
      && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'api' && apiMethods.has(node.expression.name.text)) {
      report(node, `api.${node.expression.name.text} is called outside a *-api.ts file (requests belong in the feature's *-api.ts)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
};

describe('the web takes its wire types from the contracts', () => {
  it('finds no shape declared by hand in the web', () => {
    const files = filesUnder(webSrc);
    expect(files.filter((f) => f.endsWith('-api.ts')).length).toBeGreaterThan(10);
    const problems = files.flatMap((f) => wireTypeProblems(relative(root, f), readFileSync(f, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('reports a copied answer, an inline answer or body, an interface, and a request made outside an api file', () => {
    const api = [
      "import type { CaseView } from '@fazhi/contracts';",
      "import { api } from '../../api/client.ts';",
      'export type Stats = Record<string, number> & { year: number };',
      'export interface Row { id: string }',
      'export const fetchRows = () => api.get<{ items: CaseView[] }>(\'/rows\');',
      'export const save = (body: { name: string }) => api.post<void>(\'/rows\', body);',
      'export type Counts = { [k in \'a\' | \'b\']: number };',
    ].join('\n');
    const problems = wireTypeProblems('apps/web/src/features/x/x-api.ts', api);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/x-api\.ts:3: Stats writes an object type by hand/);
    expect(problems[1]).toMatch(/x-api\.ts:4: interface Row/);
    expect(problems[2]).toMatch(/x-api\.ts:5: fetchRows writes/);
    expect(problems[3]).toMatch(/x-api\.ts:6: save writes/);
    expect(problems[4]).toMatch(/x-api\.ts:7: Counts writes/);
    const page = "import { api } from '../../api/client.ts';\nexport const load = () => api.get<unknown>('/rows');\n";
    expect(wireTypeProblems('apps/web/src/features/x/x-page.tsx', page)).toEqual([
      'apps/web/src/features/x/x-page.tsx:2: api.get is called outside a *-api.ts file (requests belong in the feature\'s *-api.ts)',
    ]);
  });

  it('lets an api file name contract types, derive from them and export constants', () => {
    const api = [
      "import type { CaseList, CaseQuery, PartyRevealBody } from '@fazhi/contracts';",
      "import { api, toQuery } from '../../api/client.ts';",
      "export type RevealField = PartyRevealBody['field'];",
      'export const kinds = [\'a\', \'b\'] as const;',
      'export type Kind = (typeof kinds)[number];',
      'export const fetchCases = (query: Partial<CaseQuery>) => api.get<CaseList>(`/cases${toQuery(query)}`);',
    ].join('\n');
    expect(wireTypeProblems('apps/web/src/features/x/x-api.ts', api)).toEqual([]);
  });
});
