import { Alert, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import type { PublicCatalogue } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchPublicCatalogues } from './decisions-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';

/** One year's catalogue: each item with its quarter, lead unit and deciding body; an amendment with its day and reason. */
const Year = ({ c }: { c: PublicCatalogue }) => {
  const t = useT();
  return (
    <Card className="fz-apply__card" title={t('decisions.portalCatalogue.year', { year: c.year })} data-testid="public-catalogue">
      <Typography.Paragraph type="secondary">{t('decisions.portalCatalogue.dates', { agreed: c.agreedOn, published: c.publishedOn })}</Typography.Paragraph>
      <List dataSource={c.items} renderItem={(i) => (
        <List.Item key={i.seq}>
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Typography.Text strong delete={i.withdrawnOn !== null}>{i.seq}. {i.title}</Typography.Text>
            <Typography.Text type="secondary">{i.category} · {i.leadUnit} · {t('decisions.catalogue.quarter', { q: i.quarter })} · {i.body}</Typography.Text>
            {(i.hearingPlanned || i.addedOn || i.withdrawnOn) && (
              <Space wrap size={4}>
                {i.hearingPlanned && <Tag>{t('decisions.catalogue.hearing')}</Tag>}
                {i.addedOn && <Tag color="blue">{t('decisions.portalCatalogue.added', { date: i.addedOn })}</Tag>}
                {i.withdrawnOn && <Tag color="orange">{t('decisions.portalCatalogue.withdrawn', { date: i.withdrawnOn })}</Tag>}
              </Space>
            )}
            {(i.addedReason ?? i.withdrawnReason) && <Typography.Text type="secondary">{i.withdrawnReason ?? i.addedReason}</Typography.Text>}
          </Space>
        </List.Item>
      )} />
    </Card>
  );
};

/** 重大行政决策事项目录 on the portal, phone first: the catalogues the township published after the party committee agreed (第三条第三款). */
export const PublicCataloguePage = () => {
  const t = useT();
  const list = useRemote(fetchPublicCatalogues, 'public-catalogues');
  const data = list.data;
  return (
    <PortalShell title={t('decisions.portalCatalogue.title')} sub={data?.township ?? t('app.shortName')} back={{ to: '/decisions', label: t('decisions.public.title') }}>
      {list.error ? <Alert type="error" showIcon title={t('portal.loadFailed')} /> : null}
      {!data ? <Card><Skeleton active /></Card> : data.catalogues.length === 0
        ? <Card className="fz-apply__card"><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.portalCatalogue.none')} /></Card>
        : data.catalogues.map((c) => <Year key={c.year} c={c} />)}
    </PortalShell>
  );
};
