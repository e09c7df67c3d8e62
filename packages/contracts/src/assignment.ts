/** Contracts of picking people and cases for a case: who may be assigned to handle it, what it links to. */
import { Type, type Static } from 'typebox';
import type { AssigneesBody, LinkBody } from './cases.ts';

export type AssigneesInput = Static<typeof AssigneesBody>;
export type LinkInput = Static<typeof LinkBody>;
export type LinkKind = LinkInput['kind'];

export const AssignableQuery = Type.Object({
  /** Part of a name or username. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
}, { additionalProperties: false });
export type AssignableQuery = Static<typeof AssignableQuery>;

/** An active user who holds the case type's handling permission at the case's org. */
export const AssignableUser = Type.Object({
  userId: Type.String({ format: 'uuid' }), displayName: Type.String(), orgName: Type.String(),
  /** Already an assignee of this case. */
  assigned: Type.Boolean(),
  /** Open cases of any type the user is assigned to (among those the caller can see): the current load. */
  openCases: Type.Integer(),
});
export type AssignableUser = Static<typeof AssignableUser>;
export const AssignableUserList = Type.Object({ items: Type.Array(AssignableUser), truncated: Type.Boolean() });
export type AssignableUserList = Static<typeof AssignableUserList>;
