import { Card, Descriptions, Empty, Table, Tag } from 'antd';
import { dataScopeLabels, type GrantView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { useMe } from '../auth/session-context.tsx';

/** 我的账号与授权: who I am here and what each grant lets me see and do. */
export const ProfilePage = () => {
  const { t, label } = useLocale();
  const me = useMe();
  return (
    <>
      <Card title={t('profile.account')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} items={[
          { key: 'name', label: t('profile.displayName'), children: me.user.displayName },
          { key: 'username', label: t('profile.username'), children: <span className="fz-mono">{me.user.username}</span> },
          { key: 'org', label: t('profile.org'), children: me.user.orgName },
          { key: 'township', label: t('profile.township'), children: me.township?.name ?? '—' },
        ]} />
      </Card>
      <Card title={t('home.grants.title')}>
        <Table<GrantView>
          size="small"
          rowKey={(g) => `${g.roleId}:${g.orgId}`}
          dataSource={me.grants}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.grants.empty')} /> }}
          columns={[
            { title: t('home.grants.org'), dataIndex: 'orgName' },
            { title: t('home.grants.role'), dataIndex: 'roleName', render: (v: string) => <Tag color="blue">{v}</Tag> },
            { title: t('home.grants.scope'), dataIndex: 'scope', render: (_, g) => label(dataScopeLabels[g.scope]) },
          ]}
        />
      </Card>
    </>
  );
};
