import { Steps } from 'antd';
import type { CaseView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate } from '../../shared/format.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';

type Step = CaseView['steps'][number];
type StepItem = { key: string; title: string; content?: string; subTitle?: string; status?: 'wait' | 'process' | 'finish' | 'error' };

/** The day an event took effect: a transition's `on` (it may be recorded later), registration's receipt day. */
const effectiveDay = (view: CaseView, e: CaseView['timeline'][number]): string => {
  if (e.kind === 'created') return view.receivedOn;
  const on = typeof e.payload === 'object' && e.payload !== null ? (e.payload as { on?: unknown }).on : undefined;
  return typeof on === 'string' ? on : e.at;
};

/** When the case first reached each state (the registration reaches the initial one). */
const reachedOn = (view: CaseView): Map<string, string> => {
  const at = new Map<string, string>();
  for (const e of view.timeline) if (e.toStatus && !at.has(e.toStatus)) at.set(e.toStatus, effectiveDay(view, e));
  return at;
};

/**
 * The statutory flow as a progress line. An open case shows every open state (side states
 * only once reached) and the normal end; a finished case shows the states it went through and the state it ended in (a
 * terminal end, such as 不予调解 or 撤回, in red).
 */
export const CaseSteps = ({ view }: { view: CaseView }) => {
  const { label } = useLocale();
  const phone = useIsPhone();
  const reached = reachedOn(view);
  // A side state (an objection, a hearing) stands in the line only once the case reached it.
  const open = view.steps.filter((s) => s.kind === 'open' && (!s.branch || reached.has(s.key) || s.key === view.status));
  const current = view.steps.find((s) => s.key === view.status);
  const ended = view.statusKind !== 'open';
  const path: Step[] = ended ? [...open.filter((s) => reached.has(s.key)), ...(current ? [current] : [])] : [...open];
  const normalEnd = view.steps.find((s) => s.kind === 'closed');
  if (!ended && normalEnd) path.push(normalEnd);
  const index = Math.max(0, path.findIndex((s) => s.key === view.status));

  const items: StepItem[] = path.map((s, i) => {
    const at = reached.get(s.key);
    const day = at ? formatDate(at) : undefined;
    // On a phone the date sits beside the title, so the vertical line stays short.
    const item: StepItem = phone ? { key: s.key, title: label(s.label), subTitle: day } : { key: s.key, title: label(s.label), content: day };
    if (ended && i === path.length - 1) item.status = view.statusKind === 'terminal' ? 'error' : 'finish';
    return item;
  });
  return (
    <Steps
      className="fz-case-steps"
      current={index}
      size="small"
      orientation={phone ? 'vertical' : 'horizontal'}
      titlePlacement={phone ? 'horizontal' : 'vertical'}
      responsive={false}
      items={items}
    />
  );
};
