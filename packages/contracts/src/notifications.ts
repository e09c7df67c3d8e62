/** Contracts of the personal inbox (notifications) and the administrators' outbox view. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const pageProps = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

export const NotificationView = Type.Object({
  id: Id, kind: Type.String(), title: Type.String(), body: Type.String(),
  /** A console path, e.g. /console/cases/<id>. */
  link: NullableString, caseId: Type.Union([Id, Type.Null()]),
  readAt: NullableString, createdAt: Type.String(),
});
export type NotificationView = Static<typeof NotificationView>;
export const NotificationQuery = Type.Object({ ...pageProps, unread: Type.Optional(Type.Boolean()) });
export type NotificationQuery = Static<typeof NotificationQuery>;
export const NotificationList = Type.Object({ items: Type.Array(NotificationView), total: Type.Integer(), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationList>;
export const UnreadCount = Type.Object({ count: Type.Integer() });
export type UnreadCount = Static<typeof UnreadCount>;
/** Marks read everything received up to `upTo` (default: now), so a notice that arrives meanwhile stays unread. */
export const ReadAllBody = Type.Object({ upTo: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false });
export type ReadAllBody = Static<typeof ReadAllBody>;
export const ReadAllResult = Type.Object({ updated: Type.Integer() });
export type ReadAllResult = Static<typeof ReadAllResult>;

export const OutboxStatus = Type.Union([Type.Literal('pending'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')]);
export type OutboxStatus = Static<typeof OutboxStatus>;
export const OutboxChannel = Type.Union([Type.Literal('sms'), Type.Literal('email')]);
export type OutboxChannel = Static<typeof OutboxChannel>;
export const OutboxView = Type.Object({
  id: Id, townshipId: Type.Union([Id, Type.Null()]), channel: OutboxChannel,
  /** 138****1234 or zh***@example.cn: the full recipient never leaves the server. */
  recipientMasked: Type.String(),
  template: Type.String(), params: Type.Record(Type.String(), Type.Unknown()), status: OutboxStatus,
  attempts: Type.Integer(), lastError: NullableString, nextAttemptAt: Type.String(), sentAt: NullableString, createdAt: Type.String(),
});
export type OutboxView = Static<typeof OutboxView>;
export const OutboxQuery = Type.Object({ ...pageProps, status: Type.Optional(OutboxStatus), channel: Type.Optional(OutboxChannel) });
export type OutboxQuery = Static<typeof OutboxQuery>;
export const OutboxList = Type.Object({ items: Type.Array(OutboxView), total: Type.Integer() });
export type OutboxList = Static<typeof OutboxList>;
