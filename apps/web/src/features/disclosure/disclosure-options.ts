import type { MessageKey } from '../../i18n/zh-CN.ts';

const options = <T extends string>(prefix: string, values: readonly T[]) => values.map((value) => ({ value, label: `${prefix}.${value}` as MessageKey }));

/** The choices of the intake and the reply, with their labels (values as the server's schema has them). */
export const channels = options('disclosure.channel', ['in_person', 'registered_post', 'ordinary_post', 'email', 'portal'] as const);
export type Channel = (typeof channels)[number]['value'];
/** 第三十一条: the receipt-day rule each channel takes. */
export const receiptRuleOf: Record<Channel, 'handed_in' | 'signed_for' | 'both_confirmed'> = {
  in_person: 'handed_in', registered_post: 'signed_for', ordinary_post: 'both_confirmed', email: 'both_confirmed', portal: 'both_confirmed',
};
export const applicantTypes = options('disclosure.applicant', ['citizen', 'legal_person', 'other_org'] as const);
export const organisationKinds = options('disclosure.orgKind', ['commercial', 'research', 'public_interest', 'legal_service', 'other'] as const);
export const forms = options('disclosure.form', ['paper', 'electronic'] as const);
export const deliveries = options('disclosure.delivery', ['pickup', 'post', 'email', 'online'] as const);
export const replyTypes = options('disclosure.reply', ['provided', 'already_public', 'partly_provided', 'withheld', 'not_exist', 'not_ours', 'repeat', 'special_regime'] as const);
export const withholdReasons = options('disclosure.reason', ['state_secret', 'prohibited_by_law', 'three_security', 'third_party', 'internal_affairs', 'process_information', 'enforcement_file'] as const);
export const feeMethods = options('disclosure.fee', ['none', 'count', 'pages'] as const);
export const consultedKinds = options('disclosure.consulted', ['third_party', 'co_producer'] as const);
export const opinions = options('disclosure.opinion', ['agree', 'object', 'no_reply'] as const);
