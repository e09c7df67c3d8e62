import type { MetricDef } from '../../platform/metrics/metrics.ts';
import { petitionChannels } from './petitions.workflow.ts';

/**
 * The year's petitions of the townships in reach, one row each, with what the figures filter
 * on. What happened is read from the engine's record of steps (`steps`, written only by the
 * engine) and clocks (`case_deadlines`); channel, category and village are what the register
 * recorded (第二十一条), the village joined by its id as text so that no stored value can make
 * the statement fail. A repeat petition is one whose petitioner (blind index of the ID number
 * or phone) brought an earlier petition to the township.
 * $1 year, $2 townships in reach, $3 the org whose subtree is counted.
 */
export const petitionBase = `
  SELECT k.id, k.ref, k.title, k.org_id, k.category, k.status, k.received_on, k.township_id, to_char(k.ended_on, 'YYYY-MM-DD') AS ended_on,
         o.name AS org_name, coalesce(v.name, '未注明') AS village, k.data ->> 'channel' AS channel,
         k.steps ? 'accept' AS accepted, k.steps -> 'route' ->> 'route' AS route, k.steps ? 'request_review' AS reviewed,
         k.steps ? 'request_recheck' AS rechecked, k.steps -> 'answer' ->> 'outcome' AS outcome,
         h.on_time AS handled_on_time, coalesce(jsonb_array_length(h.extensions), 0) > 0 AS extended,
         EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = k.id AND d.key IN ('notice', 'handling', 'review', 'recheck')
                    AND (d.on_time = false OR (d.status IN ('running', 'paused') AND d.due_date < (now() AT TIME ZONE 'Asia/Shanghai')::date))) AS overdue,
         n.on_time AS noticed_on_time, r.score AS rating,
         EXISTS (SELECT 1 FROM case_parties p JOIN case_parties q ON q.case_id <> p.case_id
                          AND (q.id_number_bidx = p.id_number_bidx OR q.phone_bidx = p.phone_bidx)
                          JOIN cases e ON e.id = q.case_id AND e.case_type = 'petition' AND e.township_id = k.township_id
                                      AND (e.received_on, e.created_at) < (k.received_on, k.created_at)
                  WHERE p.case_id = k.id) AS repeat
    FROM cases k
    JOIN orgs o ON o.id = k.org_id
    LEFT JOIN orgs v ON v.id::text = k.data ->> 'villageId'
    LEFT JOIN case_deadlines h ON h.case_id = k.id AND h.key = 'handling'
    LEFT JOIN case_deadlines n ON n.case_id = k.id AND n.key = 'notice'
    LEFT JOIN case_ratings r ON r.case_id = k.id
   WHERE k.case_type = 'petition' AND k.year = $1 AND k.township_id = ANY($2::uuid[])
     AND k.org_id IN (SELECT descendant_id FROM org_closure WHERE ancestor_id = $3)`;

type Count = { name: string; zh: string; en: string; where: string; dzh: string; den: string };
const law = '《信访工作条例》';
const channelNames: Record<(typeof petitionChannels)[number], string> = { 走访: 'Visit', 来信: 'Letter', 网上: 'Online', 电话: 'Phone', 转送交办: 'Referred' };
const channelKeys: Record<(typeof petitionChannels)[number], string> = { 走访: 'Visit', 来信: 'Letter', 网上: 'Online', 电话: 'Phone', 转送交办: 'Referred' };

/** The routes of 第三十一条 counted in groups (诉访分离: the litigation routes apart, 第二十八条). */
const routeGroups: { name: string; zh: string; en: string; routes: string[] }[] = [
  { name: 'routedLitigation', zh: '导入诉讼、检察、公安程序（诉访分离）', en: 'Routed to courts, procuratorate or police', routes: ['诉讼', '检察', '公安'] },
  { name: 'routedArbitration', zh: '导入仲裁程序', en: 'Routed to arbitration', routes: ['仲裁'] },
  { name: 'routedParty', zh: '导入党员申诉等程序', en: 'Routed to party appeals', routes: ['党员申诉'] },
  { name: 'routedAdministrative', zh: '导入行政复议、裁决、确认、许可、处罚程序', en: 'Routed to administrative procedures', routes: ['行政复议', '行政裁决', '行政确认', '行政许可', '行政处罚'] },
  { name: 'routedDuty', zh: '依法履行职责（申请查处、保护合法权益）', en: 'Routed as a request to perform a duty', routes: ['履行法定职责'] },
];

