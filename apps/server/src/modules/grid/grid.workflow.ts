import { Type } from 'typebox';
import { gridCategories } from '@fazhi/contracts';
import type { CaseTypeDef, DeadlineDef } from '../../platform/cases/definition.ts';

export { gridCategories };

/** How an event came in: a grid worker's report (巡查上报), a citizen's 随手拍 on the portal, Open311, the 综治中心's own. */
export const gridChannels = ['worker', 'portal', 'open311', 'center'] as const;
export type GridChannel = (typeof gridChannels)[number];

/** The 综治中心's evaluation of how an event was handled. */
export const gridGrades = ['满意', '基本满意', '不满意'] as const;

const text = (zh: string, en: string, maxLength: number) => Type.String({ title: zh, description: en, minLength: 1, maxLength, pattern: '\\S' });
const optText = (zh: string, en: string, maxLength: number) => Type.Optional(Type.String({ title: zh, description: en, maxLength }));
const oneOf = (zh: string, en: string, values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)), { title: zh, description: en });
const closed = { additionalProperties: false } as const;

/**
 * What a report carries beside its category: the description, where (WGS-84, as GPS gives it;
 * a map in China shows it through the GCJ-02 helper, gcj02.ts), the address in words, how it
 * came in. Photos and a voice note are the case's attachments (the attachments module).
 */
const intake = Type.Object({
  channel: oneOf('上报渠道', 'Channel', gridChannels),
  description: text('事件描述', 'What was found', 2000),
  lat: Type.Optional(Type.Number({ title: '纬度（WGS-84）', description: 'Latitude (WGS-84)', minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ title: '经度（WGS-84）', description: 'Longitude (WGS-84)', minimum: -180, maximum: 180 })),
  address: Type.Optional(Type.String({ title: '发生地点', description: 'Address', maxLength: 200 })),
  /** An Open311 client's `media_url`: a photo it keeps itself. */
  mediaUrl: Type.Optional(Type.String({ title: '图片链接', description: 'Media URL', maxLength: 500, pattern: '^https?://' })),
}, closed);

/**
 * No statute sets these limits: the stages are the national digital city-management model's
 * (LAW.md, "Grid events": collect → file → dispatch → handle → report back → verify and close
 * → evaluate), and their lengths are local rules (网格化服务管理工作规范). So each is a default a
 * township sets for itself, by category (a fire hazard faster than a pothole).
 */
const local = (what: string, d: number, max: number) =>
  `网格化服务管理事件办理时限（地方工作规范，非法律规定的期限）：${what}默认${d}个工作日，乡镇可按事件类别在1至${max}个工作日内设定`;
const stage = (key: string, zh: string, en: string, length: number, max: number, startOn: string, stopOn: string[], what: string): DeadlineDef => ({
  key, label: { zh, en }, length, unit: 'wd', startOn, stopOn, remindBefore: { length: 1, unit: 'wd' }, escalateTo: 'grid.dispatch',
  configurable: { min: 1, max, byCategory: true }, basis: local(what, length, max),
});

/**
 * A grid event (网格事件) on the engine.
 *
 * 上报 (a grid worker, a citizen's 随手拍, Open311) → 受理核实 by the 综治中心: 立案 or 不予立案 with
 * the reason → 派遣 to whoever handles it (an office, a village, a person: the engine's transfer
 * moves the event to another office; the assignment names the people) → 处置 → 反馈 → 核查: 结案,
 * or 退回重办 back to handling (counted as rework) → 评价. A worker who settled it on the spot
 * reports it 就地办结: it goes straight to 核查 and is counted as self-handled.
 *
 * Each stage has its clock (受理, 派遣, 处置, 反馈, 核查), a township's length by category.
 */
