import type { Pool } from 'pg';
import type { Harness } from '../../test/harness.ts';
import { sealField } from '../../platform/crypto/sm.ts';
import { rightsNoticeSm3 } from './dossier/rights-notice.ts';

/**
 * What a test that is not about the mediation file needs to take a case to an agreement: the
 * mediator's own account of the facts, the points in dispute and each side's responsibility
 * (人民调解法 第二十九条), every party told of its rights and duties before the first session,
 * and every party's basic facts. Written as the database owner, as a clerk's earlier work.
 */
export const agreementFields = (terms: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  agreementForm: 'written', terms, facts: '经调解员调查核实，双方因相邻关系发生争执。', issues: '损失如何承担。', responsibilities: '双方均有一定责任。', ...extra,
});

export const noticeAllParties = async (db: Pool, caseId: string, day: string): Promise<void> => {
  await db.query(
    `INSERT INTO mediation_rights_notices (case_id, township_id, party_id, given_on, method, text_sm3)
     SELECT p.case_id, p.township_id, p.id, $2, 'paper', $3 FROM case_parties p WHERE p.case_id = $1 ON CONFLICT (party_id, township_id) DO NOTHING`, [caseId, day, rightsNoticeSm3]);
};

export const completePartyFacts = async (h: Harness, caseId: string): Promise<void> => {
  await h.db.query(
    `INSERT INTO mediation_party_facts (party_id, case_id, township_id, sex, birth_date, ethnicity, occupation)
     SELECT p.id, p.case_id, p.township_id, '男', '1970-01-01', '汉', '农民' FROM case_parties p WHERE p.case_id = $1 ON CONFLICT (party_id, township_id) DO NOTHING`, [caseId]);
  await h.db.query('UPDATE case_parties SET address_enc = $2 WHERE case_id = $1 AND address_enc IS NULL', [caseId, sealField(h.platform.keys.fields, '宝丰县张八桥镇')]);
};
