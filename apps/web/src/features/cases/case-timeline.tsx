import { Card, Tag, Timeline } from 'antd';
import type { CaseView, TimelineEntry } from '@fazhi/contracts';
import type { CaseTypeInfo } from '@fazhi/contracts';
import { isMessageKey, useLocale } from '../../i18n/locale-context.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { TimelineDetails } from './timeline-details.tsx';

const colorOf = (e: TimelineEntry): string => {
  switch (e.kind) {
    case 'created': return 'green';
    case 'transition': return 'blue';
    case 'escalation': return 'red';
    case 'extend': case 'notice': return 'orange';
    default: return 'gray';
  }
};

type Props = { view: CaseView; type: CaseTypeInfo | undefined };

/** 办理记录: everything that happened, newest first, each with who, when and what it carried. */
export const CaseTimeline = ({ view, type }: Props) => {
  const { t, label } = useLocale();
  const titleOf = (e: TimelineEntry): string => {
    if (e.kind === 'transition' && e.transition) {
      const def = type?.transitions.find((x) => x.key === e.transition);
      return def ? label(def.label) : e.label;
    }
    // Mediators (调解员, the mediation module's own register) are assigned apart from the case's handlers.
    if (e.kind === 'assign' && typeof e.payload === 'object' && e.payload !== null && 'mediatorIds' in e.payload) return t('case.event.assignMediators');
    const key = `case.event.${e.kind}`;
    return isMessageKey(key) ? t(key) : e.label;
  };
  const entries = [...view.timeline].reverse();
  // 补录: a step entered past the late-entry limit carries who entered it and when (the engine's, not the client's).
  const lateEntryOf = (e: (typeof entries)[number]): boolean => typeof e.payload === 'object' && e.payload !== null && 'lateEntry' in e.payload;
  const happenedOn = (e: (typeof entries)[number]): string | null => {
    const on = typeof e.payload === 'object' && e.payload !== null ? (e.payload as { on?: unknown }).on : undefined;
    return typeof on === 'string' ? on : null;
  };
  return (
    <Card title={t('case.timeline')} className="fz-case-card-block">
      <Timeline
        className="fz-tl"
        data-testid="case-timeline"
        items={entries.map((e) => ({
          key: e.id,
          color: colorOf(e),
          content: (
            <div className="fz-tl__item">
              <div className="fz-tl__head">
                <strong className="fz-tl__title">{titleOf(e)}</strong>
                {e.public && <Tag className="fz-tl__public">{t('case.timeline.public')}</Tag>}
                {lateEntryOf(e) && <Tag color="orange" data-testid="late-entry">{t('case.timeline.lateEntry')}</Tag>}
              </div>
              <div className="fz-tl__meta">
                {lateEntryOf(e) && happenedOn(e) && <>{t('case.timeline.happenedOn', { date: formatDate(happenedOn(e) ?? '') })} · </>}
                {formatDateTime(e.at)} · {e.actorName ?? t('case.timeline.system')}
              </div>
              <TimelineDetails entry={e} view={view} type={type} />
            </div>
          ),
        }))}
      />
    </Card>
  );
};
