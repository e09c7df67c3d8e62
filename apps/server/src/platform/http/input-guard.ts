import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Input no route may pass on, refused at the edge for every route (docs/reliability.md,
 * "No 500 for bad input"). After the route's schema has validated and coerced the request
 * and before any handler runs, every string and key in params, querystring and body is
 * checked, and every number:
 *
 * - NUL (U+0000): PostgreSQL stores no NUL in text or jsonb;
 * - a lone surrogate (half of a UTF-16 pair, e.g. "\ud800"): not Unicode text, so it cannot
 *   be written as UTF-8 for the database, a document or a log;
 * - a number that is not finite: JSON `1e999` parses to Infinity, and a querystring's
 *   `page=1e999` is coerced to Infinity past the schema's `maximum` (Ajv skips its bounds
 *   for non-finite numbers after coercion);
 * - nesting deeper than any request of this API needs.
 *
 * The answer is 400 VALIDATION naming the field, as for any other schema failure.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 32;

export type InputProblem = { path: string; rule: 'nul' | 'surrogate' | 'finite' | 'depth'; message: string };

const textProblem = (s: string): InputProblem['rule'] | null => (s.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(s) ? 'surrogate' : null);

const messages: Record<InputProblem['rule'], string> = {
  nul: 'must not contain the NUL character (U+0000)',
  surrogate: 'must be well-formed Unicode text (no lone surrogate)',
  finite: 'must be a finite number',
  depth: `must not be nested more than ${MAX_DEPTH} levels deep`,
};

/** JSON Pointer escaping of one path segment (as Ajv's instancePath). */
const segment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first value in `value` that no route may take, with its JSON Pointer; null if none. Iterative: no input can exhaust the stack. */
export const findUnacceptable = (value: unknown): InputProblem | null => {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { v, path, depth } = item;
    let rule: InputProblem['rule'] | null = null;
    if (typeof v === 'string') rule = textProblem(v);
    else if (typeof v === 'number') rule = Number.isFinite(v) ? null : 'finite';
    else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) rule = 'depth';
      else if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i] as unknown, path: `${path}/${i}`, depth: depth + 1 });
      } else if (!Buffer.isBuffer(v)) {
        const entries = Object.entries(v as Record<string, unknown>);
        for (let i = entries.length - 1; i >= 0; i--) {
          const [key, child] = entries[i] as [string, unknown];
          const keyRule = textProblem(key);
          if (keyRule) return { path: `${path}/${segment(key.split('\u0000').join('\\u0000'))}`, rule: keyRule, message: messages[keyRule] };
          stack.push({ v: child, path: `${path}/${segment(key)}`, depth: depth + 1 });
        }
      }
    }
    if (rule) return { path, rule, message: messages[rule] };
  }
  return null;
};

/** A validation error as Fastify's schema validation makes one, for the one error handler. */
const validationError = (context: 'params' | 'querystring' | 'body', p: InputProblem): Error =>
  Object.assign(new Error(`${context}${p.path} ${p.message}`), {
    statusCode: 400, validationContext: context,
    validation: [{ instancePath: p.path, keyword: p.rule, message: p.message, params: {}, schemaPath: '' }],
  });

export const checkRequestInput = (req: Pick<FastifyRequest, 'params' | 'query' | 'body'>): Error | null => {
  for (const [context, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
    const problem = findUnacceptable(value);
    if (problem) return validationError(context, problem);
  }
  return null;
};

export const registerInputGuard = (app: FastifyInstance): void => {
  app.addHook('preHandler', async (req) => {
    const err = checkRequestInput(req);
    if (err) throw err;
  });
};
