import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { CaseTypeInfo, CaseView, TimelineEntry } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { formatDate, formatDateTime } from '../../shared/format.ts';
import { fieldLabel } from './transition-drawer.tsx';

type Payload = Record<string, unknown>;
const asRecord = (v: unknown): Payload => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Payload) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);

/** What a timeline event says beyond its label: the fields a transition carried, the comment, the clocks it stopped. */
export const TimelineDetails = ({ entry, view, type }: { entry: TimelineEntry; view: CaseView; type?: CaseTypeInfo | undefined }) => {
  const { t, label } = useLocale();
  const p = asRecord(entry.payload);
  const lines: ReactNode[] = [];
  const line = (key: string, node: ReactNode) => lines.push(<div key={key} className="fz-tl__line">{node}</div>);
  const valueOf = (field: string, v: string): string =>
    field === 'agreementForm' && (v === 'written' || v === 'oral') ? t(v === 'written' ? 'case.agreementForm.written' : 'case.agreementForm.oral') : v;

  // A field's name as the case type's schema titles it (its English in the description), else the shared label.
  const schemaProps = asRecord(asRecord(type?.transitions.find((x) => x.key === entry.transition)?.fields).properties);
  const nameOf = (field: string): string => {
    const prop = asRecord(schemaProps[field]);
    const zh = str(prop.title);
    const en = str(prop.description);
    return zh ? label({ zh, en: en ?? zh }) : fieldLabel(t, field);
  };

  switch (entry.kind) {
    case 'transition': {
      for (const [field, v] of Object.entries(asRecord(p.fields))) {
        const text = str(v);
        if (text) line(`f:${field}`, <><span className="fz-tl__key">{t('case.event.fieldLabel', { label: nameOf(field) })}</span>{valueOf(field, text)}</>);
      }
      const stopped = Array.isArray(p.deadlines) ? p.deadlines.map(asRecord) : [];
      if (stopped.length) {
        line('stopped', stopped.map((d) => {
          const def = view.deadlines.find((x) => x.key === d.key);
          const name = def ? label(def.label) : String(d.key);
          return <Tag key={String(d.key)} color={d.onTime ? 'success' : 'error'}>{t(d.onTime ? 'case.event.onTime' : 'case.event.late', { name })}</Tag>;
        }));
      }
      const comment = str(p.comment);
      if (comment) line('comment', <span className="fz-tl__comment">{comment}</span>);
      // Recorded later than it happened (a back-dated entry): say which day it took effect.
      const on = str(p.on);
      if (on && on !== formatDate(entry.at)) line('on', <span className="fz-tl__key">{t('case.event.on', { date: on })}</span>);
      break;
    }
    case 'comment':
    case 'notice':
      if (str(p.text)) line('text', <span className="fz-tl__comment">{str(p.text)}</span>);
      if (str(p.reason)) line('reason', <><span className="fz-tl__key">{t('case.event.fieldLabel', { label: t('case.field.reason') })}</span>{str(p.reason)}</>);
      break;
    case 'extend':
      line('range', t('case.event.extendDetail', { from: formatDate(str(p.from)), to: formatDate(str(p.to)) }));
      if (str(p.reason)) line('reason', <><span className="fz-tl__key">{t('case.event.fieldLabel', { label: t('case.field.reason') })}</span>{str(p.reason)}</>);
      break;
    case 'session':
      line('session', t('case.event.sessionDetail', { at: formatDateTime(str(p.heldAt)), place: str(p.place) ?? '—' }));
      break;
    case 'document':
      if (str(p.title) ?? str(p.fileName)) line('doc', str(p.title) ?? str(p.fileName));
      break;
    case 'attachment':
    case 'attachment_delete':
      if (str(p.name)) line('file', str(p.name));
      break;
    case 'escalation':
      line('esc', t('case.event.escalationDetail', { due: formatDate(str(p.due)), n: Array.isArray(p.notified) ? p.notified.length : 0 }));
      break;
    case 'assign': {
      const names = Array.isArray(p.names) ? p.names.filter((n): n is string => typeof n === 'string' && n !== '') : [];
      const lead = str(p.leadName);
      const shown = names.map((n) => (n === lead ? t('case.event.lead', { name: n }) : n)).join(t('modules.joiner'));
      const who = Array.isArray(p.mediatorIds) ? 'case.event.mediators' : 'case.event.assignees';
      if (shown) line('assign', <><span className="fz-tl__key">{t('case.event.fieldLabel', { label: t(who) })}</span>{shown}</>);
      else if (Array.isArray(p.userIds) && p.userIds.length === 0) line('assign', t('case.event.unassigned'));
      break;
    }
    case 'transfer': {
      const field = (key: string, name: string, value: string | null) => {
        if (value) line(key, <><span className="fz-tl__key">{t('case.event.fieldLabel', { label: name })}</span>{value}</>);
      };
      // Beyond the township, each office with its township (or the county).
      const at = (org: string | null, place: string | null): string | null => (org && place && !org.startsWith(place) ? t('case.event.orgAt', { place, org }) : org);
      field('from', t('case.event.transferFrom'), at(str(p.fromOrg), str(p.fromTownship)));
      field('to', t('case.event.transferTo'), at(str(p.toOrg), str(p.toTownship)));
      field('reason', t('case.event.transferReason'), str(p.reason));
      if (p.keepRead === true) line('keep', <span className="fz-muted fz-small">{t('case.event.keptRead')}</span>);
      break;
    }
    case 'rating':
      line('rating', t('case.event.ratingDetail', { score: str(p.score) ?? '—' }));
      if (str(p.comment)) line('comment', <span className="fz-tl__comment">{str(p.comment)}</span>);
      break;
    default:
      break;
  }
  return lines.length ? <div className="fz-tl__details">{lines}</div> : null;
};
