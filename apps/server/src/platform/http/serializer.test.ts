import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { CaseList, CaseView } from '@fazhi/contracts';
import { createHarness, type Harness } from '../../test/harness.ts';
import { serializable } from './serializer.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness(); });
afterAll(async () => { await h.close(); });

const both = (schema: object) => ({ contract: fastJson(schema), fast: fastJson(serializable(schema) as object) });

describe('response serializer', () => {
  it('writes every case page and list of the demo town exactly as the contract\'s serializer does', async () => {
    let pages = 0;
    for (const user of ['sifa', 'tiaojie1', 'xinfang', 'dangzheng', 'county']) {
      const a = await h.signIn(user);
      const list = await a.get('/api/cases?pageSize=100');
      expect(list.status).toBe(200);
      const l = both(CaseList);
      expect(l.fast(list.body)).toBe(l.contract(list.body));
      const p = both(CaseView);
      for (const item of list.body.items.slice(0, 25) as { id: string }[]) {
        const page = await a.get(`/api/cases/${item.id}`);
        expect(page.status).toBe(200);
        expect(p.fast(page.body)).toBe(p.contract(page.body));
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(50);
  });

  it('still leaves out what the contract does not name, and writes null, constants and nested unions as before', () => {
    const schema = Type.Object({
      a: Type.Union([Type.String(), Type.Null()]),
      b: Type.Union([Type.Literal('x'), Type.Literal('y')]),
      c: Type.Union([Type.Object({ d: Type.Integer() }), Type.Null()]),
      e: Type.Array(Type.Union([Type.Literal('p'), Type.Literal('q'), Type.Null()])),
      f: Type.Optional(Type.Union([Type.Number(), Type.String()])),
      g: Type.Union([Type.Literal('only'), Type.Null()]),
    });
    const s = both(schema);
    for (const v of [
      { a: null, b: 'x', c: null, e: ['p', null], f: 2.5, g: null, secret: 'not sent' },
      { a: 'text', b: 'y', c: { d: 3, hidden: true }, e: [], f: 'two', g: 'only' },
    ]) {
      const out = s.fast(v);
      expect(out).toBe(s.contract(v));
      expect(out).not.toContain('secret');
      expect(out).not.toContain('hidden');
    }
    // The unions of a type and null, and of constants, need no validation any more.
    expect(JSON.stringify(serializable(schema))).not.toMatch(/"anyOf":\[\{"type":"(string|null)"/);
  });
});
