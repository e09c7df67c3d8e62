import type { Agent, Harness } from '../../test/harness.ts';
import { receiptRuleOfChannel, type disclosureChannels } from './disclosure.workflow.ts';

/** A citizen applicant with identity data (sealed at rest by the engine). */
export const applicant = { kind: 'person', role: '申请人', name: '王建国', idNumber: '410421196503021234', phone: '13800138000', address: '张八桥镇东营村三组' } as const;

/** A citizen's intake data for a channel, with the receipt-day rule 第三十一条 gives it. */
export const intakeOf = (channel: (typeof disclosureChannels)[number]): Record<string, unknown> => ({
  channel, receiptRule: receiptRuleOfChannel[channel], applicantType: 'citizen',
  information: '2024年东营村村道维修资金的使用情况（金额、用途、验收）', form: 'paper', delivery: 'pickup',
});

/** A second township under the county with its own office clerk (same role as 党政办), signed in. */
export const anotherTownshipClerk = async (h: Harness): Promise<Agent> => {
  const county = await h.orgId('baofeng');
  const { rows } = await h.db.query<{ id: string }>(
    "INSERT INTO orgs (parent_id, kind, name, code, sort_order) VALUES ($1, 'township', '李庄乡', 'lizhuang', 20) RETURNING id", [county]);
  const township = rows[0]?.id ?? '';
  await h.db.query('UPDATE orgs SET township_id = id WHERE id = $1', [township]);
  const office = (await h.db.query<{ id: string }>(
    "INSERT INTO orgs (parent_id, kind, name, code, township_id, sort_order) VALUES ($1, 'office', '党政办', 'lz_dzb', $1, 1) RETURNING id", [township])).rows[0]?.id;
  const user = (await h.db.query<{ id: string }>(
    `INSERT INTO users (org_id, township_id, username, display_name, password_hash, must_change_password, password_changed_at)
     SELECT $1, $2, 'lz_dangzheng', '李庄乡党政办', password_hash, false, now() FROM users WHERE username = 'dangzheng' RETURNING id`, [office, township])).rows[0]?.id;
  await h.db.query(
    `INSERT INTO user_grants (user_id, role_id, org_id, township_id, scope)
     SELECT $1, g.role_id, $2, $2, 'subtree' FROM user_grants g JOIN users u ON u.id = g.user_id WHERE u.username = 'dangzheng'`, [user, township]);
  return h.signIn('lz_dangzheng');
};
