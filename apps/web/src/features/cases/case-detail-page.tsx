import { useCallback, useState, type ReactNode } from 'react';
import { Card, Col, Row, Skeleton } from 'antd';
import { useParams } from 'react-router';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { AssignModal } from './assign-modal.tsx';
import { CaseAttachments } from './case-attachments.tsx';
import { CaseDeadlines } from './case-deadlines.tsx';
import { CaseFacts, CaseLinks } from './case-facts.tsx';
import { CaseHeader } from './case-header.tsx';
import { CaseParties } from './case-parties.tsx';
import { CaseSteps } from './case-steps.tsx';
import { CaseTimeline } from './case-timeline.tsx';
import { fetchCase, useCaseTypes } from './cases-api.ts';
import { CommentBox } from './comment-box.tsx';
import { LinkModal } from './link-modal.tsx';
import { TransferModal } from './transfer-modal.tsx';
import { TransitionDrawer } from './transition-drawer.tsx';
import { caseExtensions } from '../../case-modules.ts';
import { useCaseExtension, type CaseExtension, type CasePanelProps, type CasePerson } from './case-extensions.ts';
import './cases.css';

/** The module's people, read by its own hook (a component, so the hook runs only where a module declares one). */
const WithPeople = ({ ext, view, children }: { ext: CaseExtension; view: CaseView; children: (people: CasePerson[]) => ReactNode }) => {
  const usePeople = ext.usePeople;
  return <>{children(usePeople ? usePeople(view) : [])}</>;
};

/**
 * 事项详情, the one page of a case of any type: header with the allowed actions, the statutory
 * steps, facts with the people on the case, parties, deadlines with their explanation, the
 * timeline, files and linked cases, and the panels its module adds (case-modules.ts: a
 * mediation's sessions and documents). Every step is taken in one form (TransitionDrawer).
 * Every action answers with the fresh case, which replaces the one on screen.
 */
export const CaseDetailPage = () => {
  const t = useT();
  const phone = useIsPhone();
  const { id = '' } = useParams();
  const remote = useRemote(() => fetchCase(id), id);
  const types = useCaseTypes();
  const [fresh, setFresh] = useState<CaseView | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const [picking, setPicking] = useState<'assign' | 'link' | 'transfer' | null>(null);
  const view = fresh?.id === id ? fresh : remote.data?.id === id ? remote.data : undefined;
  const type = types.data?.items.find((x) => x.code === view?.type);
  const { ext, ready } = useCaseExtension(caseExtensions, view?.type);
  const { reload } = remote;
  const reloadCase = useCallback(() => {
    setFresh(null);
    reload();
  }, [reload]);

  if (!view || !ready) {
    return remote.error ? <LoadError error={remote.error} onRetry={reload} /> : <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  }

  const deadlines = <CaseDeadlines key="deadlines" view={view} onChanged={setFresh} />;
  // The server lists what the caller may do with the case; only those get a button.
  const allowed = (kind: string): boolean => view.actions.some((a) => a.kind === kind);
  const picked = (next: CaseView) => {
    setPicking(null);
    setFresh(next);
  };
  const onAssign = allowed('assign') ? () => setPicking('assign') : undefined;
  const facts = ext?.usePeople
    ? <WithPeople key="facts" ext={ext} view={view}>{(people) => <CaseFacts view={view} onAssign={onAssign} people={people} />}</WithPeople>
    : <CaseFacts key="facts" view={view} onAssign={onAssign} />;
  const panelProps: CasePanelProps = { view, onChanged: setFresh, reload: reloadCase };
  const main = (ext?.main ?? []).map((Panel, i) => <Panel key={`main${i}`} {...panelProps} />);
  const side = (ext?.side ?? []).map((Panel, i) => <Panel key={`side${i}`} {...panelProps} />);
  const Provider = ext?.Provider;
  const wrap = (page: ReactNode) => (Provider ? <Provider view={view}>{page}</Provider> : page);
  // A case of a type no citizen brings (a report, a decision) and that names no party has no parties card.
  const parties = view.parties.length > 0 || type?.citizenFacing !== false ? <CaseParties key="parties" view={view} /> : null;
  const comment = <CommentBox key="comment" view={view} onChanged={setFresh} />;
  const timeline = <CaseTimeline key="timeline" view={view} type={type} />;
  const files = <CaseAttachments key="files" view={view} onChanged={setFresh} onReload={reloadCase} />;
  const links = <CaseLinks key="links" view={view} onLink={allowed('link') ? () => setPicking('link') : undefined} />;

  return wrap(
    <div className={phone ? 'fz-case-page fz-case-page--phone' : 'fz-case-page'}>
      <CaseHeader view={view} type={type} onAction={setActing} onTransfer={allowed('transfer') ? () => setPicking('transfer') : undefined} />
      <Card title={t('case.steps')} className="fz-case-card-block" size="small">
        <CaseSteps view={view} />
      </Card>
      {phone ? (
        [deadlines, facts, parties, ...main, ...side, comment, timeline, files, links]
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={16}>{facts}{parties}{main}{comment}{timeline}</Col>
          <Col xs={24} xl={8}>{deadlines}{side}{files}{links}</Col>
        </Row>
      )}
      <AssignModal view={view} ext={ext} open={picking === 'assign'} onClose={() => setPicking(null)} onDone={picked}
        onReload={() => { setPicking(null); reloadCase(); }} />
      <LinkModal view={view} open={picking === 'link'} onClose={() => setPicking(null)} onDone={picked} />
      <TransferModal
        view={view}
        open={picking === 'transfer'}
        onClose={() => setPicking(null)}
        onDone={() => {
          // The answer is not the case: read it again (the sender may now only read it).
          setPicking(null);
          reloadCase();
        }}
      />
      <TransitionDrawer
        view={view}
        ext={ext}
        action={acting}
        onClose={() => setActing(null)}
        onDone={(next) => {
          setActing(null);
          setFresh(next);
        }}
        onStale={() => {
          setActing(null);
          reloadCase();
        }}
      />
    </div>,
  );
};
