import { useEffect, useState } from 'react';
import { Checkbox, Empty, List, Radio, Space, Tag, Typography } from 'antd';
import type { TimelineEntry } from '@fazhi/contracts';
import type { CaseAssignSectionProps } from '../cases/case-extensions.ts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { assignMediators, fetchSuggestions } from './mediation-api.ts';

export type Assignment = { mediatorIds: string[]; leadId: string; names: Map<string, string> };

/** The latest mediator assignment on the timeline, with the names as they were written then. */
export const assignmentOf = (timeline: readonly TimelineEntry[]): Assignment | null => {
  for (const e of [...timeline].reverse()) {
    const p = e.payload as { mediatorIds?: unknown; leadId?: unknown; names?: unknown } | null;
    if (e.kind === 'assign' && p && Array.isArray(p.mediatorIds) && typeof p.leadId === 'string') {
      const ids = p.mediatorIds.filter((x): x is string => typeof x === 'string');
      const names = Array.isArray(p.names) ? p.names : [];
      return {
        mediatorIds: ids, leadId: p.leadId,
        names: new Map(ids.map((id, i) => [id, typeof names[i] === 'string' && names[i] ? names[i] : id.slice(0, 8)])),
      };
    }
  }
  return null;
};

/**
 * 调解员 in the one assignment drawer: ranked suggestions with the reasons, up to five
 * mediators, one of them leading (主调). Saved with the handlers, when changed.
 */
export const MediatorAssignSection = ({ view, bind }: CaseAssignSectionProps) => {
  const t = useT();
  const current = assignmentOf(view.timeline);
  const suggestions = useRemote(() => fetchSuggestions(view.id), view.id);
  const [chosen, setChosen] = useState<string[]>(current?.mediatorIds ?? []);
  const [lead, setLead] = useState<string | undefined>(current?.leadId);

  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id].slice(-5) : chosen.filter((x) => x !== id);
    setChosen(next);
    if (!lead || !next.includes(lead)) setLead(next[0]);
  };
  const before = `${[...(current?.mediatorIds ?? [])].sort().join()}|${current?.leadId ?? ''}`;
  const after = `${[...chosen].sort().join()}|${lead ?? ''}`;
  useEffect(() => {
    // Nothing chosen (or nothing changed): the mediators stay as they are.
    bind(after === before || !lead || chosen.length === 0 ? null : () => assignMediators(view.id, chosen, lead));
  }, [bind, before, after, chosen, lead, view.id]);

  return (
    <div data-testid="assign-mediators">
      <Typography.Title level={5}>{t('mediation.assign.card')}</Typography.Title>
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
    </div>
  );
};
