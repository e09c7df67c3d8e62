import type { CaseTypeDef } from '../platform/cases/definition.ts';

/**
 * A case type used only by the tests: it exercises every feature of the engine (a clock
 * from creation, one from a transition that pauses, resumes and extends, required fields,
 * a terminal refusal, public steps). Modelled loosely on a disclosure request.
 */
export const sampleCaseType: CaseTypeDef = {
  code: 'sample', refCode: '样', label: { zh: '测试事项', en: 'Sample case' },
  readPermission: 'petition.read', handlePermission: 'petition.handle', citizenFacing: true,
  initial: 'registered',
  categories: ['邻里', '宅基地', '其他'],
  states: {
    registered: { label: { zh: '已登记', en: 'Registered' }, kind: 'open' },
    accepted: { label: { zh: '已受理', en: 'Accepted' }, kind: 'open', publicLabel: { zh: '正在办理', en: 'In progress' } },
    consulting: { label: { zh: '征求意见中', en: 'Consulting' }, kind: 'open', publicLabel: { zh: '正在办理', en: 'In progress' } },
    replied: { label: { zh: '已答复', en: 'Replied' }, kind: 'closed' },
    refused: { label: { zh: '不予受理', en: 'Refused' }, kind: 'terminal' },
  },
  transitions: [
    { key: 'accept', label: { zh: '受理', en: 'Accept' }, from: ['registered'], to: 'accepted', permission: 'petition.handle', public: true },
    { key: 'refuse', label: { zh: '不予受理', en: 'Refuse' }, from: ['registered'], to: 'refused', permission: 'petition.handle', requires: ['reason'], public: true },
    { key: 'consult', label: { zh: '征求第三方意见', en: 'Consult a third party' }, from: ['accepted'], to: 'consulting', permission: 'petition.handle' },
    { key: 'resume', label: { zh: '收到意见', en: 'Opinion received' }, from: ['consulting'], to: 'accepted', permission: 'petition.handle' },
    { key: 'reply', label: { zh: '答复', en: 'Reply' }, from: ['accepted'], to: 'replied', permission: 'petition.handle', requires: ['outcome'], documents: ['reply_letter'], public: true },
  ],
  deadlines: [
    { key: 'accept', label: { zh: '受理期限', en: 'Acceptance' }, length: 15, unit: 'cd', startOn: 'created', stopOn: ['accept', 'refuse'], basis: '信访工作条例 第二十三条', remindBefore: { length: 3, unit: 'wd' }, escalateTo: 'petition.handle' },
    { key: 'reply', label: { zh: '答复期限', en: 'Reply' }, length: 20, unit: 'wd', startOn: 'accept', stopOn: ['reply'], pauseOn: ['consult'], resumeOn: ['resume'],
      extension: { max: 20, approver: 'dashboard.read', notifyParty: true }, basis: '政府信息公开条例 第三十三条' },
  ],
};
