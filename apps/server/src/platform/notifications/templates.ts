/**
 * Every text the platform sends to a person, in Chinese first and English second. Texts
 * take named parameters `{name}`; a parameter is a plain string or a label with both
 * languages. A date parameter ('YYYY-MM-DD') reads as 2025年1月5日 in Chinese prose
 * (STYLE.md: dates in prose) and stays ISO in English.
 */
export type Locale = 'zh' | 'en';
export type Text = { zh: string; en: string };
export type Param = string | Text;
export type Params = Record<string, Param>;

/** In-app notices (the bell): a title and a body. */
export const notificationTemplates = {
  'deadline.reminder': {
    title: { zh: '期限提醒：{ref}', en: 'Deadline reminder: {ref}' },
    body: {
      zh: '【{township}】事项{ref}「{title}」的{deadline}将于{due}届满，请及时办理。',
      en: '[{township}] The {deadline} period of case {ref} "{title}" ends on {due}. Please act in time.',
    },
  },
  'deadline.escalation': {
    title: { zh: '超期督办：{ref}', en: 'Overdue: {ref}' },
    body: {
      zh: '【{township}】事项{ref}「{title}」已超过{deadline}（届满日{due}），请督办。',
      en: '[{township}] Case {ref} "{title}" is past its {deadline} period (due {due}). Please follow up.',
    },
  },
  'case.supervision': {
    title: { zh: '督办：{ref}', en: 'Supervision: {ref}' },
    body: { zh: '事项{ref}「{title}」的督办意见：{note}。请抓紧办理并按期答复。', en: 'Case {ref} "{title}" is being supervised: {note}. Please act and answer on time.' },
  },
  'task.supervision': {
    title: { zh: '督办通知：{ref}', en: 'Supervision notice: {ref}' },
    body: {
      zh: '【{township}】法治建设任务{ref}「{title}」收到督办通知：{note}。请于{replyBy}前回复办理情况。',
      en: '[{township}] Rule-of-law task {ref} "{title}" is under supervision: {note}. Reply on progress by {replyBy}.',
    },
  },
  'case.transferred_in': {
    title: { zh: '转来事项：{ref}', en: 'Case transferred in: {ref}' },
    body: {
      zh: '【{township}】{from}将事项{ref}「{title}」转交本单位办理，理由：{reason}。请及时指派承办人。',
      en: '[{township}] {from} transferred case {ref} "{title}" to your office: {reason}. Please assign a handler.',
    },
  },
  'case.transferred_out': {
    title: { zh: '事项已转出：{ref}', en: 'Case transferred out: {ref}' },
    body: {
      zh: '【{township}】事项{ref}「{title}」已由本单位转交{to}办理，理由：{reason}。',
      en: '[{township}] Case {ref} "{title}" was transferred from your office to {to}: {reason}.',
    },
  },
  'case.new_application': {
    title: { zh: '新的网上申请：{ref}', en: 'New online application: {ref}' },
    body: {
      zh: '【{township}】群众提交了{type}申请{ref}「{title}」（{org}），请及时受理。',
      en: '[{township}] A citizen applied online: {type} {ref} "{title}" ({org}). Please take it on.',
    },
  },
  'report.due': {
    title: { zh: '年度报告提醒：{year}年法治政府建设情况报告', en: 'Annual report: {year}' },
    body: {
      zh: '【{township}】{year}年法治政府建设情况报告目前为“{status}”，应于{due}前{what}（法治政府建设与责任落实督察工作规定）。请抓紧办理。',
      en: '[{township}] The {year} rule-of-law report is "{status}"; it is due to be {what} by {due}. Please act.',
    },
  },
} as const satisfies Record<string, { title: Text; body: Text }>;
export type NotificationKind = keyof typeof notificationTemplates;

/**
 * Messages to citizens by SMS or e-mail (platform/outbox). SMS texts open with the sender's
 * name in 【】, as Chinese carriers require of every message. `secret` names parameters that
 * are sealed in the outbox and erased once sent: a query code opens the citizen's case.
 */
export const messageTemplates = {
  'case.closed': {
    sms: {
      zh: '【{township}】您的事项（受理编号{trackingNo}）已办结。欢迎凭受理编号和查询码{queryCode}在门户网站“办件查询”中对办理情况作出评价（好差评）。',
      en: '[{township}] Your case {trackingNo} is closed. Rate how it was handled on the portal ("Track a case") with the tracking number and query code {queryCode}.',
    },
    subject: { zh: '【{township}】您的事项已办结', en: '[{township}] Your case is closed' },
    secret: ['queryCode'],
  },
  'case.transferred': {
    sms: {
      zh: '【{township}】您的事项（受理编号{trackingNo}）已转交{to}办理，可继续凭受理编号和查询码在门户网站“办件查询”查看进度。',
      en: '[{township}] Your case {trackingNo} has been passed to {to}. Follow it on the portal ("Track a case") with the tracking number and query code as before.',
    },
    subject: { zh: '【{township}】您的事项已转交办理', en: '[{township}] Your case has been passed on' },
    secret: [],
  },
  'application.received': {
    sms: {
      zh: '【{township}】您的{matter}已收到，受理编号{trackingNo}，查询码{queryCode}。凭编号和查询码可在门户网站“办件查询”查看进度，请勿将查询码告知他人。',
      en: '[{township}] Your {matter} has been received: tracking number {trackingNo}, query code {queryCode}. Follow it on the portal ("Track a case") with both; keep the query code to yourself.',
    },
    subject: { zh: '【{township}】您的{matter}已收到', en: '[{township}] Your {matter} has been received' },
    secret: ['queryCode'],
  },
} as const satisfies Record<string, { sms: Text; subject: Text; secret: readonly string[] }>;
export type MessageTemplate = keyof typeof messageTemplates;

export const isMessageTemplate = (t: string): t is MessageTemplate => t in messageTemplates;
export const isNotificationKind = (k: string): k is NotificationKind => k in notificationTemplates;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const paramText = (value: Param, locale: Locale): string => {
  const s = typeof value === 'string' ? value : value[locale];
  const m = ISO_DAY.exec(s);
  return m && locale === 'zh' ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : s;
};

/** The parameters as plain strings in one language (what an SMS gateway's registered template takes). */
export const paramStrings = (params: Params, locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramText(v, locale)]));

/** Fills `{name}` placeholders; a missing parameter is a programming error, never a blank in a citizen's SMS. */
export const render = (text: Text, params: Params, locale: Locale): string =>
  text[locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`template parameter {${name}} missing`);
    return paramText(v, locale);
  });

export const renderNotification = (kind: NotificationKind, params: Params, locale: Locale): { title: string; body: string } => {
  const t = notificationTemplates[kind];
  return { title: render(t.title, params, locale), body: render(t.body, params, locale) };
};

export const renderMessage = (template: MessageTemplate, params: Params, locale: Locale): { subject: string; text: string } => {
  const t = messageTemplates[template];
  return { subject: render(t.subject, params, locale), text: render(t.sms, params, locale) };
};
