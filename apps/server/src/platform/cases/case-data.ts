import type { TObject, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../errors.ts';
import type { Label } from './definition.ts';

const isBlank = (x: unknown): boolean => x === undefined || x === null || (typeof x === 'string' && x.trim() === '');

/**
 * A schema's errors, with a failed conditional (`allOf: [{ if, then }]`: a reply withheld
 * must say why) replaced by the errors of its `then` part, so that each names its field.
 */
const errorsOf = (schema: TObject, v: Record<string, unknown>): { keyword: string; instancePath: string; params: unknown }[] =>
  [...Value.Errors(schema, v)].flatMap((e) => {
    const m = e.keyword === 'if' ? /^#\/allOf\/(\d+)$/.exec(e.schemaPath) : null;
    const then = m ? (schema as { allOf?: { then?: TSchema }[] }).allOf?.[Number(m[1])]?.then : undefined;
    return then ? [...Value.Errors(then, v)] : [e];
  });

export type FieldProblem = { field: string; label: Label; rule: string };

const labelOf = (schema: TObject, field: string): Label => {
  const p = (schema.properties as Record<string, TSchema & { title?: string; description?: string }>)[field];
  return { zh: p?.title ?? field, en: p?.description ?? p?.title ?? field };
};

/**
 * Checks a request's module data or step fields against the case type's schema. Unknown
 * fields are refused, not dropped: a key the engine or a module keeps elsewhere (a step, a
 * committee) can never arrive through a request. Each problem names its field with the
 * schema's Chinese `title`, so the clerk reads which box is wrong.
 */
export const checkCaseData = (schema: TObject | undefined, value: Record<string, unknown> | undefined, where: 'data' | 'fields'): Record<string, unknown> => {
  const v = value ?? {};
  if (!schema) {
    if (Object.keys(v).length === 0) return {};
    throw new AppError('CASE_DATA_INVALID', { where, fields: Object.keys(v).map((k): FieldProblem => ({ field: k, label: { zh: k, en: k }, rule: 'unknown' })) });
  }
  if (Value.Check(schema, v)) return v;
  const problems = new Map<string, FieldProblem>();
  for (const e of errorsOf(schema, v)) {
    const params = e.params as { additionalProperties?: string[]; requiredProperties?: string[] };
    const names = e.keyword === 'additionalProperties' ? params.additionalProperties ?? []
      : e.keyword === 'required' ? params.requiredProperties ?? []
        : [e.instancePath.split('/')[1] ?? ''];
    for (const n of names) {
      if (n === '' || problems.has(n)) continue;
      const known = n in schema.properties;
      problems.set(n, { field: n, label: known ? labelOf(schema, n) : { zh: n, en: n }, rule: known ? e.keyword : 'unknown' });
    }
  }
  // Only required fields missing or left blank: the step's required fields, as before schemas.
  const list = [...problems.values()];
  const blank = (p: FieldProblem): boolean => ['required', 'minLength', 'pattern', 'format'].includes(p.rule) && isBlank(v[p.field]);
  if (list.length > 0 && list.every(blank)) throw new AppError('CASE_FIELDS_REQUIRED', { missing: list.map((p) => p.field), fields: list });
  // An error with no field (the value is not an object at all) still refuses the request.
  throw new AppError('CASE_DATA_INVALID', { where, fields: problems.size > 0 ? [...problems.values()] : [{ field: '', label: { zh: where, en: where }, rule: 'type' }] });
};
