import type { governanceZhCN } from './governance.zh-CN.ts';

export const governanceEn: Record<keyof typeof governanceZhCN, string> = {
  'menu.meetings': 'Meetings and law study',
  'meetings.title': 'Rule-of-law meetings and law study',
  'meetings.new': 'Record a meeting or study session',
  'meetings.note': 'Leadership group, party committee, executive and joint meetings need more than half of their members present (Local Organisation Law, arts. 6 and 77). Once held, record attendance and agenda on its page and sign the minutes. The year\'s meetings, study sessions and 述法 count in section 1 of the annual report.',
  'meetings.empty': 'No meetings or study sessions yet',
  'meetings.kind': 'Kind',
  'meetings.name': 'Name',
  'meetings.nameHint': 'e.g. 1st leadership group meeting of 2024',
  'meetings.calledOn': 'Called on',
  'meetings.topics': 'Topics or study material',
  'meetings.required': '{label} is required',
  'meetings.new.done': 'Registered: {ref}',
  'meetings.agenda.title': 'Major decisions on the agenda',
  'meetings.agenda.empty': 'No major decision on the agenda',
  'meetings.agenda.decidedHere': 'Decided at this meeting',
  'meetings.agenda.decisions': 'Major decisions on the agenda',
  'meetings.agenda.hint': 'Decisions on this meeting\'s agenda; each decision\'s decide step may name this record',
};
