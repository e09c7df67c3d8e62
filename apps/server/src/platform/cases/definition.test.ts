import { describe, expect, it } from 'vitest';
import { compileCaseType, type CaseTypeDef } from './definition.ts';
import { sampleCaseType } from '../../test/sample-case-type.ts';

const broken = (patch: Partial<CaseTypeDef>): (() => unknown) => () => compileCaseType({ ...sampleCaseType, ...patch });

describe('case type definitions', () => {
  it('accepts the sample type', () => {
    expect(compileCaseType(sampleCaseType).transitionByKey.get('accept')?.to).toBe('accepted');
  });

  it('refuses a state that cannot be reached', () => {
    expect(broken({ states: { ...sampleCaseType.states, limbo: { label: { zh: '悬空', en: 'Limbo' }, kind: 'closed' } } })).toThrow(/state "limbo" cannot be reached/);
  });

  it('refuses an open state that can never end', () => {
    const transitions = [...sampleCaseType.transitions, { key: 'park', label: { zh: '搁置', en: 'Park' }, from: ['accepted'], to: 'parked', permission: 'petition.handle' as const }];
    expect(broken({ transitions, states: { ...sampleCaseType.states, parked: { label: { zh: '搁置', en: 'Parked' }, kind: 'open' } } }))
      .toThrow(/open state "parked" can never reach a closed or terminal state/);
  });

  it('refuses an unknown permission, target state or clock event, naming each', () => {
    const transitions = [{ ...sampleCaseType.transitions[0]!, permission: 'petition.fly' as never, to: 'nowhere' }, ...sampleCaseType.transitions.slice(1)];
    const deadlines = [{ ...sampleCaseType.deadlines[0]!, stopOn: ['teleport'] }];
    let message = '';
    try { compileCaseType({ ...sampleCaseType, transitions, deadlines }); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('unknown permission "petition.fly"');
    expect(message).toContain('goes to unknown state "nowhere"');
    expect(message).toContain('unknown event "teleport"');
  });

  it('refuses a due date given at the start that counts working days or that its start does not carry', () => {
    const deadlines = [sampleCaseType.deadlines[0]!, { ...sampleCaseType.deadlines[1]!, dueFrom: 'dueOn' }];
    let message = '';
    try { compileCaseType({ ...sampleCaseType, deadlines }); } catch (e) { message = (e as Error).message; }
    expect(message).toContain('counts calendar days');
    expect(message).toContain('does not carry the field "dueOn"');
  });
});
