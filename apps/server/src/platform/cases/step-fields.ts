import { Type } from 'typebox';

/**
 * Building blocks of a case type's typed fields (intake and steps), each with its Chinese title
 * (what the generic form shows) and English description: a required text that is not blank,
 * an optional text, a choice among values, a count, an object that refuses unknown keys.
 */
export const text = (zh: string, en: string, maxLength: number) => Type.String({ title: zh, description: en, minLength: 1, maxLength, pattern: '\\S' });
export const optionalText = (zh: string, en: string, maxLength: number) => Type.Optional(Type.String({ title: zh, description: en, maxLength }));
export const oneOf = (zh: string, en: string, values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)), { title: zh, description: en });
export const count = (zh: string, en: string) => Type.Integer({ title: zh, description: en, minimum: 0, maximum: 999 });
export const closed = { additionalProperties: false } as const;
/** JSON Schema: when `field` is one of `values`, the named fields are required too. */
export const when = (field: string, values: readonly string[], required: readonly string[]): Record<string, unknown> =>
  ({ if: { properties: { [field]: { enum: [...values] } }, required: [field] }, then: { required: [...required] } });
