import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { PartyFacts } from './mediation-file.ts';

/**
 * A party's basic facts as a mediation agreement states them (人民调解法 第二十九条第一项:
 * 当事人的基本情况): name, sex and birth date (from the ID number), ID number, address, phone.
 */
export const partyLine = (p: PartyFacts): string => {
  const parts: string[] = [p.name];
  if (p.kind === 'person') {
    if (p.sex) parts.push(p.sex);
    if (p.birthDate) parts.push(`${chineseDate(p.birthDate)}出生`);
    if (p.idNumber) parts.push(`公民身份号码${p.idNumber}`);
    if (p.address) parts.push(`住${p.address}`);
  } else {
    if (p.idNumber) parts.push(`统一社会信用代码${p.idNumber}`);
    if (p.address) parts.push(`住所地${p.address}`);
  }
  if (p.phone) parts.push(`联系电话${p.phone}`);
  return `${p.role}：${parts.join('，')}。`;
};

/** 申请人 but not 被申请人. */
export const isApplicant = (p: PartyFacts): boolean => p.role.includes('申请人') && !p.role.includes('被申请人');

export const names = (parties: readonly PartyFacts[]): string => parties.map((p) => p.name).join('、');
