import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RoleView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { useIsPhone } from '../../shared/use-viewport.ts';
import { useCan } from '../auth/session-context.tsx';
import { RoleEditorDrawer, type RoleEditing } from './role-editor-drawer.tsx';
import { deleteRole, useRoleList } from './roles-api.ts';
import './roles.css';

/** 角色权限: the roles with their permission counts; edit in a drawer. */
export const RolesPage = () => {
  const t = useT();
  const can = useCan();
  const phone = useIsPhone();
  const { message } = App.useApp();
  const reportError = useReportError();
  const roles = useRoleList();
  const [editing, setEditing] = useState<RoleEditing>(null);

  const remove = async (role: RoleView) => {
    try {
      await deleteRole(role.id);
      void message.success(t('roles.deleted'));
      roles.reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Card
      title={t('menu.roles')}
      extra={
        can('role.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('roles.create')}
          </Button>
        )
      }
    >
      <LoadError error={roles.error} onRetry={roles.reload} />
      <Table<RoleView>
        rowKey="id"
        loading={roles.loading}
        dataSource={roles.data?.items}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('roles.col.name'), dataIndex: 'name', width: 180 },
          { title: t('roles.col.code'), dataIndex: 'code', width: 180, render: (v: string) => <span className="fz-mono">{v}</span> },
          {
            title: t('roles.col.type'),
            dataIndex: 'builtIn',
            width: 110,
            render: (v: boolean) => (v ? <Tag color="blue">{t('roles.builtIn')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
          },
          {
            title: t('roles.col.permissions'),
            key: 'permissions',
            width: 110,
            render: (_, r) => t('roles.permissionCount', { count: r.permissions.length }),
          },
          { title: t('roles.col.grantCount'), dataIndex: 'grantCount', width: 110, render: (v: number) => t('roles.grantCount', { count: v }) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 140,
            fixed: phone ? undefined : 'right',
            render: (_, role) => (
              <Space size={12} className="fz-nowrap">
                {role.actions.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                {role.actions.includes('update') && (
                  <Typography.Link onClick={() => setEditing(role)}>{t('roles.action.update')}</Typography.Link>
                )}
                {role.actions.includes('delete') && (
                  <Popconfirm
                    title={t('roles.confirm.delete', { name: role.name })}
                    okText={t('common.ok')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Popconfirm keeps its OK button loading until the returned promise settles (antd types it void)
                    onConfirm={() => remove(role)}
                  >
                    <Typography.Link type="danger">{t('roles.action.delete')}</Typography.Link>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <RoleEditorDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          roles.reload();
        }}
      />
    </Card>
  );
};
