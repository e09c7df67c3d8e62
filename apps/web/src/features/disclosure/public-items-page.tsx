import { useState } from 'react';
import { Alert, Card, Empty, Input, Pagination, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/locale-context.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { fetchPublicItems, publicFilePath } from './disclosure-api.ts';
import { PortalShell } from '../portal-apply/portal-shell.tsx';
import '../portal-apply/apply.css';

const sizeText = (n: number): string => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const stageKey = { before: 'disclosure.public.stage.before', during: 'disclosure.public.stage.during', after: 'disclosure.public.stage.after' } as const;

/** 政府信息主动公开 on the portal, phone first: published items by category, with search; withdrawn ones say so and why. */
export const PublicItemsPage = () => {
  const t = useT();
  const [category, setCategory] = useState<string>('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useRemote(() => fetchPublicItems({ ...(category ? { category } : {}), ...(q ? { q } : {}), page, pageSize: 10 }),
    `public-items:${category}:${q}:${page}`);
  const data = list.data;
  return (
    <PortalShell title={t('disclosure.public.title')} sub={data?.township ?? t('app.shortName')}>
      <Card className="fz-apply__card">
        <Input.Search allowClear size="large" placeholder={t('disclosure.public.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="public-items-search" />
        <div style={{ overflowX: 'auto', marginTop: 12 }}>
          <Segmented<string> value={category} onChange={(v) => { setCategory(v); setPage(1); }}
            options={[{ value: '', label: t('common.all') }, ...(data?.categories ?? []).map((c) => ({ value: c.name, label: `${c.name} ${c.count}` }))]} />
        </div>
      </Card>
      {list.error ? <Alert type="error" showIcon title={t('portal.loadFailed')} /> : null}
      {!data ? <Card><Skeleton active /></Card> : data.items.length === 0 ? <Card><Empty description={t('disclosure.public.empty')} /></Card> : data.items.map((item) => (
        <Card key={item.id} className="fz-apply__card" data-testid="public-item">
          <Typography.Text type="secondary">{item.category}{item.stage && item.stage in stageKey ? ` · ${t(stageKey[item.stage as keyof typeof stageKey])}` : ''} · {t('disclosure.public.published', { date: item.publishedOn })}</Typography.Text>
          <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
            {item.title} {item.status === 'withdrawn' && <Tag color="default">{t('disclosure.public.withdrawn')}</Tag>}
          </Typography.Title>
          {item.status === 'withdrawn'
            ? <Typography.Paragraph type="secondary">{t('disclosure.public.withdrawnReason', { date: item.withdrawnOn ?? '', reason: item.withdrawReason ?? '' })}</Typography.Paragraph>
            : <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.content}</Typography.Paragraph>}
          {item.files.length > 0 && (
            <Space direction="vertical" size={4} data-testid="public-item-files">
              <Typography.Text type="secondary">{t('disclosure.public.files')}</Typography.Text>
              {item.files.map((f) => (
                <a key={f.id} href={publicFilePath(item.id, f.id)} target="_blank" rel="noopener">
                  <PaperClipOutlined /> {f.name}<Typography.Text type="secondary"> （{sizeText(f.size)}）</Typography.Text>
                </a>
              ))}
            </Space>
          )}
        </Card>
      ))}
      {data && data.total > 10 && <Pagination current={page} pageSize={10} total={data.total} onChange={setPage} showSizeChanger={false} size="small" />}
    </PortalShell>
  );
};
