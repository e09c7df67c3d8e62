import { Button, Card, Col, Row, Skeleton, Statistic, Tag } from 'antd';
import {
  BookOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  LoginOutlined,
  MessageOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LocaleSwitch } from '../../i18n/locale-switch.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { usePortalInfo } from './portal-api.ts';
import './portal.css';

/** `to`: the service's page, once its module has landed; without it the card shows 即将开放. */
type Service = { key: string; title: MessageKey; desc: MessageKey; icon: ReactNode; color: string; to?: string };

const services: Service[] = [
  { key: 'mediation', title: 'portal.service.mediation', desc: 'portal.service.mediation.desc', icon: <TeamOutlined />, color: '#1a4fa0', to: '/apply/mediation' },
  { key: 'petition', title: 'portal.service.petition', desc: 'portal.service.petition.desc', icon: <MessageOutlined />, color: '#c2410c' },
  { key: 'disclosure', title: 'portal.service.disclosure', desc: 'portal.service.disclosure.desc', icon: <FileTextOutlined />, color: '#0f766e' },
  { key: 'appointment', title: 'portal.service.appointment', desc: 'portal.service.appointment.desc', icon: <CalendarOutlined />, color: '#7c3aed' },
  { key: 'tracking', title: 'portal.service.tracking', desc: 'portal.service.tracking.desc', icon: <FileSearchOutlined />, color: '#0369a1', to: '/track' },
  { key: 'education', title: 'portal.service.education', desc: 'portal.service.education.desc', icon: <BookOutlined />, color: '#b91c1c' },
];

/** The township's public page: no sign-in, phone first. Services open as their modules land. */
export const PortalPage = () => {
  const { t } = useLocale();
  const { data, error, loading } = usePortalInfo();
  const navigate = useNavigate();
  const township = data?.township;

  return (
    <div className="fz-portal">
      <header className="fz-portal__header">
        <div className="fz-portal__wrap fz-portal__header-inner">
          <div className="fz-portal__brand">
            <BrandMark size={36} />
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
          <Button size="large" ghost icon={<LoginOutlined />} onClick={() => void navigate('/console/login')}>
            {t('portal.staffLogin')}
          </Button>
        </div>
      </section>

      <main className="fz-portal__wrap fz-portal__main">
        <h2 className="fz-portal__section-title">{t('portal.services.title')}</h2>
        <Row gutter={[12, 12]}>
          {services.map((s) => {
            const card = (
              <Card className={s.to ? 'fz-service' : 'fz-service fz-service--disabled'} aria-disabled={s.to ? undefined : 'true'} hoverable={!!s.to}>
                <span className="fz-service__icon" style={{ color: s.color, background: `${s.color}14` }}>{s.icon}</span>
                <div className="fz-service__title">{t(s.title)}</div>
                <div className="fz-service__desc">{t(s.desc)}</div>
                {!s.to && <Tag className="fz-service__tag">{t('portal.comingSoon')}</Tag>}
              </Card>
            );
            return (
              <Col key={s.key} xs={12} md={8}>
                {s.to ? <Link to={s.to} className="fz-service__link">{card}</Link> : card}
              </Col>
            );
          })}
        </Row>

        <h2 className="fz-portal__section-title">{t('portal.stats.title')}</h2>
        <Card>
          {loading ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : error || !data ? (
            <div className="fz-portal__muted">{t('portal.loadFailed')}</div>
          ) : (
            <Row gutter={16}>
              <Col span={8}><Statistic title={t('portal.stats.villages')} value={data.villages} suffix={t('portal.unit')} /></Col>
              <Col span={8}><Statistic title={t('portal.stats.grids')} value={data.grids} suffix={t('portal.unit')} /></Col>
              <Col span={8}><Statistic title={t('portal.stats.offices')} value={data.offices.length} suffix={t('portal.unit')} /></Col>
            </Row>
          )}
          {data && data.offices.length > 0 && (
            <div className="fz-portal__offices">
              <div className="fz-portal__muted">{t('portal.offices.title')}</div>
              <div>{data.offices.map((o) => <Tag key={o.name} className="fz-portal__office">{o.name}</Tag>)}</div>
            </div>
          )}
        </Card>

        <Link to="/console/login" className="fz-portal__staff-link">
          <LoginOutlined /> {t('portal.staffLogin')}
        </Link>
      </main>

      <footer className="fz-portal__footer">
        <div className="fz-portal__wrap">
          {township && <div>{t('portal.footer.host', { county: township.county, township: township.name })}</div>}
          <div>{t('portal.footer.platform')}</div>
        </div>
      </footer>
    </div>
  );
};
