/**
 * Request and response contracts of the console API, as TypeBox schemas: the server
 * validates and documents (OpenAPI) from them, the web client takes its types from them.
 */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
export const Scope = Type.Union([Type.Literal('self'), Type.Literal('org'), Type.Literal('subtree'), Type.Literal('all')]);
export const OrgKindSchema = Type.Union([
  Type.Literal('county'), Type.Literal('township'), Type.Literal('village'), Type.Literal('grid'), Type.Literal('office'),
]);

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
  requestId: Type.String(),
});

const pageProps = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};
export const Page = Type.Object(pageProps);

// ---- auth ----
export const SignInBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });
export type SignInBody = Static<typeof SignInBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const GrantView = Type.Object({
  orgId: Id, orgName: Type.String(), roleId: Id, roleCode: Type.String(), roleName: Type.String(), scope: Scope,
});
export type GrantView = Static<typeof GrantView>;

export const Me = Type.Object({
  user: Type.Object({
    id: Id, username: Type.String(), displayName: Type.String(),
    orgId: Id, orgName: Type.String(), mustChangePassword: Type.Boolean(),
  }),
  township: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  grants: Type.Array(GrantView),
  permissions: Type.Array(Type.String()),
  menu: Type.Array(Type.String()),
  csrfToken: Type.String(),
  idleTimeoutSeconds: Type.Integer(),
});
export type Me = Static<typeof Me>;

// ---- orgs ----
export const OrgView = Type.Object({
  id: Id, parentId: Type.Union([Id, Type.Null()]), kind: OrgKindSchema, name: Type.String(),
  code: Type.String(), townshipId: Type.Union([Id, Type.Null()]), sortOrder: Type.Integer(),
  actions: Type.Array(Type.String()),
});
export type OrgView = Static<typeof OrgView>;
export const OrgTree = Type.Object({ items: Type.Array(OrgView) });
export type OrgTree = Static<typeof OrgTree>;
export const CreateOrgBody = Type.Object({
  parentId: Id, kind: OrgKindSchema,
  name: Type.String({ minLength: 1, maxLength: 64 }), code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
}, { additionalProperties: false });
export type CreateOrgBody = Static<typeof CreateOrgBody>;
export const UpdateOrgBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
}, { additionalProperties: false });
export type UpdateOrgBody = Static<typeof UpdateOrgBody>;

// ---- users ----
export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
export const UserView = Type.Object({
  id: Id, username: Type.String(), displayName: Type.String(), orgId: Id, orgName: Type.String(),
  phoneMasked: Type.Union([Type.String(), Type.Null()]), status: UserStatus,
  mustChangePassword: Type.Boolean(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
  grants: Type.Array(GrantView), actions: Type.Array(Type.String()),
});
export type UserView = Static<typeof UserView>;
export const UserList = Type.Object({ items: Type.Array(UserView), total: Type.Integer() });
export type UserList = Static<typeof UserList>;
export const UserQuery = Type.Object({ ...pageProps,
  orgId: Type.Optional(Id), q: Type.Optional(Type.String({ maxLength: 64 })),
});
export type UserQuery = Static<typeof UserQuery>;
export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 32, pattern: '^[a-z][a-z0-9_.-]*$' }),
  displayName: Type.String({ minLength: 1, maxLength: 32 }),
  orgId: Id,
  phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
}, { additionalProperties: false });
export type CreateUserBody = Static<typeof CreateUserBody>;
export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  phone: Type.Optional(Type.Union([Type.String({ pattern: '^1[3-9][0-9]{9}$' }), Type.Null()])),
  status: Type.Optional(UserStatus),
}, { additionalProperties: false });
export type UpdateUserBody = Static<typeof UpdateUserBody>;
export const InitialPassword = Type.Object({ userId: Id, initialPassword: Type.String() });
export type InitialPassword = Static<typeof InitialPassword>;
export const RevealBody = Type.Object({ field: Type.Literal('phone') }, { additionalProperties: false });
export type RevealBody = Static<typeof RevealBody>;
/** A masked field shown in full (a user's phone, a party's identity number…); the server audits every reveal. */
export const RevealResult = Type.Object({ field: Type.String(), value: Type.Union([Type.String(), Type.Null()]) });
export type RevealResult = Static<typeof RevealResult>;
export const GrantInput = Type.Object({ roleId: Id, orgId: Id, scope: Scope }, { additionalProperties: false });
export const SetGrantsBody = Type.Object({ grants: Type.Array(GrantInput, { maxItems: 50 }) }, { additionalProperties: false });
export type SetGrantsBody = Static<typeof SetGrantsBody>;

