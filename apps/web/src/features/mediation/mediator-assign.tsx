import { useState } from 'react';
import { App, Button, Checkbox, Empty, List, Radio, Space, Tag, Typography } from 'antd';
import { UserSwitchOutlined } from '@ant-design/icons';
import type { TimelineEntry } from '@fazhi/contracts';
import type { MediatorView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useSaving } from '../../shared/use-saving.ts';
import { assignMediators, fetchSuggestions } from './mediation-api.ts';

export type Assignment = { mediatorIds: string[]; leadId: string };

/** The latest mediator assignment on the timeline (the server has no read of it of its own). */
export const assignmentOf = (timeline: readonly TimelineEntry[]): Assignment | null => {
  for (const e of [...timeline].reverse()) {
    const p = e.payload as { mediatorIds?: unknown; leadId?: unknown } | null;
    if (e.kind === 'assign' && p && Array.isArray(p.mediatorIds) && typeof p.leadId === 'string') {
      return { mediatorIds: p.mediatorIds.filter((x): x is string => typeof x === 'string'), leadId: p.leadId };
    }
  }
  return null;
};

type Props = { caseId: string; open: boolean; current: Assignment | null; onClose: () => void; onSaved: () => void };

/** 指定调解员: ranked suggestions with the reasons, up to five mediators, one of them leading. Mount it when opening. */
export const MediatorAssignDrawer = ({ caseId, open, current, onClose, onSaved }: Props) => {
  const t = useT();
  const { message } = App.useApp();
  const { saving, save: submit } = useSaving();
  const suggestions = useRemote(() => fetchSuggestions(caseId), caseId);
  const [chosen, setChosen] = useState<string[]>(current?.mediatorIds ?? []);
  const [lead, setLead] = useState<string | undefined>(current?.leadId);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id].slice(-5) : chosen.filter((x) => x !== id);
    setChosen(next);
    if (!lead || !next.includes(lead)) setLead(next[0]);
  };
  const save = async () => {
    if (!chosen.length || !lead) {
      void message.warning(t('mediation.assign.pickOne'));
      return;
    }
    await submit(async () => {
      await assignMediators(caseId, chosen, lead);
      void message.success(t('mediation.assign.done'));
      onSaved();
    });
  };

  return (
    <FormDrawer title={t('mediation.assign.title')} open={open} submitting={saving} onClose={onClose} onSubmit={() => void save()} width={560}>
      <Typography.Paragraph type="secondary">{t('mediation.assign.help')}</Typography.Paragraph>
      <LoadError error={suggestions.error} onRetry={suggestions.reload} />
      <List
        loading={suggestions.loading}
        dataSource={suggestions.data?.items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.assign.none')} /> }}
        renderItem={(s, i) => (
          <List.Item className="fz-med-suggestion"
            actions={[
              <Radio key="lead" checked={lead === s.mediator.id} disabled={!chosen.includes(s.mediator.id)} onChange={() => setLead(s.mediator.id)}>
                {t('mediation.assign.lead')}
              </Radio>,
            ]}>
            <Checkbox checked={chosen.includes(s.mediator.id)} onChange={(e) => toggle(s.mediator.id, e.target.checked)} className="fz-med-suggestion__check">
              <Space orientation="vertical" size={2}>
                <span><strong>{i + 1}. {s.mediator.name}</strong> <Typography.Text type="secondary">{s.committeeName}</Typography.Text></span>
                <span>{s.reasons.map((r) => <Tag key={r}>{r}</Tag>)}</span>
              </Space>
            </Checkbox>
          </List.Item>
        )}
      />
    </FormDrawer>
  );
};

/** The assigned mediators by name, the lead first. */
export const AssignedMediators = ({ current, byId, onAssign }: { current: Assignment | null; byId: Map<string, MediatorView>; onAssign?: () => void }) => {
  const t = useT();
  const names = [...(current?.mediatorIds ?? [])]
    .sort((a, b) => Number(b === current?.leadId) - Number(a === current?.leadId))
    .map((id) => ({ id, name: byId.get(id)?.name ?? id.slice(0, 8), lead: id === current?.leadId }));
  return (
    <Space wrap>
      {names.length === 0 && <Typography.Text type="secondary">{t('mediation.assign.nobody')}</Typography.Text>}
      {names.map((n) => <Tag key={n.id} color={n.lead ? 'blue' : 'default'}>{n.name}{n.lead ? ` · ${t('mediation.assign.lead')}` : ''}</Tag>)}
      {onAssign && <Button icon={<UserSwitchOutlined />} onClick={onAssign}>{t('mediation.assign.action')}</Button>}
    </Space>
  );
};
