/**
 * The mediation ledger as county justice bureaus keep it (人民调解案件登记台账): its columns,
 * in order, and how a case's status reads in the 调解结果 column. Export and import share
 * these definitions, so a file Fazhi writes is a file Fazhi reads.
 */
export const ledgerColumns = [
  { key: 'no', header: '序号', width: 6 },
  { key: 'ref', header: '案件编号', width: 22 },
  { key: 'receivedOn', header: '受理日期', width: 12, date: true },
  { key: 'category', header: '纠纷类型', width: 12 },
  { key: 'village', header: '所属村（社区）', width: 12 },
  { key: 'committee', header: '调解组织', width: 24 },
  { key: 'applicants', header: '申请人', width: 12 },
  { key: 'phones', header: '申请人联系电话', width: 16 },
  { key: 'respondents', header: '被申请人', width: 12 },
  { key: 'summary', header: '纠纷简要情况', width: 40, wrap: true },
  { key: 'mediators', header: '调解员', width: 12 },
  { key: 'result', header: '调解结果', width: 10 },
  { key: 'agreementForm', header: '协议形式', width: 8 },
  { key: 'terms', header: '协议内容', width: 36, wrap: true },
  { key: 'performance', header: '履行情况', width: 10 },
  { key: 'confirmation', header: '是否申请司法确认', width: 14, wrap: true },
  { key: 'closedOn', header: '结案日期', width: 12, date: true },
  { key: 'followUp', header: '回访情况', width: 30, wrap: true },
] as const;

export type LedgerColumn = (typeof ledgerColumns)[number];
export type LedgerKey = LedgerColumn['key'];
export const headerOf = (key: LedgerKey): string => ledgerColumns.find((c) => c.key === key)?.header ?? key;

/** One ledger line as written to or read from a sheet (dates as yyyy-mm-dd). */
export type LedgerLine = Record<Exclude<LedgerKey, 'no'>, string>;

/** The six results a ledger records. */
export const ledgerResults = ['调解成功', '调解不成', '移交', '在办', '不予调解', '撤回'] as const;
export type LedgerResult = (typeof ledgerResults)[number];
export const isLedgerResult = (s: string): s is LedgerResult => (ledgerResults as readonly string[]).includes(s);

/**
 * A case's status as a ledger result. An agreement reached counts as 调解成功 whether or
 * not the return visit has been made (as the statistics count it: mediation.metrics.ts).
 */
export const resultOfStatus = (status: string): LedgerResult => {
  switch (status) {
    case 'agreed':
    case 'resolved': return '调解成功';
    case 'failed': return '调解不成';
    case 'transferred': return '移交';
    case 'refused': return '不予调解';
    case 'withdrawn': return '撤回';
    default: return '在办';
  }
};

export const agreementForms = { written: '书面', oral: '口头' } as const;
export type AgreementForm = keyof typeof agreementForms;
export const agreementFormOf = (label: string): AgreementForm | null =>
  label === '书面' ? 'written' : label === '口头' ? 'oral' : null;

/** Written into a required field the ledger left empty: says so rather than inventing content. */
export const NOT_IN_LEDGER = '（台账未载明）';

/** The sheet title: 张八桥镇人民调解案件登记台账（2023年）. */
export const sheetTitle = (orgName: string, year: number | null): string =>
  `${orgName}人民调解案件登记台账${year ? `（${year}年）` : ''}`;
export const sheetName = (year: number | null): string => (year ? `${year}年` : '台账');
