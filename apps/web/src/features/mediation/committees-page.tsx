import { useMemo, useState } from 'react';
import { App, Button, Card, Collapse, Col, Empty, List, Row, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import type { CommitteeView, MediatorView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { committeeKinds } from './committee-kinds.ts';
import { CommitteeDrawer, MediatorDrawer } from './committee-drawers.tsx';
import { fetchCommittees } from './mediation-api.ts';
import { useHandleOrgs } from './use-handle-orgs.ts';
import './mediation.css';

const MediatorTable = ({ mediators }: { mediators: MediatorView[] }) => {
  const t = useT();
  const phone = useIsPhone();
  if (phone) {
    return (
      <List<MediatorView> size="small" dataSource={mediators} locale={{ emptyText: t('mediation.org.noMediators') }}
        renderItem={(m) => (
          <List.Item className="fz-med-mediator">
            <div className="fz-med-mediator__head"><strong>{m.name}</strong><span className="fz-num">{m.phoneMasked ?? '—'}</span></div>
            <div>{m.specialties.map((s) => <Tag key={s}>{s}</Tag>)}</div>
            <Typography.Text type="secondary">
              {t('mediation.org.line', { hours: m.trainingHours, open: m.openCases, resolved: m.resolvedCases })}
            </Typography.Text>
          </List.Item>
        )} />
    );
  }
  return (
    <Table<MediatorView>
      rowKey="id" size="small" pagination={false} dataSource={mediators} scroll={{ x: 640 }}
      locale={{ emptyText: t('mediation.org.noMediators') }}
      columns={[
        { title: t('mediation.org.mediatorName'), dataIndex: 'name', width: 90, fixed: 'left' },
        { title: t('mediation.party.phone'), dataIndex: 'phoneMasked', width: 120, render: (v: string | null) => <span className="fz-num">{v ?? '—'}</span> },
        { title: t('mediation.org.specialties'), dataIndex: 'specialties', render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>) },
        { title: t('mediation.org.hours'), dataIndex: 'trainingHours', width: 90, align: 'right' },
        { title: t('mediation.org.open'), dataIndex: 'openCases', width: 70, align: 'right' },
        { title: t('mediation.org.resolved'), dataIndex: 'resolvedCases', width: 80, align: 'right' },
      ]}
    />
  );
};

/** 调解组织与调解员: the network by kind, each committee with its mediators and their load. */
export const CommitteesPage = () => {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const list = useRemote(fetchCommittees, 'committees');
  const handle = useHandleOrgs();
  const [adding, setAdding] = useState(false);
  const [addingTo, setAddingTo] = useState<CommitteeView | null>(null);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const mediators = items.flatMap((c) => c.mediators);

  const panel = (c: CommitteeView) => ({
    key: c.id,
    label: (
      <Space wrap size={6}>
        <strong>{c.name}</strong>
        {c.specialty && <Tag color="purple">{c.specialty}</Tag>}
        <Typography.Text type="secondary">{t('mediation.org.count', { n: c.mediators.length })}</Typography.Text>
      </Space>
    ),
    extra: c.canManage && (
      <Button size="small" icon={<UserAddOutlined />} onClick={(e) => { e.stopPropagation(); setAddingTo(c); }}>
        {phone ? null : t('mediation.org.addMediator')}
      </Button>
    ),
    children: <MediatorTable mediators={c.mediators} />,
  });

  const tabs = committeeKinds.map((k) => {
    const ofKind = items.filter((c) => c.kind === k.value);
    return {
      key: k.value,
      label: `${t(k.label)} (${ofKind.length})`,
      children: (
        <>
          <Typography.Paragraph type="secondary">{t(k.help)}</Typography.Paragraph>
          {ofKind.length === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.org.none')} />
            : <Collapse items={ofKind.map(panel)} defaultActiveKey={k.value === 'village' ? ofKind.slice(0, 1).map((c) => c.id) : ofKind.map((c) => c.id)} />}
        </>
      ),
    };
  });

  return (
    <div className="fz-med-page">
      <Row gutter={[16, 16]} className="fz-med-row">
        <Col xs={8}><Card className="fz-med-stat"><Statistic title={t('mediation.org.committees')} value={items.length} suffix={t('mediation.unit.orgs')} /></Card></Col>
        <Col xs={8}><Card className="fz-med-stat"><Statistic title={t('mediation.org.mediators')} value={mediators.length} suffix={t('mediation.unit.people')} /></Card></Col>
        <Col xs={8}><Card className="fz-med-stat"><Statistic title={t('mediation.org.hoursTotal')} value={mediators.reduce((n, m) => n + m.trainingHours, 0)} suffix={t('mediation.unit.hours')} /></Card></Col>
      </Row>
      <Card title={t('menu.mediationCommittees')} className="fz-med-card"
        extra={can('mediation.handle') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('mediation.org.addCommittee')}</Button>}>
        <LoadError error={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Skeleton active /> : <Tabs items={tabs} />}
      </Card>
      <CommitteeDrawer open={adding} orgs={handle.orgs} onClose={() => setAdding(false)}
        onSaved={() => { setAdding(false); void message.success(t('mediation.org.saved')); list.reload(); }} />
      <MediatorDrawer committee={addingTo} onClose={() => setAddingTo(null)}
        onSaved={() => { setAddingTo(null); void message.success(t('mediation.org.saved')); list.reload(); }} />
    </div>
  );
};
