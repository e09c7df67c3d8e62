import fastJson from 'fast-json-stringify';

type Schema = Record<string, unknown>;
const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNull = (s: unknown): boolean => isSchema(s) && s.type === 'null' && Object.keys(s).length === 1;
const constType = (s: unknown): string | null =>
  isSchema(s) && 'const' in s ? (typeof s.const === 'string' ? 'string' : typeof s.const === 'number' ? 'number' : typeof s.const === 'boolean' ? 'boolean' : null) : null;

/**
 * The response schema as the serializer needs it, with the same output. fast-json-stringify
 * writes a union (`anyOf`) by validating the value against each branch with Ajv at run time —
 * for every nullable field and every choice of words, on every answer: 205 µs to write a case
 * page that JSON.stringify writes in 27 µs (issue 11). The unions the contracts use are of two
 * kinds that need no validation to be written:
 * - a schema or null (`Type.Union([X, Type.Null()])`): X marked `nullable`, which the
 *   serializer writes as null or as X;
 * - a choice of constants of one type (`Type.Union([Type.Literal('a'), …])`): that type.
 * Any other union is left as it is. Properties not in the schema are still left out, as before.
 * Only the serializer sees this copy: validation and the OpenAPI document keep the contract.
 */
export const serializable = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(serializable);
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === 'properties' || k === 'patternProperties'
      ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, serializable(s)]))
      : k === 'items' || k === 'additionalProperties' || k === 'anyOf' ? serializable(v) : v;
  }
  const branches = out.anyOf;
  if (!Array.isArray(branches)) return out;
  const { anyOf: _, ...siblings } = out;
  const others: unknown[] = branches.filter((b) => !isNull(b));
  const nullable = others.length < branches.length ? { nullable: true } : {};
  const [one] = others;
  // X or null (X itself no union): X, nullable. Its constant, if any, is only what it may be.
  if (others.length === 1 && isSchema(one) && !('anyOf' in one) && typeof one.type === 'string') {
    const { const: _c, enum: _e, ...x } = one;
    return { ...siblings, ...x, ...nullable };
  }
  // A choice of constants of one type (or null): that type.
  const types = new Set(others.map(constType));
  const [only] = [...types];
  if (others.length > 1 && types.size === 1 && only) return { ...siblings, type: only, ...nullable };
  return out;
};

/** Fastify's serializer compiler, on the schema as serializable() writes it. */
export const serializerCompiler = ({ schema }: { schema: unknown }): ((data: unknown) => string) =>
  fastJson(serializable(schema) as Parameters<typeof fastJson>[0]);
