import { Tag } from 'antd';
import { useLocale, type Bilingual } from '../../i18n/locale-context.tsx';

/** Blue while the case is open, green when it closed normally, grey when it ended otherwise. */
const colorOf = (kind: string): string => (kind === 'open' ? 'processing' : kind === 'closed' ? 'success' : 'default');

export const StatusTag = ({ label, kind }: { label: Bilingual; kind: string }) => {
  const { label: pick } = useLocale();
  return <Tag color={colorOf(kind)} className="fz-status-tag">{pick(label)}</Tag>;
};
