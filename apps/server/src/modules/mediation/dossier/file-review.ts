import type { FileCheck, FileReview, FileReviewItem, FileReviewQuery } from '@fazhi/contracts';
import type { Tx } from '../../../platform/platform.ts';
import type { FieldKeys } from '../../../platform/crypto/sm.ts';
import { addDays } from '../../../platform/calendar/index.ts';
import { beijingIsoDate } from '../../../platform/documents/chinese-text.ts';
import { loadMediationFiles, type MediationFile } from '../documents/mediation-file.ts';
import { missingFacts } from './party-facts.ts';
import { splitApplication } from '../documents/application.document.ts';

/** A file passes the review at this score (of 100). */
export const PASS_MARK = 80;
/**
 * The return visit is due this many days after the performance deadline (or after the
 * agreement, when it set none). Customary, not statutory: 人民调解法 第三十一条 asks the
 * committee to supervise performance without a period.
 */
export const FOLLOW_UP_DAYS = 30;
/** The most files one review reads at once. */
export const MAX_REVIEW_FILES = 1000;


/** `required`: a file that fails it fails the review whatever its score (一票否决). */
type Check = { key: string; label: string; points: number; required?: boolean; test: (f: MediationFile, today: string) => string | null };

/**
 * The county's file review (卷宗评查) as checks on what the records hold: each check has its
 * points and, when it fails, the reason in words a clerk can act on. A check that does not
 * apply to the file (no agreement: nothing to check in one) passes.
 */
const checks: readonly Check[] = [
  { key: 'registration', label: '受理登记完整（当事人、登记人、受理日期）', points: 10, test: (f) => {
    if (f.parties.length === 0) return '未登记当事人';
    if (!f.registeredBy) return '受理登记表未记载登记人';
    return f.on.get('accept') || ['refused', 'withdrawn'].includes(f.status) ? null : '未记载受理日期';
  } },
  { key: 'rights_notice', label: '调解前告知当事人权利义务并经确认', points: 15, required: true, test: (f) => {
    if (f.sessions.length === 0 && !f.agreement) return null;
    const untold = f.parties.filter((p) => !p.notice).map((p) => p.name);
    if (untold.length > 0) return `未告知权利义务：${untold.join('、')}`;
    const first = f.sessions[0];
    const late = first ? f.parties.filter((p) => p.notice && p.notice.on > beijingIsoDate(first.heldAt)).map((p) => p.name) : [];
    return late.length > 0 ? `权利义务告知晚于首次调解：${late.join('、')}` : null;
  } },
  { key: 'sessions', label: '调解笔录齐全、载明调解员并经签名', points: 15, required: true, test: (f) => {
    const mediated = f.agreement !== null || f.failure !== null;
    if (!mediated) return null;
    if (f.sessions.length === 0) return '缺少调解笔录';
    if (f.mediators.length === 0) return '未载明人民调解员';
    if (f.sessions.some((s) => !s.intact)) return '调解笔录的文字与签名时不一致';
    const unsigned = f.sessions.filter((s) => s.signatures.length === 0).length;
    return unsigned > 0 ? `${unsigned}份调解笔录无当事人签名` : null;
  } },
  { key: 'agreement_content', label: '调解协议载明事实、争议事项和各方责任', points: 15, required: true, test: (f) => {
    if (!f.agreement) return null;
    const a = f.agreement;
    const missing = [...(a.facts ? [] : ['纠纷的主要事实']), ...(a.issues ? [] : ['争议事项']), ...(a.responsibilities ? [] : ['各方当事人的责任'])];
    if (missing.length > 0) return `调解协议未载明：${missing.join('、')}`;
    return a.facts && a.facts.trim() === splitApplication(f.body).facts.trim() ? '调解协议的事实照抄申请书，未写明调解员查明的事实' : null;
  } },
  { key: 'party_facts', label: '当事人基本情况完整', points: 10, test: (f) => {
    if (!f.agreement) return null;
    const gaps = f.parties.map((p) => ({ name: p.name, missing: missingFacts({ ...p, hasAddress: p.address !== null }) }))
      .filter((p) => p.missing.length > 0);
    return gaps.length > 0 ? `当事人基本情况不全：${gaps.map((g) => `${g.name}（缺${g.missing.join('、')}）`).join('；')}` : null;
  } },
  { key: 'dates', label: '各环节日期先后有序', points: 10, test: (f) => {
    const seq: [string, string | null | undefined][] = [
      ['收到申请', f.receivedOn], ['受理', f.on.get('accept')], ['开始调解', f.on.get('start')],
      ['首次调解', f.sessions[0] ? beijingIsoDate(f.sessions[0].heldAt) : null], ['达成协议', f.on.get('reach_agreement')], ['回访', f.on.get('follow_up')],
    ];
    const dated = seq.filter((x): x is [string, string] => !!x[1]);
    for (let i = 1; i < dated.length; i++) {
      const [a, da] = dated[i - 1] ?? ['', ''];
      const [b, db] = dated[i] ?? ['', ''];
      if (db < da) return `${b}日期（${db}）早于${a}日期（${da}）`;
    }
    return null;
  } },
  { key: 'follow_up', label: `协议履行期满后${FOLLOW_UP_DAYS}日内回访`, points: 15, test: (f, today) => {
    if (!f.agreement) return null;
    const reached = f.on.get('reach_agreement');
    if (!reached) return null;
    const due = addDays(f.agreement.performanceDeadline ?? reached, FOLLOW_UP_DAYS);
    const visited = f.on.get('follow_up');
    if (!visited) return f.status === 'agreed' && due >= today ? null : '达成协议后未回访';
    return visited > due ? `回访晚于应回访日期（${due}）` : null;
  } },
  { key: 'closed', label: '已办结并有结案报告', points: 10, test: (f) => (['resolved', 'failed', 'transferred', 'refused', 'withdrawn', 'agreed'].includes(f.status) ? null : '尚未办结') },
];

