import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import type { TrackView } from '@fazhi/contracts';
import { ApiError } from '../../api/client.ts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { LocaleSwitch } from '../../i18n/locale-switch.tsx';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { usePortalInfo } from '../portal/portal-api.ts';
import { ComplaintSatisfaction } from '../complaints/complaint-satisfaction.tsx';
import { RatingForm } from './rating-form.tsx';
import { ReplyDownload } from '../disclosure/reply-download.tsx';
import { trackCase } from './tracking-api.ts';
import './tracking.css';

type Values = { no: string; code: string };

/**
 * 案件查询 on the portal: a citizen follows a case by tracking number and query code, sees the
 * public steps only, and rates it once it is closed. No sign-in; phone first.
 */
export const TrackingPage = () => {
  const { t, label } = useLocale();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [view, setView] = useState<TrackView | null>(null);
  const [asked, setAsked] = useState<Values | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [justRated, setJustRated] = useState(false);
  // A complaint is rated by its satisfaction (complaints module), not by the general 好差评.
  const [complaint, setComplaint] = useState(false);
  const township = usePortalInfo().data?.township;
  const prose = (d: string | null): string => (d ? dayjs(d).format(t('track.dateFormat')) : '—');

  const search = (v: Values) => {
    const q = { no: v.no.trim().toUpperCase(), code: v.code.trim() };
    setBusy(true);
    setError(null);
    trackCase(q)
      .then((r) => {
        if (!r.found) {
          setError(t('track.error.notFound'));
          return;
        }
        setView(r.view);
        setAsked(q);
        setJustRated(false);
      })
      .catch((e: unknown) => {
        // A throttled address waits the seconds the server names (429 TRACK_THROTTLED).
        const details = e instanceof ApiError && e.code === 'TRACK_THROTTLED' ? e.details : null;
        const wait = typeof details === 'object' && details !== null && 'retryAfter' in details && typeof details.retryAfter === 'number' ? details.retryAfter : null;
        setError(wait !== null ? t('track.error.throttled', { seconds: String(wait) }) : errorToString(t, e));
      })
      .finally(() => setBusy(false));
  };

  return (
    <div className="fz-track">
      <header className="fz-track__header">
        <Link to="/" className="fz-track__brand"><BrandMark size={30} /><span>{township ? `${township.name} · ${t('portal.platform')}` : t('portal.platform')}</span></Link>
        <LocaleSwitch light />
      </header>
      <main className="fz-track__main">
        <Typography.Title level={3} className="fz-track__title">{t('track.title')}</Typography.Title>
        {!view ? (
          <Card className="fz-track__card">
            <Typography.Paragraph type="secondary">{t('track.subtitle')}</Typography.Paragraph>
            <Form<Values> form={form} layout="vertical" onFinish={search} initialValues={{ no: params.get('no') ?? '' }} requiredMark={false}>
              <Form.Item name="no" label={t('track.no')} rules={[{ required: true, pattern: /^[0-9A-Za-z]{6,32}$/, message: t('track.noRequired') }]}>
                <Input size="large" autoComplete="off" maxLength={32} className="fz-num" />
              </Form.Item>
              <Form.Item name="code" label={t('track.code')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('track.codeRequired') }]}>
                <Input size="large" inputMode="numeric" autoComplete="off" maxLength={6} prefix={<LockOutlined />} />
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} className="fz-track__error" data-testid="track-error" />}
              <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />} loading={busy}>{t('track.submit')}</Button>
            </Form>
          </Card>
        ) : (
          <>
            <Card className="fz-track__card">
              <div className="fz-track__type">{label(view.typeLabel)} · <span className="fz-num">{view.trackingNo}</span></div>
              <div className="fz-track__case-title">{view.title}</div>
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'status', label: t('track.status'), children: <Tag color={view.closed ? 'success' : 'processing'}>{label(view.statusLabel)}</Tag> },
                  { key: 'received', label: t('track.received'), children: prose(view.receivedOn) },
                  ...(view.dueDate && !view.closed ? [{ key: 'due', label: t('track.due'), children: prose(view.dueDate) }] : []),
                ]}
              />
            </Card>
            <Card title={t('track.progress')} className="fz-track__card">
              <Timeline
                items={[...view.timeline].reverse().map((e, i) => ({
                  key: `${e.at}:${i}`,
                  color: i === 0 ? (view.closed ? 'green' : 'blue') : 'gray',
                  content: <><div className="fz-track__step">{label(e.label)}</div><div className="fz-track__at">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div></>,
                }))}
              />
              <Typography.Text type="secondary" className="fz-track__privacy">{t('track.privacy')}</Typography.Text>
            </Card>
            {asked && <ComplaintSatisfaction no={asked.no} code={asked.code} onKnown={setComplaint} onRated={() => search(asked)} />}
            {view.type === 'disclosure' && view.closed && asked && <ReplyDownload no={asked.no} code={asked.code} />}
            {complaint ? null : justRated || view.rated ? (
              <Card className="fz-track__card"><Result status="success" title={t(justRated ? 'track.rate.done' : 'track.rated')} /></Card>
            ) : view.canRate && asked ? (
              <RatingForm no={asked.no} code={asked.code} onRated={() => setJustRated(true)} />
            ) : null}
            <Button block size="large" icon={<ArrowLeftOutlined />} onClick={() => { setView(null); setComplaint(false); form.resetFields(['code']); }}>{t('track.again')}</Button>
          </>
        )}
        <Link to="/" className="fz-track__back">{t('track.back')}</Link>
      </main>
    </div>
  );
};
