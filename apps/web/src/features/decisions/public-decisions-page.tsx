import { Alert, Card, Empty, List, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import type { PublicDecisionItem } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchPublicDecisions } from './decisions-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';

/** One decision as a row: the whole row is the link (a large touch target on a phone). */
const Row = ({ item, line }: { item: PublicDecisionItem; line: string }) => (
  <List.Item>
    <Link to={`/decisions/${item.id}`} style={{ display: 'block', width: '100%' }} data-testid="public-decision">
      <Typography.Text strong>{item.title}</Typography.Text>
      <div><Typography.Text type="secondary">{item.category ? `${item.category} · ` : ''}{line}</Typography.Text></div>
    </Link>
  </List.Item>
);

/** 重大决策公开征求意见 on the portal, phone first: drafts open for comment with their last day, then the decisions published. */
export const PublicDecisionsPage = () => {
  const t = useT();
  const list = useRemote(fetchPublicDecisions, 'public-decisions');
  const data = list.data;
  return (
    <PortalShell title={t('decisions.public.title')} sub={data?.township ?? t('app.shortName')}>
      {list.error ? <Alert type="error" showIcon title={t('portal.loadFailed')} /> : null}
      {!data ? <Card><Skeleton active /></Card> : (
        <>
          <Card className="fz-apply__card" title={t('decisions.public.open')}>
            {data.open.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.public.noneOpen')} /> : (
              <List dataSource={data.open} renderItem={(item) => <Row key={item.id} item={item} line={t('decisions.public.until', { date: item.commentUntil ?? '' })} />} />
            )}
          </Card>
          <Card className="fz-apply__card">
            <Link to="/decisions/catalogue" data-testid="public-catalogue-link"><Typography.Text strong>{t('decisions.portalCatalogue.link')}</Typography.Text></Link>
            <div><Typography.Text type="secondary">{t('decisions.portalCatalogue.linkDesc')}</Typography.Text></div>
          </Card>
          <Card className="fz-apply__card" title={t('decisions.public.published')}>
            {data.published.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decisions.public.nonePublished')} /> : (
              <List dataSource={data.published} renderItem={(item) => <Row key={item.id} item={item} line={t('decisions.public.publishedOn', { date: item.publishedOn ?? '' })} />} />
            )}
          </Card>
        </>
      )}
    </PortalShell>
  );
};
