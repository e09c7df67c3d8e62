import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { LoadError } from '../../shared/load-error.tsx';
import { useCan } from '../auth/session-context.tsx';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { useOrgList } from '../orgs/orgs-api.ts';
import { firstPage, tablePagination, type PageState } from '../../shared/pagination.ts';
import { QueryForm } from '../../shared/query-form.tsx';
import { useRemote } from '../../shared/use-remote.ts';
import { useReportError } from '../../shared/use-report-error.ts';
import { GrantEditorDrawer } from './grant-editor-drawer.tsx';
import { InitialPasswordModal, type ShownPassword } from './initial-password-modal.tsx';
import { useUserColumns, type UserAction } from './user-columns.tsx';
import { UserCreateDrawer } from './user-create-drawer.tsx';
import { UserEditDrawer } from './user-edit-drawer.tsx';
import { fetchUsers, resetPassword, updateUser } from './users-api.ts';
import './users.css';

type Filters = { q?: string; orgId?: string };

/** 用户管理: query form, table, and the drawers for create / edit / grants. */
export const UsersPage = () => {
  const t = useT();
  const can = useCan();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const [queryForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState<PageState>(firstPage);
  const query = { ...paging, q: filters.q?.trim() || undefined, orgId: filters.orgId };
  const users = useRemote(() => fetchUsers(query), JSON.stringify(query));
  const orgList = useOrgList();
  const orgs = useMemo(() => orgList.data?.items ?? [], [orgList.data]);

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [granting, setGranting] = useState<UserView | null>(null);
  const [shownPassword, setShownPassword] = useState<ShownPassword | null>(null);

  const confirmThen = (content: string, danger: boolean, run: () => Promise<void>) => {
    modal.confirm({
      content,
      okButtonProps: { danger },
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => run().catch(reportError),
    });
  };

  const onAction = (action: UserAction, user: UserView) => {
    switch (action) {
      case 'update':
        return setEditing(user);
      case 'set-grants':
        return setGranting(user);
      case 'reset-password':
        return confirmThen(t('users.confirm.reset', { name: user.displayName }), true, async () => {
          const result = await resetPassword(user.id);
          setShownPassword({ kind: 'reset', name: user.displayName, password: result.initialPassword });
          users.reload();
        });
      case 'disable':
      case 'enable': {
        const disable = action === 'disable';
        const text = t(disable ? 'users.confirm.disable' : 'users.confirm.enable', { name: user.displayName });
        return confirmThen(text, disable, async () => {
          await updateUser(user.id, { status: disable ? 'disabled' : 'active' });
          void message.success(t(disable ? 'users.disabledDone' : 'users.enabledDone'));
          users.reload();
        });
      }
    }
  };
  const columns = useUserColumns(onAction);

  return (
    <>
      <Card className="fz-query-card">
        <QueryForm<Filters>
          name="user-query"
          form={queryForm}
          fields={[
            <Form.Item key="q" name="q" label={t('users.query.keyword')}>
              <Input allowClear maxLength={64} placeholder={t('users.query.keywordPlaceholder')} />
            </Form.Item>,
            <Form.Item key="org" name="orgId" label={t('users.query.org')}>
              <OrgTreeSelect orgs={orgs} allowClear placeholder={t('users.query.orgPlaceholder')} loading={orgList.loading} />
            </Form.Item>,
          ]}
          onSearch={(values) => {
            setFilters(values);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          onReset={() => {
            setFilters({});
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Card>
      <Card
        title={t('menu.users')}
        extra={
          can('user.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )
        }
      >
        <LoadError error={users.error} onRetry={users.reload} />
        <Table<UserView>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items}
          loading={users.loading}
          size="middle"
          scroll={{ x: 1060 }}
          pagination={tablePagination(t, paging, users.data?.total, setPaging)}
        />
      </Card>
      <UserCreateDrawer
        open={creating}
        orgs={orgs}
        defaultOrgId={filters.orgId}
        onClose={() => setCreating(false)}
        onCreated={(result, name) => {
          setCreating(false);
          void message.success(t('users.created'));
          setShownPassword({ kind: 'created', name, password: result.initialPassword });
          users.reload();
        }}
      />
      <UserEditDrawer user={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); users.reload(); }} />
      <GrantEditorDrawer user={granting} orgs={orgs} onClose={() => setGranting(null)} onSaved={() => { setGranting(null); users.reload(); }} />
      <InitialPasswordModal shown={shownPassword} onClose={() => setShownPassword(null)} />
    </>
  );
};
