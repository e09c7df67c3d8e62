import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { CaseView } from '@fazhi/contracts';
import { Link, useParams } from 'react-router';
import type { CaseAction, MediatorView, SessionView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { DocumentsCard } from './documents-card.tsx';
import { fetchCase, fetchCommittees, fetchSessions } from './mediation-api.ts';
import { AssignedMediators, assignmentOf, MediatorAssignDrawer } from './mediator-assign.tsx';
import { participantsOf, SessionList } from './session-list.tsx';
import { SessionFormDrawer } from './session-form-drawer.tsx';
import { SignDrawer } from './sign-drawer.tsx';
import { TransitionDrawer } from './transition-drawer.tsx';
import { RightsNoticeCard } from './rights-notice-card.tsx';
import './mediation.css';

/** The statutory path of a mediation (人民调解法 第十七、二十六至三十一条); other endings show on the last step. */
const mainPath = ['registered', 'accepted', 'mediating', 'agreed', 'resolved'];

const CaseHeader = ({ kase, onAction }: { kase: CaseView; onAction: (a: CaseAction) => void }) => {
  const { t, label } = useLocale();
  const phone = useIsPhone();
  const at = mainPath.indexOf(kase.status);
  const ended = at < 0;
  const stepLabel = (key: string) => kase.steps.find((s) => s.key === key)?.label;
  const items = mainPath.map((key, i) => {
    const l = ended && i === mainPath.length - 1 ? kase.statusLabel : stepLabel(key);
    return { key, title: l ? label(l) : key };
  });
  return (
    <Card className="fz-med-card">
      <div className="fz-med-head">
        <div>
          <Space wrap size={8}>
            <Typography.Text className="fz-num" copyable>{kase.ref}</Typography.Text>
            <Tag color={kase.statusKind === 'open' ? 'processing' : 'default'}>{label(kase.statusLabel)}</Tag>
          </Space>
          <Typography.Title level={4} className="fz-med-head__title">{kase.title}</Typography.Title>
          <Typography.Text type="secondary">{kase.orgName} · {kase.category ?? '—'}</Typography.Text>
        </div>
        <Space wrap className="fz-med-head__actions">
          {kase.actions.filter((a) => a.kind === 'transition').map((a) => (
            <Button key={a.key} onClick={() => onAction(a)} danger={['refuse', 'withdraw', 'fail'].includes(a.key)}
              type={['accept', 'start', 'reach_agreement', 'follow_up'].includes(a.key) ? 'primary' : 'default'}>
              {label(a.label)}
            </Button>
          ))}
          <Link to={`/console/cases/${kase.id}`}><Button>{t('mediation.case.open')}</Button></Link>
        </Space>
      </div>
      <Steps className="fz-med-steps" size="small" responsive={false} titlePlacement={phone ? 'vertical' : 'horizontal'} progressDot={phone}
        current={ended ? mainPath.length - 1 : at}
        status={ended ? (kase.status === 'failed' || kase.status === 'transferred' ? 'finish' : 'error') : kase.statusKind === 'closed' ? 'finish' : 'process'}
        items={items} />
    </Card>
  );
};

/** 调解办理: the mediation of one case — mediators, session records with signatures, the steps and the documents. */
export const CaseSessionsPage = () => {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const kase = useRemote(() => fetchCase(id), id);
  const sessions = useRemote(() => fetchSessions(id), id);
  const committees = useRemote(fetchCommittees, 'committees');
  const [recording, setRecording] = useState<'session' | 'investigation' | null>(null);
  const [signing, setSigning] = useState<SessionView | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [action, setAction] = useState<CaseAction | null>(null);

  const byId = useMemo(() => new Map<string, MediatorView>((committees.data?.items ?? []).flatMap((c) => c.mediators.map((m) => [m.id, m]))), [committees.data]);
  const k = kase.data;
  const assignment = k ? assignmentOf(k.timeline) : null;
  const handle = can('mediation.handle');
  // A session only once mediation has started; an investigation from acceptance on (the server holds the same rule).
  const canRecord = handle && k?.status === 'mediating';
  const canInvestigate = handle && !!k && ['accepted', 'mediating'].includes(k.status);
  const people = [
    ...(k?.parties ?? []).map((p) => ({ name: p.name, role: p.role })),
    ...(assignment?.mediatorIds ?? []).flatMap((m) => (byId.get(m) ? [{ name: byId.get(m)?.name ?? '', role: t('mediation.session.mediatorRole') }] : [])),
  ];
  const names = [...new Set([...people.map((p) => p.name), ...(sessions.data?.items ?? []).flatMap((s) => participantsOf(s.participants).map((p) => p.name))])];

  if (kase.error) return <LoadError error={kase.error} onRetry={kase.reload} />;
  if (!k) return <Card><Skeleton active /></Card>;

  const record = <Button type="primary" size={phone ? 'large' : 'middle'} block={phone} icon={<PlusOutlined />} onClick={() => setRecording('session')}>{t('mediation.session.new')}</Button>;
  const investigate = <Button size={phone ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setRecording('investigation')}>{t('mediation.session.newInvestigation')}</Button>;
  const investigations = (sessions.data?.items ?? []).filter((s) => s.kind === 'investigation').length;

  return (
    <div className={phone && canRecord ? 'fz-med-page fz-med-page--with-bar' : 'fz-med-page'}>
      <CaseHeader kase={k} onAction={setAction} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('mediation.session.title')} className="fz-med-card" extra={!phone && <Space>{canInvestigate && investigate}{canRecord && record}</Space>}>
            {!canRecord && handle && k.statusKind === 'open' && k.status === 'registered' && (
              <Typography.Paragraph type="secondary">{t('mediation.session.acceptFirst')}</Typography.Paragraph>
            )}
            {handle && k.status === 'accepted' && (
              <Typography.Paragraph type="secondary">{t('mediation.session.startFirst')}</Typography.Paragraph>
            )}
            {phone && canInvestigate && <div className="fz-med-row">{investigate}</div>}
            <LoadError error={sessions.error} onRetry={sessions.reload} />
            {sessions.loading && !sessions.data ? <Skeleton active /> : <SessionList sessions={sessions.data?.items} canSign={handle} onSign={setSigning} />}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <RightsNoticeCard kase={k} canHandle={handle} />
          <Card title={t('mediation.assign.card')} className="fz-med-card">
            <AssignedMediators current={assignment} byId={byId} onAssign={handle && k.statusKind === 'open' ? () => setAssigning(true) : undefined} />
          </Card>
          <DocumentsCard kase={k} sessions={(sessions.data?.items.length ?? 0) - investigations} investigations={investigations} />
        </Col>
      </Row>
      {phone && canRecord && <div className="fz-med-bottom-bar">{record}</div>}
      <SessionFormDrawer key={recording ?? 'closed'} caseId={k.id} open={recording !== null} kind={recording ?? 'session'} people={people} onClose={() => setRecording(null)}
        onSaved={() => { setRecording(null); void message.success(t('mediation.session.saved')); sessions.reload(); kase.reload(); }} />
      <SignDrawer session={signing} names={names} onClose={() => setSigning(null)} onSigned={() => { setSigning(null); sessions.reload(); }} />
      {assigning && <MediatorAssignDrawer caseId={k.id} open current={assignment} onClose={() => setAssigning(false)}
        onSaved={() => { setAssigning(false); kase.reload(); committees.reload(); }} />}
      {action && <TransitionDrawer key={action.key} kase={k} action={action} onClose={() => setAction(null)}
        onDone={() => { setAction(null); void message.success(t('mediation.tr.done')); kase.reload(); }} />}
    </div>
  );
};
