import { Type } from 'typebox';
import type { CaseTypeDef } from '../../platform/cases/definition.ts';
import type { CaseCtx } from '../../platform/cases/context.ts';
import { AppError } from '../../platform/errors.ts';
import { namesIn, quorumOf } from '../decisions/decisions.workflow.ts';
import { text, optionalText, closed } from '../../platform/cases/step-fields.ts';


/**
 * The meetings and study sessions a township keeps on record for its rule-of-law work (seed 一:
 * the rule-of-law leadership group hears four work reports a year; the leaders study law
 * together — 中心组学法, 周五学习; 述法 reports), and the collective bodies that decide
 * "三重一大" matters (地方组织法 第六条: major matters decided collectively).
 */
export const meetingKinds = ['法治建设领导小组会议', '镇党委会议', '镇政府常务会议', '党政联席会议', '中心组学法', '干部集体学法', '述法'] as const;
/** Bodies that decide: a record needs more than half of the members present (地方组织法 第六条, 第七十七条). */
export const decidingKinds: readonly string[] = ['法治建设领导小组会议', '镇党委会议', '镇政府常务会议', '党政联席会议'];
export const studyKinds: readonly string[] = ['中心组学法', '干部集体学法'];

type Held = { chair: string; membersDue: number; present: number; attendees: string; agenda: string; ruleOfLawReport?: boolean; decisionIds?: string[] };

/** Bodies whose agenda may list major decisions (the "三重一大" meetings; 地方组织法 第六条, 重大行政决策程序暂行条例 第三十条). */
export const agendaBodies: readonly string[] = ['镇党委会议', '镇政府常务会议', '党政联席会议'];

const kindOf = async (ctx: CaseCtx, caseId: string): Promise<string | null> =>
  (await ctx.client.query<{ category: string | null }>('SELECT category FROM cases WHERE id = $1', [caseId])).rows[0]?.category ?? null;

/**
 * The attendance the record gives: the list names as many as are present, and a body that
 * decides sat with more than half of its members (the quorum rule of the decisions module).
 */
const heldRule = async (ctx: CaseCtx, caseId: string, fields: Readonly<Record<string, unknown>>): Promise<void> => {
  const f = fields as unknown as Held;
  const names = namesIn(f.attendees);
  if (names.length !== f.present) throw new AppError('DECISION_ATTENDANCE_MISMATCH', { present: f.present, named: names.length });
  if (f.present > f.membersDue) throw new AppError('VALIDATION', { field: 'present' });
  const kind = await kindOf(ctx, caseId);
  if (kind && decidingKinds.includes(kind)) {
    const q = quorumOf(f.membersDue, f.present, null);
    if (!q.quorate) throw new AppError('DECISION_NO_QUORUM', { membersDue: f.membersDue, present: f.present, needed: q.needed, rule: q.rule });
  }
  // The agenda's decisions: only a deciding body's meeting lists them, and each is a major decision of this township.
  const ids = [...new Set(f.decisionIds ?? [])];
  if (ids.length > 0) {
    if (!kind || !agendaBodies.includes(kind)) throw new AppError('DECISION_AGENDA_INVALID');
    const found = (await ctx.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases k WHERE k.id = ANY($1::uuid[]) AND k.case_type = 'decision'
          AND k.township_id = (SELECT township_id FROM cases WHERE id = $2)`, [ids, caseId])).rows[0]?.n ?? 0;
    if (found !== ids.length) throw new AppError('DECISION_AGENDA_INVALID');
  }
};

/**
 * A meeting or study session as a case: registered when it is called (its kind is the case's
 * category), recorded when held (who chaired, who was due and who came, the agenda, whether
 * the rule-of-law work report was heard), its minutes signed and filed. A called meeting
 * may be cancelled with a reason.
 */
export const meetingCaseType: CaseTypeDef = {
  code: 'meeting', refCode: '会', label: { zh: '会议与学法', en: 'Meeting or law study' },
  readPermission: 'governance.read', handlePermission: 'governance.handle', citizenFacing: false,
  initial: 'called',
  categories: meetingKinds,
  intake: Type.Object({
    topics: optionalText('拟议议题或学习内容', 'Topics or study material', 5000),
  }, closed),
  searchFields: ['topics'],
  states: {
    called: { label: { zh: '已通知', en: 'Called' }, kind: 'open' },
    held: { label: { zh: '已召开（纪要待签发）', en: 'Held (minutes pending)' }, kind: 'open' },
    filed: { label: { zh: '纪要已签发', en: 'Minutes signed' }, kind: 'closed' },
    cancelled: { label: { zh: '已取消', en: 'Cancelled' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'hold', label: { zh: '记录会议召开情况', en: 'Record the meeting' }, from: ['called'], to: 'held', permission: 'governance.handle',
      fields: Type.Object({
        chair: text('主持人', 'Chair', 64),
        membersDue: Type.Integer({ title: '应到人数（组成人员）', description: 'Members due', minimum: 1, maximum: 999 }),
        present: Type.Integer({ title: '实到人数', description: 'Present', minimum: 1, maximum: 999 }),
        attendees: text('出席人员（以顿号分隔）', 'Who attended', 5000),
        absentees: optionalText('缺席人员及原因', 'Absent and why', 1000),
        agenda: text('议题或学习内容', 'Agenda or study material', 5000),
        ruleOfLawReport: Type.Optional(Type.Boolean({ title: '听取法治建设工作汇报', description: 'Rule-of-law work report heard' })),
        lecturer: optionalText('主讲人（学法、讲座）', 'Lecturer', 100),
        // The agenda's items that are major decisions (a deciding body's meeting): each decision's decide step may name this record.
        decisionIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 30, title: '研究的重大行政决策事项', description: 'Major decisions on the agenda' })),
      }, closed),
      precondition: heldRule },
    { key: 'sign_minutes', label: { zh: '签发会议纪要', en: 'Sign the minutes' }, from: ['held'], to: 'filed', permission: 'governance.handle',
      fields: Type.Object({
        minutes: text('会议纪要（决定事项、不同意见如实载明）', 'Minutes (decisions, dissent recorded)', 20000),
        signedBy: text('签发人', 'Signed by', 64),
      }, closed) },
    { key: 'cancel', label: { zh: '取消会议', en: 'Cancel' }, from: ['called'], to: 'cancelled', permission: 'governance.handle',
      fields: Type.Object({ reason: text('取消原因', 'Reason', 1000) }, closed) },
  ],
  deadlines: [],
};