// ---- roles ----
export const RoleView = Type.Object({
  id: Id, code: Type.String(), name: Type.String(), permissions: Type.Array(Type.String()),
  builtIn: Type.Boolean(), grantCount: Type.Integer(), actions: Type.Array(Type.String()),
});
export type RoleView = Static<typeof RoleView>;
export const RoleList = Type.Object({ items: Type.Array(RoleView) });
export type RoleList = Static<typeof RoleList>;
export const RoleBody = Type.Object({
  code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[a-z][a-z0-9_]*$' }),
  name: Type.String({ minLength: 1, maxLength: 32 }),
  permissions: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
}, { additionalProperties: false });
export type RoleBody = Static<typeof RoleBody>;
export const PermissionItem = Type.Object({ code: Type.String(), group: Type.String(), zh: Type.String(), en: Type.String() });
export type PermissionItem = Static<typeof PermissionItem>;
export const PermissionList = Type.Object({ items: Type.Array(PermissionItem) });
export type PermissionList = Static<typeof PermissionList>;

// ---- audit and sign-in log ----
export const AuditEntry = Type.Object({
  id: Type.String(), at: Type.String(), chain: Type.String(), seq: Type.String(),
  actorId: Type.Union([Id, Type.Null()]), actorName: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Id, Type.Null()]), orgName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(), entity: Type.String(), entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(), after: Type.Unknown(), ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditList = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() });
export type AuditList = Static<typeof AuditList>;
export const AuditQuery = Type.Object({ ...pageProps,
  action: Type.Optional(Type.String({ maxLength: 64 })), entity: Type.Optional(Type.String({ maxLength: 64 })),
  actorId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })),
});
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(), checked: Type.Integer(),
  broken: Type.Array(Type.Object({ id: Type.String(), chain: Type.String(), seq: Type.String(), reason: Type.String() })),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
/** What a sign-in attempt came to, as the sign-in log records it. */
export const signInOutcomes = ['success', 'bad_password', 'locked', 'unknown_user', 'disabled', 'throttled'] as const;
export type SignInOutcome = (typeof signInOutcomes)[number];
export const isSignInOutcome = (v: string): v is SignInOutcome => (signInOutcomes as readonly string[]).includes(v);
/** `outcome`: a SignInOutcome (older rows may hold other words, so it is read as text). */
export const SignInEvent = Type.Object({
  id: Type.String(), at: Type.String(), username: Type.String(), userId: Type.Union([Id, Type.Null()]),
  outcome: Type.String(), ip: Type.Union([Type.String(), Type.Null()]), userAgent: Type.Union([Type.String(), Type.Null()]),
});
export type SignInEvent = Static<typeof SignInEvent>;
export const SignInList = Type.Object({ items: Type.Array(SignInEvent), total: Type.Integer() });
export type SignInList = Static<typeof SignInList>;
export const SignInQuery = Type.Object({ ...pageProps,
  username: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(Type.String({ maxLength: 32 })),
});
export type SignInQuery = Static<typeof SignInQuery>;

// ---- public portal ----
export const PortalInfo = Type.Object({
  township: Type.Object({ name: Type.String(), county: Type.String() }),
  villages: Type.Integer(), grids: Type.Integer(),
  offices: Type.Array(Type.Object({ name: Type.String() })),
  /** The township's service counter: where to go, whom to call, when it is open (settings `portal.contact:<township id>`). */
  contact: Type.Union([Type.Object({ name: Type.String(), address: Type.String(), phone: Type.String(), hours: Type.String() }), Type.Null()]),
  /** The villages a citizen can choose in an online application. */
  villageList: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })),
});
export type PortalInfo = Static<typeof PortalInfo>;

// ---- API tokens (integrations) ----
export const TokenView = Type.Object({
  id: Id, name: Type.String(), permissions: Type.Array(Type.String()), expiresAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]), revokedAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(),
});
export type TokenView = Static<typeof TokenView>;
export const TokenList = Type.Object({ items: Type.Array(TokenView) });
export const CreateTokenBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64 }),
  permissions: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 50 }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 365 }),
}, { additionalProperties: false });
export type CreateTokenBody = Static<typeof CreateTokenBody>;
export const CreatedToken = Type.Object({ token: Type.String(), item: TokenView });

/** The body of a POST that takes its parameters in the query (an export): an empty JSON object, nothing else. */
export const EmptyBody = Type.Object({}, { additionalProperties: false });
export type EmptyBody = Static<typeof EmptyBody>;
