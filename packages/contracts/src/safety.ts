/**
 * Contracts of public safety (平安建设): the focus-group registers (重点人群, GB/T 31000-2015)
 * and the camera registry (雪亮工程, 公共安全视频图像信息系统管理条例).
 */
import { Type, type Static } from 'typebox';

const Id = Type.String({ format: 'uuid' });
const IsoDay = Type.String({ format: 'date' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableDay = Type.Union([IsoDay, Type.Null()]);
const closed = { additionalProperties: false } as const;
const Phone = Type.String({ pattern: '^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$' });
/** The 18-character citizen ID number (GB 11643-1999); its check digit is verified by the server. */
export const SafetyIdNumber = Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' });

/** Register kinds: the populations of GB/T 31000-2015 a township keeps registers of. */
export const registerKinds = ['floating', 'resettlement', 'community_correction', 'mental_disorder', 'drug_user', 'youth', 'petitioner', 'cult'] as const;
export type RegisterKind = (typeof registerKinds)[number];
export const RegisterKindSchema = Type.Union([
  Type.Literal('floating'), Type.Literal('resettlement'), Type.Literal('community_correction'), Type.Literal('mental_disorder'),
  Type.Literal('drug_user'), Type.Literal('youth'), Type.Literal('petitioner'), Type.Literal('cult'),
]);

export const riskLevels = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const RiskLevelSchema = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const RegisterKindView = Type.Object({
  code: RegisterKindSchema, zh: Type.String(), en: Type.String(),
  /** How often a person of the kind is visited (days): the on-schedule measure and the next visit due. */
  visitEveryDays: Type.Integer(),
  basis: Type.String(),
});
export const RegisterKindList = Type.Object({ items: Type.Array(RegisterKindView) });
export type RegisterKindList = Static<typeof RegisterKindList>;
export type RegisterKindView = Static<typeof RegisterKindView>;

export const SafetyPersonQuery = Type.Object({
  kind: Type.Optional(RegisterKindSchema),
  orgId: Type.Optional(Id),
  /** Only those whose risk follow-up or next visit is overdue. */
  overdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, closed);
export type SafetyPersonQuery = Static<typeof SafetyPersonQuery>;

/** A person on a register as lists show it: name, ID number, phone and address masked. */
export const SafetyPersonItem = Type.Object({
  id: Id, ref: Type.String(), kind: RegisterKindSchema, orgId: Id, orgName: Type.String(),
  nameMasked: Type.String(), idNumberMasked: Type.String(), phoneMasked: Nullable(Type.String()), addressMasked: Nullable(Type.String()),
  riskLevel: RiskLevelSchema, followUpDue: NullableDay, followUpOverdue: Type.Boolean(),
  registeredOn: IsoDay, lastVisitOn: NullableDay, nextVisitDue: IsoDay, visitOverdue: Type.Boolean(),
});
export type SafetyPersonItem = Static<typeof SafetyPersonItem>;
export const SafetyPersonList = Type.Object({ items: Type.Array(SafetyPersonItem), total: Type.Integer() });
export type SafetyPersonList = Static<typeof SafetyPersonList>;

export const SafetyVisitView = Type.Object({
  id: Id, visitedOn: IsoDay, visitor: Type.String(), findings: Type.String(), riskLevel: Type.Union([RiskLevelSchema, Type.Null()]),
  followUpDue: NullableDay, onSchedule: Type.Boolean(),
});
export type SafetyVisitView = Static<typeof SafetyVisitView>;

export const SafetyPersonView = Type.Object({
  person: SafetyPersonItem,
  note: Nullable(Type.String()),
  visits: Type.Array(SafetyVisitView),
  actions: Type.Object({ visit: Type.Boolean(), reveal: Type.Boolean() }),
});
export type SafetyPersonView = Static<typeof SafetyPersonView>;

export const SafetyPersonBody = Type.Object({
  kind: RegisterKindSchema,
  /** A village or a grid. */
  orgId: Id,
  name: Type.String({ minLength: 1, maxLength: 32 }),
  idNumber: SafetyIdNumber,
  phone: Type.Optional(Phone),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  riskLevel: Type.Optional(RiskLevelSchema),
  registeredOn: Type.Optional(IsoDay),
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, closed);
export type SafetyPersonBody = Static<typeof SafetyPersonBody>;
export const SafetyPersonCreated = Type.Object({ id: Id, ref: Type.String() });
export type SafetyPersonCreated = Static<typeof SafetyPersonCreated>;

export const SafetyVisitBody = Type.Object({
  visitedOn: IsoDay,
  findings: Type.String({ minLength: 1, maxLength: 2000 }),
  /** The risk level found at the visit (unchanged when left out). */
  riskLevel: Type.Optional(RiskLevelSchema),
  /** When the risk is to be followed up next; null clears it. */
  followUpDue: Type.Optional(NullableDay),
}, closed);
export type SafetyVisitBody = Static<typeof SafetyVisitBody>;

export const SafetyPersonRevealed = Type.Object({
  name: Type.String(), idNumber: Type.String(), phone: Nullable(Type.String()), address: Nullable(Type.String()),
});
export type SafetyPersonRevealed = Static<typeof SafetyPersonRevealed>;

// ---- cameras ----

/** A GB/T 28181 code: 中心编码 8 + 行业编码 2 + 类型编码 3 + 网络标识 1 + 序号 7. */
export const Gb28181Id = Type.String({ pattern: '^[0-9]{20}$' });

/** 未接入 (no video platform configured), online, offline, or not known (the platform did not answer). */
export const CameraStatus = Type.Union([Type.Literal('unconnected'), Type.Literal('online'), Type.Literal('offline'), Type.Literal('unknown')]);
export type CameraStatus = Static<typeof CameraStatus>;

export const CameraQuery = Type.Object({
  orgId: Type.Optional(Id),
  /** Only cameras whose 备案 is overdue. */
  filingOverdue: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, closed);
export type CameraQuery = Static<typeof CameraQuery>;

export const CameraItem = Type.Object({
  id: Id, deviceId: Type.String(), parentDeviceId: Type.String(), name: Type.String(), orgId: Id, orgName: Type.String(),
  lat: Type.Number(), lng: Type.Number(), ownerUnit: Type.String(), installedOn: IsoDay,
  filingDue: IsoDay, filedOn: NullableDay, filingOverdue: Type.Boolean(), filedOnTime: Type.Union([Type.Boolean(), Type.Null()]),
  retentionDays: Type.Integer(), signPosted: Type.Boolean(), signPostedOn: NullableDay,
  status: CameraStatus,
});
export type CameraItem = Static<typeof CameraItem>;
export const CameraList = Type.Object({ items: Type.Array(CameraItem), total: Type.Integer(), platform: Type.Union([Type.Literal('connected'), Type.Literal('unconnected')]) });
export type CameraList = Static<typeof CameraList>;

export const CameraViewLogItem = Type.Object({ id: Id, at: Type.String(), user: Type.String(), purpose: Type.String(), reason: Type.String() });
export const CameraView = Type.Object({
  camera: CameraItem,
  views: Type.Array(CameraViewLogItem),
  actions: Type.Object({ edit: Type.Boolean(), view: Type.Boolean() }),
});
export type CameraView = Static<typeof CameraView>;

export const CameraBody = Type.Object({
  deviceId: Gb28181Id,
  /** The GB/T 28181 device the camera's channel is on (an NVR or a platform); default the camera itself. */
  parentDeviceId: Type.Optional(Gb28181Id),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  orgId: Id,
  lat: Type.Number({ minimum: 3, maximum: 54 }),
  lng: Type.Number({ minimum: 73, maximum: 136 }),
  ownerUnit: Type.String({ minLength: 1, maxLength: 100 }),
  installedOn: IsoDay,
  filedOn: Type.Optional(IsoDay),
  retentionDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  signPosted: Type.Boolean(),
  signPostedOn: Type.Optional(IsoDay),
}, closed);
export type CameraBody = Static<typeof CameraBody>;

export const CameraUpdateBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  ownerUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  filedOn: Type.Optional(IsoDay),
  retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  signPosted: Type.Optional(Type.Boolean()),
  signPostedOn: Type.Optional(IsoDay),
}, closed);
export type CameraUpdateBody = Static<typeof CameraUpdateBody>;
export const CameraCreated = Type.Object({ id: Id });
export type CameraCreated = Static<typeof CameraCreated>;

/** 调阅 of a camera's images: the reason is recorded before anything is shown (条例 第十六条第二款第三项). */
export const CameraViewBody = Type.Object({
  purpose: Type.Union([Type.Literal('live'), Type.Literal('export')]),
  reason: Type.String({ minLength: 4, maxLength: 500 }),
}, closed);
export type CameraViewBody = Static<typeof CameraViewBody>;

export const CameraViewGranted = Type.Object({
  viewId: Id,
  status: CameraStatus,
  /** Stream URLs from the video platform (ZLMediaKit through wvp-GB28181-pro), when connected. */
  streams: Type.Object({ flv: Nullable(Type.String()), wsFlv: Nullable(Type.String()), hls: Nullable(Type.String()), rtsp: Nullable(Type.String()) }),
});
export type CameraViewGranted = Static<typeof CameraViewGranted>;
