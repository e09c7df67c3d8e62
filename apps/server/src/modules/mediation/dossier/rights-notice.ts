import type { RightsNoticeBody, RightsNoticeView } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { sm3 } from '../../../platform/crypto/sm.ts';
import { AppError } from '../../../platform/errors.ts';
import { checkStepDay } from '../../../platform/cases/step-dates.ts';
import { handledCase } from '../mediation.sessions.ts';
import { loadBasicFacts, missingFacts } from './party-facts.ts';

/**
 * 人民调解当事人权利义务告知书: what the committee tells the parties before mediating (司法部
 * 《人民调解工作若干规定》第三十条, orally or in writing), in the words of 人民调解法 第二十三条
 * (rights) and 第二十四条 (duties), with 第十七条 (mediation is voluntary) and 第三十三条
 * (judicial confirmation). A party signs (or is noted as told) against the SM3 of this text.
 */
export const rightsNoticeText: readonly string[] = [
  '根据《中华人民共和国人民调解法》，人民调解委员会调解民间纠纷，遵循在当事人自愿、平等的基础上进行调解，不违背法律、法规和国家政策，尊重当事人的权利，不因调解而阻止当事人依法通过仲裁、行政、司法等途径维护自己的权利的原则，不收取任何费用。现将当事人在人民调解活动中享有的权利和承担的义务告知如下：',
  '一、当事人享有下列权利（第二十三条）：（一）选择或者接受人民调解员；（二）接受调解、拒绝调解或者要求终止调解；（三）要求调解公开进行或者不公开进行；（四）自主表达意愿、自愿达成调解协议。',
  '二、当事人履行下列义务（第二十四条）：（一）如实陈述纠纷事实；（二）遵守调解现场秩序，尊重人民调解员；（三）尊重对方当事人行使权利。',
  '三、人民调解员有下列行为之一的，当事人可以向人民调解委员会反映：偏袒一方当事人的；侮辱当事人的；索取、收受财物或者牟取其他不正当利益的；泄露当事人的个人隐私、商业秘密的（第十五条）。',
  '四、经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行（第三十一条）；双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认（第三十三条）。',
  '五、人民调解不成的，当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（第二十六条）。',
  '以上内容，当事人已知悉。',
];
export const rightsNoticeSm3 = sm3(rightsNoticeText.join('\n')).toString('hex');

/** The notice, and for each party whether it acknowledged it and which basic facts an agreement still needs. */
export const readRightsNotices = async (tx: Tx, keys: FieldKeys, caseId: string): Promise<RightsNoticeView> => {
  const k = (await tx.client.query<{ id: string }>("SELECT id FROM cases WHERE id = $1 AND case_type = 'mediation'", [caseId])).rows[0];
  if (!k) throw new AppError('NOT_FOUND');
  const facts = await loadBasicFacts(tx.client, keys, caseId);
  const told = new Map((await tx.client.query<{ party_id: string; method: string; given_on: string }>(
    "SELECT party_id, method, to_char(given_on, 'YYYY-MM-DD') AS given_on FROM mediation_rights_notices WHERE case_id = $1", [caseId])).rows
    .map((r) => [r.party_id, { method: r.method, givenOn: r.given_on }]));
  return {
    text: [...rightsNoticeText], textSm3: rightsNoticeSm3,
    parties: facts.map((p) => ({
      partyId: p.partyId, name: p.name, role: p.role, acknowledged: told.get(p.partyId) ?? null,
      facts: { sex: p.sex, birthDate: p.birthDate, ethnicity: p.ethnicity, occupation: p.occupation },
      missing: missingFacts(p),
    })),
  };
};

/**
 * Records that a party was told of its rights and duties: signed on the screen (the image
 * kept with the SM3 of the text shown), on paper (kept in the paper file), or orally (noted by
 * the mediator). Once per party; dated not before the case was received nor after today.
 */
export const acknowledgeRightsNotice = async (tx: Tx, today: string, caseId: string, body: RightsNoticeBody): Promise<void> => {
  const k = await handledCase(tx, caseId);
  if (k.status !== 'accepted' && k.status !== 'mediating' && k.status !== 'registered') throw new AppError('CASE_TRANSITION_UNAVAILABLE', { status: k.status });
  if (body.textSm3 !== rightsNoticeSm3) throw new AppError('MEDIATION_NOTICE_CHANGED');
  if ((body.method === 'signed') !== (body.signature !== undefined)) throw new AppError('VALIDATION', { field: 'signature' });
  const received = (await tx.client.query<{ received_on: string }>("SELECT to_char(received_on, 'YYYY-MM-DD') AS received_on FROM cases WHERE id = $1", [caseId])).rows[0]?.received_on ?? null;
  checkStepDay(body.givenOn, received, today, 'givenOn');
  const party = (await tx.client.query<{ id: string }>('SELECT id FROM case_parties WHERE id = $1 AND case_id = $2', [body.partyId, caseId])).rows[0];
  if (!party) throw new AppError('NOT_FOUND');
  const { rowCount } = await tx.client.query(
    `INSERT INTO mediation_rights_notices (case_id, township_id, party_id, given_on, method, signature, text_sm3, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (party_id, township_id) DO NOTHING`,
    [caseId, k.township_id, body.partyId, body.givenOn, body.method, body.signature ?? null, body.textSm3, tx.principal.userId]);
  if (rowCount === 0) throw new AppError('MEDIATION_NOTICE_GIVEN');
  await tx.audit({ orgId: k.org_id, townshipId: k.township_id, action: 'mediation.rights_notice', entity: 'case_party', entityId: body.partyId,
    after: { caseId, method: body.method, givenOn: body.givenOn, textSm3: body.textSm3 } });
};
