import { Tag } from 'antd';
import type { CameraStatus, RiskLevel } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';

const riskColor: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
export const RiskTag = ({ level }: { level: RiskLevel }) => {
  const t = useT();
  return <Tag color={riskColor[level]}>{t(`safety.risk.${level}`)}</Tag>;
};

const statusColor: Record<CameraStatus, string> = { unconnected: 'default', online: 'green', offline: 'red', unknown: 'orange' };
export const CameraStatusTag = ({ status }: { status: CameraStatus }) => {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(`safety.camera.status.${status}`)}</Tag>;
};

/** A due date, red with 已逾期 when passed. */
export const DueDate = ({ day, overdue }: { day: string | null; overdue: boolean }) => {
  const t = useT();
  if (!day) return <>—</>;
  return overdue ? <span>{day} <Tag color="red">{t('safety.person.overdue')}</Tag></span> : <>{day}</>;
};