export const gridEventType: CaseTypeDef = {
  code: 'grid_event', refCode: '格', label: { zh: '网格事件', en: 'Grid event' },
  readPermission: 'grid.read', handlePermission: 'grid.handle', citizenFacing: true,
  initial: 'reported',
  categories: gridCategories,
  intake,
  states: {
    reported: { label: { zh: '已上报（待受理）', en: 'Reported' }, kind: 'open', publicLabel: { zh: '已收到，正在核实', en: 'Received; being verified' } },
    filed: { label: { zh: '已立案（待派遣）', en: 'Filed' }, kind: 'open', publicLabel: { zh: '已立案', en: 'Filed' } },
    dispatched: { label: { zh: '已派遣（处置中）', en: 'Dispatched' }, kind: 'open', publicLabel: { zh: '正在处置', en: 'Being handled' } },
    handled: { label: { zh: '已处置（待反馈）', en: 'Handled' }, kind: 'open', publicLabel: { zh: '正在处置', en: 'Being handled' } },
    reported_back: { label: { zh: '已反馈（待核查）', en: 'Reported back' }, kind: 'open', publicLabel: { zh: '已处置，正在核查', en: 'Handled; being checked' } },
    verified: { label: { zh: '已核查结案（待评价）', en: 'Verified' }, kind: 'open', publicLabel: { zh: '已办结', en: 'Closed' } },
    closed: { label: { zh: '已办结', en: 'Closed' }, kind: 'closed', publicLabel: { zh: '已办结', en: 'Closed' } },
    cancelled: { label: { zh: '不予立案', en: 'Not filed' }, kind: 'terminal', publicLabel: { zh: '不予立案', en: 'Not filed' }, branch: true },
  },
  transitions: [
    { key: 'file', label: { zh: '核实立案', en: 'Verify and file' }, from: ['reported'], to: 'filed', permission: 'grid.dispatch', public: true,
      fields: Type.Object({ verification: text('核实情况', 'What verification found', 2000) }, closed) },
    { key: 'cancel', label: { zh: '不予立案', en: 'Do not file' }, from: ['reported'], to: 'cancelled', permission: 'grid.dispatch', public: true,
      fields: Type.Object({ reason: oneOf('不予立案理由', 'Reason', ['不属于网格事件受理范围', '重复上报', '经核实不存在', '已另行处理', '其他']), note: optText('说明', 'Note', 1000) }, closed) },
    { key: 'solve_on_spot', label: { zh: '就地办结', en: 'Solved on the spot' }, from: ['reported'], to: 'reported_back', permission: 'grid.handle', public: true,
      fields: Type.Object({ result: text('处置结果', 'What was done', 2000) }, closed) },
    { key: 'dispatch', label: { zh: '派遣', en: 'Dispatch' }, from: ['filed'], to: 'dispatched', permission: 'grid.dispatch', public: true,
      fields: Type.Object({ handler: text('承办单位或人员', 'Who handles it', 100), instructions: optText('派遣意见', 'Instructions', 1000) }, closed) },
    { key: 'handle', label: { zh: '处置', en: 'Handle' }, from: ['dispatched'], to: 'handled', permission: 'grid.handle',
      fields: Type.Object({ measures: text('处置情况', 'What was done', 2000) }, closed) },
    { key: 'report_back', label: { zh: '反馈', en: 'Report back' }, from: ['handled'], to: 'reported_back', permission: 'grid.handle', public: true,
      fields: Type.Object({ result: text('处置结果', 'Result', 2000) }, closed) },
    { key: 'verify_close', label: { zh: '核查结案', en: 'Verify and close' }, from: ['reported_back'], to: 'verified', permission: 'grid.dispatch', public: true,
      fields: Type.Object({ verification: text('核查情况', 'What the check found', 2000) }, closed) },
    { key: 'rework', label: { zh: '退回重办', en: 'Send back for rework' }, from: ['reported_back'], to: 'dispatched', permission: 'grid.dispatch', public: true,
      fields: Type.Object({ reason: text('退回理由', 'Why it is not done', 2000) }, closed) },
    { key: 'evaluate', label: { zh: '评价', en: 'Evaluate' }, from: ['verified'], to: 'closed', permission: 'grid.dispatch',
      fields: Type.Object({ grade: oneOf('评价', 'Grade', gridGrades), comment: optText('评价意见', 'Comment', 1000) }, closed) },
  ],
  deadlines: [
    stage('accept', '受理核实时限', 'Verify and file', 1, 5, 'created', ['file', 'cancel', 'solve_on_spot'], '自上报之日起受理核实'),
    stage('dispatch', '派遣时限', 'Dispatch', 1, 5, 'file', ['dispatch'], '自立案之日起派遣'),
    stage('handle', '处置时限', 'Handle', 5, 30, 'dispatch', ['handle'], '自派遣之日起处置完毕'),
    stage('report_back', '反馈时限', 'Report back', 1, 5, 'handle', ['report_back'], '自处置完毕之日起反馈'),
    stage('verify', '核查时限', 'Verify', 2, 10, 'report_back', ['verify_close', 'rework'], '自反馈之日起核查'),
    stage('verify_on_spot', '就地办结核查时限', 'Verify what was solved on the spot', 2, 10, 'solve_on_spot', ['verify_close', 'rework'], '自就地办结上报之日起核查'),
    // A clock starts once: the first rework's handling has its own; later reworks run on it (docs/grid.md).
    stage('rework', '重办时限', 'Rework', 3, 30, 'rework', ['handle'], '自退回重办之日起重新处置'),
  ],
  transfer: { senderKeepsRead: true },
};
