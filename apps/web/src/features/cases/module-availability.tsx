import { Alert } from 'antd';
import type { CaseTypeInfo } from '@fazhi/contracts';
import type { Translate } from '../../i18n/locale-context.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { useMe } from '../auth/session-context.tsx';
import { useCaseTypes } from './cases-api.ts';

/** Business areas a role may be granted before their case types exist in this version. */
const moduleLabel: Record<string, MessageKey> = {
  petition: 'modules.petition',
  disclosure: 'modules.disclosure',
  decision: 'modules.decision',
  enforcement: 'modules.enforcement',
  grid: 'modules.grid',
  mediation: 'modules.mediation',
};

export type ModuleAvailability = {
  loading: boolean;
  /** Case types the user may read, and those the user may handle. */
  readable: CaseTypeInfo[];
  handleable: CaseTypeInfo[];
  /** Areas the user is granted to handle that have no case type yet (信访, 政务公开, …): why a list is empty. */
  pending: MessageKey[];
};

/** What the user's grants reach among the case types this deployment has. */
export const useModuleAvailability = (): ModuleAvailability => {
  const me = useMe();
  const types = useCaseTypes();
  const items = types.data?.items ?? [];
  const readable = items.filter((x) => me.permissions.includes(x.readPermission));
  const handleable = items.filter((x) => me.permissions.includes(x.handlePermission));
  const built = new Set(items.map((x) => x.readPermission.split('.')[0]));
  const granted = [...new Set(me.permissions.filter((p) => p.endsWith('.handle')).map((p) => p.split('.')[0] ?? ''))];
  const pending = granted.filter((area) => area in moduleLabel && !built.has(area)).map((area) => moduleLabel[area] as MessageKey);
  return { loading: types.loading, readable, handleable, pending };
};

/** The sentence that says why there is nothing here, and whom to ask. */
export const nothingToDoText = (t: Translate, a: ModuleAvailability): string => {
  if (a.pending.length === 0) return t(a.readable.length > 0 ? 'modules.readOnly' : 'modules.noneGranted');
  const text = t('modules.notEnabled', { modules: a.pending.map((k) => t(k)).join(t('modules.joiner')) });
  return a.readable.length > 0 ? `${text}${t('modules.canRead')}` : text;
};

/** Shown where a list would be empty because the user's modules are not built yet. */
export const NothingToDoNotice = ({ t, availability }: { t: Translate; availability: ModuleAvailability }) => (
  <Alert type="info" showIcon className="fz-empty-reason" data-testid="nothing-to-do" title={nothingToDoText(t, availability)} />
);
