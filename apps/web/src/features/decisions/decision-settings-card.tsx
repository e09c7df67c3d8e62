import { useState } from 'react';
import { Card, Select, Space } from 'antd';
import { useT } from '../../i18n/locale-context.tsx';
import { useMe } from '../auth/session-context.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { DecisionSettingsPanel } from './decision-settings-panel.tsx';

/**
 * 重大行政决策事项标准 on the system settings screen (settings.manage): a township's "三重一大"
 * categories and its thresholds per deciding body, chosen by township as the clocks above are.
 */
export const DecisionSettingsCard = () => {
  const t = useT();
  const me = useMe();
  const orgs = useOrgList();
  const townships = (orgs.data?.items ?? []).filter((o) => o.kind === 'township');
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const townshipId = chosen ?? me.township?.id ?? townships[0]?.id;
  return (
    <Card title={t('decisions.settings.title')} className="fz-case-card-block" data-testid="decision-settings-card"
      extra={(
        <Space size={8}>
          <span>{t('decisions.settings.township')}</span>
          <Select style={{ minWidth: 140 }} value={townshipId} loading={orgs.loading} onChange={(v: string) => setChosen(v)} options={townships.map((o) => ({ value: o.id, label: o.name }))} />
        </Space>
      )}>
      {townshipId && <DecisionSettingsPanel key={townshipId} townshipId={townshipId} editable />}
    </Card>
  );
};
