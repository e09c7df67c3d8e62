import type { CommitteeKind } from '@fazhi/contracts';
import type { MessageKey } from '../../i18n/zh-CN.ts';

/**
 * The mediation network in the seed's words (二(七)三): 村调委会 as the base, 司法所 as the main
 * position, professional committees and personal studios as the complement.
 */
export const committeeKinds: readonly { value: CommitteeKind; label: MessageKey; help: MessageKey }[] = [
  { value: 'township', label: 'mediation.kind.township', help: 'mediation.kind.townshipHelp' },
  { value: 'professional', label: 'mediation.kind.professional', help: 'mediation.kind.professionalHelp' },
  { value: 'studio', label: 'mediation.kind.studio', help: 'mediation.kind.studioHelp' },
  { value: 'village', label: 'mediation.kind.village', help: 'mediation.kind.villageHelp' },
];
