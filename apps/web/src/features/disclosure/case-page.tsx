import { useCallback, useState } from 'react';
import { Card, Col, Descriptions, Row, Skeleton } from 'antd';
import { useParams } from 'react-router';
import type { CaseAction, CaseView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { CaseDeadlines } from '../cases/case-deadlines.tsx';
import { CaseParties } from '../cases/case-parties.tsx';
import { CaseHeader } from '../cases/case-header.tsx';
import { CaseSteps } from '../cases/case-steps.tsx';
import { CaseTimeline } from '../cases/case-timeline.tsx';
import { CaseAttachments } from '../cases/case-attachments.tsx';
import { useCaseTypes } from '../cases/cases-api.ts';
import { fetchRequest } from './disclosure-api.ts';
import { DisclosureDocumentsCard } from './documents-card.tsx';
import { DisclosureTransitionDrawer } from './transition-drawer.tsx';
import '../cases/cases.css';

const str = (o: unknown, k: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * 依申请公开 case page: the request as registered (channel and receipt rule, applicant type,
 * information, form and delivery), the statutory clocks (reply, correction, opinion, with
 * extension by the office head), the steps with their typed forms, and the documents.
 */
export const DisclosureCasePage = () => {
  const t = useT();
  const phone = useIsPhone();
  const { id = '' } = useParams();
  const remote = useRemote(() => fetchRequest(id), id);
  const types = useCaseTypes();
  const [fresh, setFresh] = useState<CaseView | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  const view = fresh?.id === id ? fresh : remote.data?.id === id ? remote.data : undefined;
  const type = types.data?.items.find((x) => x.code === 'disclosure');
  const { reload } = remote;
  const reloadCase = useCallback(() => { setFresh(null); reload(); }, [reload]);
  if (!view) return remote.error ? <LoadError error={remote.error} onRetry={reload} /> : <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const d = view.data;
  const labelOf = (prefix: string, v: string | undefined) => (v ? t(`${prefix}.${v}` as Parameters<typeof t>[0]) : '—');
  const request = (
    <Card key="request" title={t('disclosure.intake.request')} size="small" className="fz-case-card-block">
      <Descriptions size="small" column={phone ? 1 : 2} items={[
        { key: 'info', label: t('disclosure.intake.information'), span: phone ? 1 : 2, children: str(d, 'information') ?? view.body },
        { key: 'channel', label: t('disclosure.intake.channel'), children: labelOf('disclosure.channel', str(d, 'channel')) },
        { key: 'rule', label: t('disclosure.intake.receiptRule'), children: labelOf('disclosure.receipt', str(d, 'receiptRule')) },
        { key: 'type', label: t('disclosure.intake.applicantType'), children: `${labelOf('disclosure.applicant', str(d, 'applicantType'))}${str(d, 'organisationKind') ? `（${labelOf('disclosure.orgKind', str(d, 'organisationKind'))}）` : ''}` },
        { key: 'form', label: t('disclosure.intake.form'), children: `${labelOf('disclosure.form', str(d, 'form'))} · ${labelOf('disclosure.delivery', str(d, 'delivery'))}` },
        ...(str(view.stepFields, 'reply') === undefined && typeof view.stepFields.reply === 'object'
          ? [{ key: 'reply', label: t('disclosure.reply.type'), children: labelOf('disclosure.reply', str(view.stepFields.reply, 'replyType')) }] : []),
      ]} />
    </Card>
  );
  const deadlines = <CaseDeadlines key="deadlines" view={view} onChanged={setFresh} />;
  const docs = <DisclosureDocumentsCard key="docs" view={view} />;
  const parties = <CaseParties key="parties" view={view} />;
  const timeline = <CaseTimeline key="timeline" view={view} type={type} />;
  const files = <CaseAttachments key="files" view={view} onChanged={setFresh} onReload={reloadCase} />;

  return (
    <div className={phone ? 'fz-case-page fz-case-page--phone' : 'fz-case-page'}>
      <CaseHeader view={view} type={type} onAction={setActing} />
      <Card title={t('case.steps')} className="fz-case-card-block" size="small"><CaseSteps view={view} /></Card>
      {phone ? [deadlines, request, parties, docs, timeline, files] : (
        <Row gutter={16}>
          <Col xs={24} xl={16}>{request}{parties}{timeline}</Col>
          <Col xs={24} xl={8}>{deadlines}{docs}{files}</Col>
        </Row>
      )}
      {acting && (
        <DisclosureTransitionDrawer key={acting.key} view={view} action={acting} onClose={() => setActing(null)}
          onDone={(next) => { setActing(null); setFresh(next); }} onStale={() => { setActing(null); reloadCase(); }} />
      )}
    </div>
  );
};
