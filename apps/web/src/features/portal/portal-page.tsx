import { Card, Skeleton } from 'antd';
import {
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  CameraOutlined,
  ClockCircleOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  LoginOutlined,
  MessageOutlined,
  PhoneOutlined,
  RightOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LocaleSwitch } from '../../i18n/locale-switch.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { usePortalInfo } from './portal-api.ts';
import './portal.css';

type OpenService = { key: string; title: MessageKey; desc: MessageKey; icon: ReactNode; color: string; to: string };
type LaterService = { key: string; title: MessageKey; icon: ReactNode };

/** What a citizen can do online today; each links to its page. */
const openServices: OpenService[] = [
  { key: 'mediation', title: 'portal.service.mediation', desc: 'portal.service.mediation.desc', icon: <TeamOutlined />, color: '#1a4fa0', to: '/apply/mediation' },
  { key: 'petition', title: 'portal.service.petition', desc: 'portal.service.petition.desc', icon: <MessageOutlined />, color: '#b45309', to: '/apply/petition' },
  { key: 'complaint', title: 'complaints.public.service', desc: 'complaints.public.service.desc', icon: <ExclamationCircleOutlined />, color: '#b45309', to: '/apply/complaint' },
  { key: 'grid', title: 'grid.public.service', desc: 'grid.public.service.desc', icon: <CameraOutlined />, color: '#0f766e', to: '/apply/grid' },
  { key: 'disclosure', title: 'portal.service.disclosure', desc: 'portal.service.disclosure.desc', icon: <FileTextOutlined />, color: '#7c3aed', to: '/apply/disclosure' },
  { key: 'decisions', title: 'portal.service.decisions', desc: 'portal.service.decisions.desc', icon: <AuditOutlined />, color: '#15803d', to: '/decisions' },
  { key: 'annualReport', title: 'portal.service.annualReport', desc: 'portal.service.annualReport.desc', icon: <FileDoneOutlined />, color: '#0f766e', to: '/annual-reports' },
  { key: 'tracking', title: 'portal.service.tracking', desc: 'portal.service.tracking.desc', icon: <FileSearchOutlined />, color: '#0369a1', to: '/track' },
];

/** Services whose modules have not landed: named once, at the counter meanwhile. */
const laterServices: LaterService[] = [
  { key: 'appointment', title: 'portal.service.appointment', icon: <CalendarOutlined /> },
  { key: 'education', title: 'portal.service.education', icon: <BookOutlined /> },
];

/** The township's public page, phone first: what I can do here, where and when to come, how to follow it. */
export const PortalPage = () => {
  const { t } = useLocale();
  const { data, error, loading } = usePortalInfo();
  const township = data?.township;
  const contact = data?.contact;

  return (
    <div className="fz-portal">
      <header className="fz-portal__header">
        <div className="fz-portal__wrap fz-portal__header-inner">
          <div className="fz-portal__brand">
            <BrandMark size={32} />
            <div>
              <div className="fz-portal__name">{township ? township.name : t('app.shortName')}</div>
              <div className="fz-portal__county">{township ? `${township.county} · ${t('portal.platform')}` : t('portal.platform')}</div>
            </div>
          </div>
          <LocaleSwitch light />
        </div>
      </header>

      <section className="fz-portal__hero">
        <div className="fz-portal__wrap">
          <h1>{t('portal.hero.title')}</h1>
          <p>{t('portal.hero.subtitle')}</p>
        </div>
      </section>

      <main className="fz-portal__wrap fz-portal__main">
        <h2 className="fz-portal__section-title">{t('portal.services.title')}</h2>
        <div className="fz-portal__services">
          {openServices.map((s) => (
            <Link key={s.key} to={s.to} className="fz-service" data-testid={`service-${s.key}`}>
              <span className="fz-service__icon" style={{ color: s.color, background: `${s.color}14` }}>{s.icon}</span>
              <span className="fz-service__text">
                <span className="fz-service__title">{t(s.title)}</span>
                <span className="fz-service__desc">{t(s.desc)}</span>
              </span>
              <RightOutlined className="fz-service__go" />
            </Link>
          ))}
        </div>

        <h2 className="fz-portal__section-title">{t('portal.contact.title')}</h2>
        <Card className="fz-portal__contact" data-testid="portal-contact">
          {loading ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : error || !data ? (
            <div className="fz-portal__muted">{t('portal.loadFailed')}</div>
          ) : contact ? (
            <>
              <div className="fz-portal__contact-name">{contact.name}</div>
              <dl className="fz-portal__contact-list">
                <div><dt><EnvironmentOutlined /> {t('portal.contact.address')}</dt><dd>{contact.address}</dd></div>
                <div>
                  <dt><PhoneOutlined /> {t('portal.contact.phone')}</dt>
                  <dd><a href={`tel:${contact.phone.replace(/[^0-9]/g, '')}`} className="fz-num">{contact.phone}</a></dd>
                </div>
                <div><dt><ClockCircleOutlined /> {t('portal.contact.hours')}</dt><dd>{contact.hours}</dd></div>
              </dl>
            </>
          ) : (
            <div className="fz-portal__muted">{t('portal.contact.none')}</div>
          )}
        </Card>

        <h2 className="fz-portal__section-title">{t('portal.later.title')}</h2>
        <Card size="small" className="fz-portal__later">
          <div className="fz-portal__muted">{t('portal.later.hint')}</div>
          <ul className="fz-portal__later-list">
            {laterServices.map((s) => <li key={s.key}>{s.icon} {t(s.title)}</li>)}
          </ul>
        </Card>
      </main>

      <footer className="fz-portal__footer">
        <div className="fz-portal__wrap">
          {township && <div>{t('portal.footer.host', { county: township.county, township: township.name })}</div>}
          <div>{t('portal.footer.platform')}</div>
          <Link to="/console/login" className="fz-portal__staff-link"><LoginOutlined /> {t('portal.staffLogin')}</Link>
        </div>
      </footer>
    </div>
  );
};
