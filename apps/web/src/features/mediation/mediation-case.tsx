import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CaseView, SessionList as Sessions, SessionView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote, type Remote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import type { CaseExtension, CasePanelProps, CasePerson } from '../cases/case-extensions.ts';
import { DocumentsCard } from './documents-card.tsx';
import { RightsNoticeCard } from './rights-notice-card.tsx';
import { fetchSessions } from './mediation-api.ts';
import { assignmentOf, MediatorAssignSection } from './mediator-assign.tsx';
import { ownSteps, StepFields, stepNotes } from './mediation-step-fields.tsx';
import { participantsOf, SessionList } from './session-list.tsx';
import { SessionFormDrawer } from './session-form-drawer.tsx';
import { SignDrawer } from './sign-drawer.tsx';
import './mediation.css';

/** The case's session records, read once for the sessions panel and the documents panel. */
const SessionsContext = createContext<Remote<Sessions> | null>(null);

const SessionsProvider = ({ view, children }: { view: CaseView; children: ReactNode }) => {
  const sessions = useRemote(() => fetchSessions(view.id), view.id);
  return <SessionsContext value={sessions}>{children}</SessionsContext>;
};

/** The caller handles the case where it is now (the server offers it steps); a sender that only reads it does not. */
const handles = (view: CaseView): boolean => view.actions.some((a) => a.kind === 'transition');

/** 调解笔录: each session with its record and signatures; 记录调解 while the case is accepted or being mediated (人民调解法 第二十七条). */
const SessionsPanel = ({ view, reload }: CasePanelProps) => {
  const { t } = useLocale();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const sessions = useContext(SessionsContext);
  const [recording, setRecording] = useState<'session' | 'investigation' | null>(null);
  const [signing, setSigning] = useState<SessionView | null>(null);
  const assignment = assignmentOf(view.timeline);
  // A session only once mediation has started; an investigation from acceptance on (the server holds the same rule).
  const canRecord = handles(view) && view.status === 'mediating';
  const canInvestigate = handles(view) && ['accepted', 'mediating'].includes(view.status);
  const people = useMemo(() => [
    ...view.parties.map((p) => ({ name: p.name, role: p.role })),
    ...[...(assignment?.names.values() ?? [])].map((name) => ({ name, role: t('mediation.session.mediatorRole') })),
  ], [view.parties, assignment, t]);
  const names = [...new Set([...people.map((p) => p.name), ...(sessions?.data?.items ?? []).flatMap((s) => participantsOf(s.participants).map((p) => p.name))])];
  if (!sessions) return null;

  return (
    <Card title={t('mediation.session.title')} className="fz-case-card-block" data-testid="mediation-sessions"
      extra={(canRecord || canInvestigate) && (
        <Space wrap>
          {canInvestigate && <Button size={phone ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setRecording('investigation')}>{t('mediation.session.newInvestigation')}</Button>}
          {canRecord && <Button type="primary" size={phone ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setRecording('session')}>{t('mediation.session.new')}</Button>}
        </Space>
      )}>
      {!canRecord && handles(view) && view.status === 'registered' && (
        <Typography.Paragraph type="secondary">{t('mediation.session.acceptFirst')}</Typography.Paragraph>
      )}
      {handles(view) && view.status === 'accepted' && (
        <Typography.Paragraph type="secondary">{t('mediation.session.startFirst')}</Typography.Paragraph>
      )}
      <LoadError error={sessions.error} onRetry={sessions.reload} />
      {sessions.loading && !sessions.data ? <Skeleton active /> : <SessionList sessions={sessions.data?.items} canSign={handles(view)} onSign={setSigning} />}
      <SessionFormDrawer key={recording ?? 'closed'} caseId={view.id} open={recording !== null} kind={recording ?? 'session'} people={people} onClose={() => setRecording(null)}
        onSaved={() => { setRecording(null); void message.success(t('mediation.session.saved')); sessions.reload(); reload(); }} />
      <SignDrawer session={signing} names={names} onClose={() => setSigning(null)} onSigned={() => { setSigning(null); sessions.reload(); }} />
    </Card>
  );
};

/** 调解文书, which knows whether there is a session record to print. */
const DocumentsPanel = ({ view }: CasePanelProps) => {
  const sessions = useContext(SessionsContext);
  const investigations = (sessions?.data?.items ?? []).filter((s) => s.kind === 'investigation').length;
  return <DocumentsCard kase={view} sessions={(sessions?.data?.items.length ?? 0) - investigations} investigations={investigations} />;
};

/** 权利义务告知与当事人基本情况: the notice before the first session, the basic facts before an agreement. */
const RightsNoticePanel = ({ view, reload }: CasePanelProps) => <RightsNoticeCard kase={view} canHandle={handles(view)} onChange={reload} />;

/** The mediators on the case, the lead first, as the latest assignment on the timeline names them. */
const useMediators = (view: CaseView): CasePerson[] => {
  const { t } = useLocale();
  const a = assignmentOf(view.timeline);
  if (!a) return [];
  return [...a.mediatorIds]
    .sort((x, y) => Number(y === a.leadId) - Number(x === a.leadId))
    .map((id) => ({ key: `mediator:${id}`, name: a.names.get(id) ?? id.slice(0, 8), role: t(id === a.leadId ? 'mediation.assign.leadRole' : 'mediation.session.mediatorRole'), lead: id === a.leadId }));
};

/** Mediation on the one case page: sessions, documents, its mediators with the handlers, and its steps' fields. */
export const mediationCase: CaseExtension = {
  Provider: SessionsProvider,
  main: [SessionsPanel],
  side: [RightsNoticePanel, DocumentsPanel],
  usePeople: useMediators,
  AssignSection: MediatorAssignSection,
  stepFields: (action) => (ownSteps.has(action.key) ? <StepFields action={action} /> : undefined),
  stepNote: (action) => stepNotes[action.key],
};
