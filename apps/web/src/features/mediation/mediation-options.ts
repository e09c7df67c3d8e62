import type { MessageKey } from '../../i18n/zh-CN.ts';

/**
 * Wire values of people's mediation: what the server stores and counts (mediation.workflow.ts,
 * mediation.metrics.ts, the ledger), each with the message key it is shown by.
 */
type Option<V extends string = string> = { value: V; label: MessageKey };

/** The 16 dispute categories of published mediation statistics. */
export const disputeCategories: readonly Option[] = [
  { value: '婚姻家庭', label: 'mediation.cat.marriage' },
  { value: '邻里', label: 'mediation.cat.neighbour' },
  { value: '房屋宅基地', label: 'mediation.cat.homestead' },
  { value: '合同', label: 'mediation.cat.contract' },
  { value: '生产经营', label: 'mediation.cat.business' },
  { value: '损害赔偿', label: 'mediation.cat.damages' },
  { value: '山林土地', label: 'mediation.cat.land' },
  { value: '征地拆迁', label: 'mediation.cat.expropriation' },
  { value: '环境污染', label: 'mediation.cat.pollution' },
  { value: '劳动争议', label: 'mediation.cat.labour' },
  { value: '消费', label: 'mediation.cat.consumer' },
  { value: '医疗', label: 'mediation.cat.medical' },
  { value: '道路交通事故', label: 'mediation.cat.traffic' },
  { value: '物业', label: 'mediation.cat.property' },
  { value: '村务管理', label: 'mediation.cat.villageAffairs' },
  { value: '其他', label: 'mediation.cat.other' },
];

export const partyRoles: readonly Option[] = [
  { value: '申请人', label: 'mediation.role.applicant' },
  { value: '被申请人', label: 'mediation.role.respondent' },
  { value: '第三人', label: 'mediation.role.third' },
];
export const applicantRole = '申请人';
export const respondentRole = '被申请人';
export const thirdPartyRole = '第三人';

export type Risk = 'low' | 'medium' | 'high';
export const risks: readonly Option<Risk>[] = [
  { value: 'low', label: 'mediation.risk.low' },
  { value: 'medium', label: 'mediation.risk.medium' },
  { value: 'high', label: 'mediation.risk.high' },
];

export type Intake = 'visit' | 'room' | 'grid' | 'petition' | 'online';
export const intakes: readonly Option<Intake>[] = [
  { value: 'visit', label: 'mediation.intake.visit' },
  { value: 'room', label: 'mediation.intake.room' },
  { value: 'grid', label: 'mediation.intake.grid' },
  { value: 'petition', label: 'mediation.intake.petition' },
  { value: 'online', label: 'mediation.intake.online' },
];

/** A group dispute (群体性纠纷) from this many people on. */
export const groupDisputeFrom = 5;

/** Fields the follow-up and ending transitions record, as the ledger and statistics read them. */
export const performances: readonly Option[] = [
  { value: '已履行', label: 'mediation.performance.done' },
  { value: '部分履行', label: 'mediation.performance.partial' },
  { value: '未履行', label: 'mediation.performance.none' },
];
export const legalRoutes: readonly Option[] = [
  { value: '告知当事人可向人民法院提起诉讼', label: 'mediation.route.litigation' },
  { value: '告知当事人可申请仲裁', label: 'mediation.route.arbitration' },
  { value: '告知当事人可申请行政机关依法处理', label: 'mediation.route.administrative' },
];
export const transferTargets: readonly Option[] = [
  { value: '行政调解', label: 'mediation.transfer.administrative' },
  { value: '司法调解（人民法院）', label: 'mediation.transfer.judicial' },
];
export const sessionPlaces: readonly Option[] = [
  { value: '村公共法律服务室', label: 'mediation.place.villageRoom' },
  { value: '镇人民调解委员会调解室', label: 'mediation.place.townRoom' },
  { value: '村委会会议室', label: 'mediation.place.meetingRoom' },
  { value: '当事人家中', label: 'mediation.place.home' },
];
/** The case body as the engine indexes it, in the wording of the application form (人民调解申请书). */
export const composeBody = (facts: string, claims: string): string => `事实与理由：${facts}\n调解请求：${claims}`;

export const labelOf = (options: readonly Option[], value: string | null | undefined): MessageKey | null =>
  options.find((o) => o.value === value)?.label ?? null;

/** How the statistics name cases without a category (mediation.metrics.ts). */
export const unclassified = '未分类';

/** Case statuses of the mediation workflow, for lists that carry only the key. */
export const statusLabels: Record<string, MessageKey> = {
  registered: 'mediation.status.registered',
  accepted: 'mediation.status.accepted',
  mediating: 'mediation.status.mediating',
  agreed: 'mediation.status.agreed',
  resolved: 'mediation.status.resolved',
  failed: 'mediation.status.failed',
  transferred: 'mediation.status.transferred',
  refused: 'mediation.status.refused',
  withdrawn: 'mediation.status.withdrawn',
};
export const statusColors: Record<string, string> = {
  registered: 'default', accepted: 'processing', mediating: 'processing', agreed: 'cyan',
  resolved: 'success', failed: 'warning', transferred: 'purple', refused: 'default', withdrawn: 'default',
};