export const reviewFile = (f: MediationFile, today: string): { score: number; passed: boolean; checks: FileCheck[] } => {
  const results = checks.map((c): FileCheck & { required: boolean } => {
    const reason = c.test(f, today);
    return { key: c.key, label: c.label, ok: reason === null, points: reason === null ? c.points : 0, reason, required: c.required ?? false };
  });
  const score = results.reduce((s, r) => s + r.points, 0);
  return { score, passed: score >= PASS_MARK && results.every((r) => r.ok || !r.required), checks: results.map(({ required: _, ...r }) => r) };
};

/**
 * The file review for a year: the mediation cases received in it under the org (a township,
 * or the county: every township in reach), each scored, and each township's summary. Row-level
 * security limits it to what the caller may see; no personal data is in the answer.
 *
 * One review reads at most `cap` files (MAX_REVIEW_FILES). A year with more (a county's, or a
 * large township's) is sampled as a county's 抽查 is: each township an equal share of the cap,
 * its files picked at random but the same on every reading (by a hash of the case's id), and
 * the answer says so (`sampled`, each township's `total`) instead of scoring the first files in
 * name order and leaving the other townships out.
 */
export const runFileReview = async (tx: Tx, keys: FieldKeys, today: string, q: FileReviewQuery & { orgId: string }, cap = MAX_REVIEW_FILES): Promise<FileReview> => {
  // One pass over the year's files: each township's count, the year's, and each file's place
  // in its township's order (at random when sampled, by reference when not).
  const cases = (await tx.client.query<{ id: string; township_id: string; township: string; township_total: number; total: number }>(
    `WITH y AS MATERIALIZED (
       SELECT k.id, k.ref, k.township_id, count(*) OVER (PARTITION BY k.township_id) AS township_total, count(*) OVER () AS total
         FROM cases k
        WHERE k.case_type = 'mediation' AND k.year = $2 AND k.status NOT IN ('registered')
          AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $1)),
     s AS (SELECT max(total) > $3 AS sampled, GREATEST(1, $3 / GREATEST(1, count(DISTINCT township_id)))::int AS share FROM y),
     r AS (SELECT y.*, row_number() OVER (PARTITION BY y.township_id ORDER BY CASE WHEN s.sampled THEN md5(y.id::text) END, y.ref) AS n,
                  CASE WHEN s.sampled THEN s.share ELSE $3 END AS keep
             FROM y, s)
     SELECT r.id, r.township_id, t.name AS township, r.township_total::int AS township_total, r.total::int AS total
       FROM r JOIN orgs t ON t.id = r.township_id
      WHERE r.n <= r.keep
      ORDER BY t.name, r.ref LIMIT $3`, [q.orgId, q.year, cap])).rows;
  const total = cases[0]?.total ?? 0;
  const sampled = total > cap;
  const items: FileReviewItem[] = [];
  const township = new Map(cases.map((k) => [k.id, k]));
  // Every file at once (one statement a table, not one a case); opened in full to tell sex and
  // birth date from an ID number; nothing personal leaves this function.
  for (const f of await loadMediationFiles(tx.client, keys, cases.map((k) => k.id), true)) {
    const k = township.get(f.caseId);
    if (!k) continue;
    const r = reviewFile(f, today);
    items.push({ caseId: f.caseId, ref: f.ref, title: f.title, status: f.status, townshipId: k.township_id, townshipName: k.township, score: r.score, passed: r.passed, checks: r.checks });
  }
  const byTownship = new Map<string, { townshipId: string; name: string; files: number; passed: number; score: number }>();
  for (const i of items) {
    const t = byTownship.get(i.townshipId) ?? { townshipId: i.townshipId, name: i.townshipName, files: 0, passed: 0, score: 0 };
    t.files += 1; t.passed += i.passed ? 1 : 0; t.score += i.score;
    byTownship.set(i.townshipId, t);
  }
  const totalOf = new Map(cases.map((k) => [k.township_id, k.township_total]));
  return {
    year: q.year, passMark: PASS_MARK, sampled, total, limit: cap,
    townships: [...byTownship.values()].map((t) => ({
      townshipId: t.townshipId, name: t.name, total: totalOf.get(t.townshipId) ?? t.files, files: t.files, passed: t.passed, averageScore: Math.round((t.score / t.files) * 10) / 10,
    })),
    items: q.failedOnly ? items.filter((i) => !i.passed) : items,
  };
};