const counts: Count[] = [
  { name: 'received', zh: '登记信访事项', en: 'Petitions registered', where: 'true', dzh: `当年登记的信访事项件数（${law}第二十一条）`, den: 'Petitions registered in the year' },
  ...petitionChannels.map((ch) => ({ name: `received${channelKeys[ch]}`, zh: `${ch}登记`, en: `Registered: ${channelNames[ch]}`, where: `m.channel = '${ch}'`,
    dzh: `当年经${ch}渠道登记的信访事项件数`, den: `Petitions registered in the year through the ${channelNames[ch].toLowerCase()} channel` })),
  { name: 'accepted', zh: '受理', en: 'Accepted', where: 'm.accepted', dzh: '当年登记并已受理的件数（以受理步骤为准）', den: 'Registered in the year and accepted (by the accept step)' },
  { name: 'notAccepted', zh: '不予受理', en: 'Not accepted', where: "m.status = 'not_accepted'", dzh: '不予受理并书面告知的件数', den: 'Not accepted, the petitioner told in writing' },
  { name: 'routed', zh: '依法分流', en: 'Routed to legal channels', where: 'm.route IS NOT NULL', dzh: `按法定途径分流、导入相应程序的件数（${law}第三十一条）`, den: 'Routed to a legal channel (第三十一条)' },
  ...routeGroups.map((g) => ({ name: g.name, zh: g.zh, en: g.en, where: `m.route IN (${g.routes.map((r) => `'${r}'`).join(', ')})`, dzh: `${g.zh}的件数`, den: g.en })),
  { name: 'noticed', zh: '告知有结果', en: 'Notice clock ended', where: 'm.noticed_on_time IS NOT NULL', dzh: '告知期限已有结果（按期或超期）的件数', den: 'Notice clocks that ended on time or late' },
  { name: 'noticedOnTime', zh: '按期告知', en: 'Told within 15 days', where: 'm.noticed_on_time', dzh: `收到之日起15日内书面告知的件数（${law}第二十三条）`, den: 'Told in writing within 15 days (第二十三条)' },
  { name: 'handled', zh: '办理有结果', en: 'Handling clock ended', where: 'm.handled_on_time IS NOT NULL', dzh: '办理期限已有结果（按期或超期）的件数', den: 'Handling clocks that ended on time or late' },
  { name: 'closedOnTime', zh: '按期办结', en: 'Closed on time', where: 'm.handled_on_time', dzh: `受理之日起60日内（经批准延期的，延长期限内）出具处理意见的件数（${law}第三十四条）`, den: 'Answered within 60 days of acceptance or the approved extension (第三十四条)' },
  { name: 'extended', zh: '延期办理', en: 'Extended', where: 'm.extended', dzh: '经负责人批准延长办理期限的件数', den: 'Handling extended with the head\'s approval' },
  { name: 'overdue', zh: '超期', en: 'Overdue', where: 'm.overdue', dzh: '告知、办理、复查或复核期限超期（已超期办结或至今未办）的件数', den: 'A notice, handling, review or recheck clock overrun' },
  { name: 'supported', zh: '予以支持', en: 'Supported', where: "m.outcome = '支持'", dzh: '处理意见为支持的件数（第三十二条）', den: 'Answered: supported (第三十二条)' },
  { name: 'reviews', zh: '请求复查', en: 'Reviews requested', where: 'm.reviewed', dzh: `信访人请求复查的件数（${law}第三十五条）`, den: 'Reviews (复查) requested (第三十五条)' },
  { name: 'rechecks', zh: '请求复核', en: 'Rechecks requested', where: 'm.rechecked', dzh: `信访人请求复核的件数（${law}第三十六条）`, den: 'Rechecks (复核) requested (第三十六条)' },
  { name: 'rated', zh: '参评', en: 'Rated', where: 'm.rating IS NOT NULL', dzh: '信访人作出满意度评价的件数', den: 'Rated by the petitioner' },
  { name: 'satisfied', zh: '满意', en: 'Satisfied', where: 'm.rating >= 4', dzh: '评价为满意或非常满意（五级中的四至五级）的件数', den: 'Rated 4 or 5 of the five grades' },
  { name: 'repeat', zh: '重复信访', en: 'Repeat petitions', where: 'm.repeat', dzh: '信访人（以身份证号或电话的盲索引识别）此前已向本乡镇提出过信访事项的件数', den: 'The petitioner (by the blind index of ID number or phone) had petitioned the township before' },
];

