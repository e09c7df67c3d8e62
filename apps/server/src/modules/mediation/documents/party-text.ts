import { chineseDate } from '../../../platform/documents/chinese-text.ts';
import type { PartyFacts } from './mediation-file.ts';

/**
 * A party's basic facts as a mediation agreement states them (人民调解法 第二十九条第一项:
 * 当事人的基本情况), in the order Chinese legal documents use: name, sex, ethnicity, birth
 * date, occupation or employer, address, ID number, phone. What is not recorded is left out.
 */
export const partyLine = (p: PartyFacts): string => {
  const parts: string[] = [p.name];
  if (p.kind === 'person') {
    if (p.sex) parts.push(p.sex);
    if (p.ethnicity) parts.push(p.ethnicity.endsWith('族') ? p.ethnicity : `${p.ethnicity}族`);
    if (p.birthDate) parts.push(`${chineseDate(p.birthDate)}出生`);
    if (p.occupation) parts.push(p.occupation);
    if (p.address) parts.push(`住${p.address}`);
    if (p.idNumber) parts.push(`公民身份号码${p.idNumber}`);
  } else {
    if (p.address) parts.push(`住所地${p.address}`);
    if (p.idNumber) parts.push(`统一社会信用代码${p.idNumber}`);
  }
  if (p.phone) parts.push(`联系电话${p.phone}`);
  return `${p.role}：${parts.join('，')}。`;
};

/** 申请人 but not 被申请人. */
export const isApplicant = (p: PartyFacts): boolean => p.role.includes('申请人') && !p.role.includes('被申请人');

export const names = (parties: readonly PartyFacts[]): string => parties.map((p) => p.name).join('、');
