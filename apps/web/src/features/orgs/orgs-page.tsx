import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Result, Row, Skeleton, Space } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrgView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { errorToString } from '../../shared/describe-error.ts';
import { OrgCreateDrawer } from './org-create-drawer.tsx';
import { OrgDetail } from './org-detail.tsx';
import { OrgEditDrawer } from './org-edit-drawer.tsx';
import { buildOrgForest } from './org-tree-data.ts';
import { OrgTreePanel } from './org-tree-panel.tsx';
import { useOrgList } from './orgs-api.ts';
import './orgs.css';

/** 组织机构: the tree on the left, the selected org on the right; actions as the server allows. */
export const OrgsPage = () => {
  const t = useT();
  const { data, error, loading, reload } = useOrgList();
  const orgs = useMemo(() => data?.items ?? [], [data]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<OrgView | null>(null);
  const [editing, setEditing] = useState<OrgView | null>(null);

  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);
  const firstRoot = useMemo(() => buildOrgForest(orgs)[0]?.org.id ?? null, [orgs]);
  const selected = byId.get(chosenId ?? '') ?? byId.get(firstRoot ?? '');
  const children = useMemo(
    () => (selected ? orgs.filter((o) => o.parentId === selected.id).sort((a, b) => a.sortOrder - b.sortOrder) : []),
    [orgs, selected],
  );

  if (error && !data) return <Result status="warning" title={t('error.loadFailed')} subTitle={errorToString(t, error)} />;

  const actions = selected && (
    <Space wrap>
      {selected.actions.includes('create-child') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreatingUnder(selected)}>
          {t('orgs.createChild')}
        </Button>
      )}
      {selected.actions.includes('update') && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(selected)}>
          {t('orgs.edit')}
        </Button>
      )}
    </Space>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9} xl={8}>
        <Card title={t('orgs.tree.title')} className="fz-org-tree-card">
          {loading && !data ? (
            <Skeleton active />
          ) : (
            <OrgTreePanel orgs={orgs} selectedId={selected?.id ?? null} onSelect={setChosenId} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        <Card title={selected ? selected.name : t('orgs.detail.title')} extra={actions}>
          {selected ? (
            <OrgDetail
              org={selected}
              parent={selected.parentId ? byId.get(selected.parentId) : undefined}
              children={children}
              onSelect={setChosenId}
            />
          ) : (
            <Empty description={loading ? undefined : t('orgs.selectHint')} />
          )}
        </Card>
      </Col>
      <OrgCreateDrawer
        parent={creatingUnder}
        onClose={() => setCreatingUnder(null)}
        onCreated={(org) => {
          setCreatingUnder(null);
          setChosenId(org.id);
          reload();
        }}
      />
      <OrgEditDrawer
        org={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    </Row>
  );
};