/**
 * Petitions' figures in the metrics registry: each count is its condition over the year's
 * petitions in the org's subtree; each rate one count over another (及时受理率, 按期办结率,
 * 参评率, 满意率 as LAW.md names the offices' measures).
 */
export const petitionRegistryMetrics = (): MetricDef[] => {
  // The key figures on the leaders' cockpit: the year's petitions (received in the year), accepted, and the rates.
  const cockpit: Record<string, number> = { received: 10, accepted: 20, noticeRate: 30, onTimeRate: 40, satisfactionRate: 50 };
  const place = (name: string) => (cockpit[name] ? { cockpit: { order: cockpit[name] } } : {});
  const out: MetricDef[] = counts.map((k) => ({
    code: `petition.${k.name}`, label: { zh: k.zh, en: k.en }, definition: { zh: k.dzh, en: k.den }, unit: 'count', readPermission: 'petition.read',
    records: `WITH m AS (${petitionBase}) SELECT m.* FROM m WHERE ${k.where}`, ...place(k.name),
  }));
  const rate = (name: string, zh: string, en: string, numerator: string, denominator: string, dzh: string, den: string): MetricDef => ({
    code: `petition.${name}`, label: { zh, en }, definition: { zh: dzh, en: den }, unit: 'rate', readPermission: 'petition.read',
    numerator: `petition.${numerator}`, denominator: `petition.${denominator}`, ...place(name),
  });
  return [...out,
    // 《信访工作条例》第二十三条 (15 days to tell whether it is accepted), 第三十四条 (60 days to close, +30 approved).
    rate('noticeRate', '及时受理率', 'Timely notice rate', 'noticedOnTime', 'noticed', '按期告知件数 ÷ 告知期限已有结果的件数', 'Told on time ÷ notice clocks ended'),
    rate('onTimeRate', '按期办结率', 'On-time rate', 'closedOnTime', 'handled', '按期办结件数 ÷ 办理期限已有结果的件数（经批准的延期计入期限）', 'Closed on time ÷ handling clocks ended (approved extensions counted)'),
    rate('ratingRate', '参评率', 'Rating rate', 'rated', 'accepted', '参评件数 ÷ 受理件数', 'Rated ÷ accepted'),
    rate('satisfactionRate', '满意率', 'Satisfaction rate', 'satisfied', 'rated', '满意件数 ÷ 参评件数', 'Satisfied ÷ rated'),
  ];
};

/** The year's breakdowns by channel, category and village, from the same rows. */
export const petitionBreakdowns = `
  WITH m AS (${petitionBase})
  SELECT (SELECT coalesce(jsonb_object_agg(g.k, g.n), '{}') FROM (SELECT coalesce(m.channel, '未注明') AS k, count(*)::int AS n FROM m GROUP BY 1) g) AS by_channel,
         (SELECT coalesce(jsonb_object_agg(g.k, g.n), '{}') FROM (SELECT coalesce(m.category, '未分类') AS k, count(*)::int AS n FROM m GROUP BY 1) g) AS by_category,
         (SELECT coalesce(jsonb_object_agg(g.k, g.n), '{}') FROM (SELECT m.village AS k, count(*)::int AS n FROM m GROUP BY 1) g) AS by_village,
         (SELECT coalesce(jsonb_object_agg(g.k, g.n), '{}') FROM (SELECT m.route AS k, count(*)::int AS n FROM m WHERE m.route IS NOT NULL GROUP BY 1) g) AS by_route`;
