import { useState } from 'react';
import { Alert, App, Button, Col, Empty, Form, Row, Select, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dataScopeLabels, dataScopes, type DataScope, type OrgView, type UserView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';
import { FormDrawer } from '../../shared/form-drawer.tsx';
import { useReportError } from '../../shared/use-report-error.ts';
import { OrgTreeSelect } from '../orgs/org-tree-select.tsx';
import { useRoleList } from '../roles/roles-api.ts';
import { setGrants } from './users-api.ts';

type GrantRow = { roleId?: string; orgId?: string; scope?: DataScope };
type Values = { grants: GrantRow[] };
type Props = { user: UserView | null; orgs: readonly OrgView[]; onClose: () => void; onSaved: () => void };

/** 授权: rows of role + org + data scope; saving replaces the user's grants as a whole. */
export const GrantEditorDrawer = ({ user, orgs, onClose, onSaved }: Props) => {
  const { t, label } = useLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const roles = useRoleList();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: Values) => {
    if (!user) return;
    const grants = values.grants.flatMap((g) =>
      g.roleId && g.orgId && g.scope ? [{ roleId: g.roleId, orgId: g.orgId, scope: g.scope }] : [],
    );
    setSubmitting(true);
    try {
      await setGrants(user.id, { grants });
      void message.success(t('users.grants.saved'));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const scopeOptions = dataScopes.map((s) => ({ value: s, label: label(dataScopeLabels[s]) }));

  return (
    <FormDrawer
      title={user ? t('users.grants.title', { name: user.displayName }) : ''}
      open={user !== null}
      submitting={submitting}
      onClose={onClose}
      onSubmit={() => form.submit()}
      width={760}
    >
      <Alert type="info" showIcon title={t('users.grants.hint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        name="user-grants"
        form={form}
        layout="vertical"
        initialValues={{ grants: user?.grants.map((g) => ({ roleId: g.roleId, orgId: g.orgId, scope: g.scope })) ?? [] }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <>
              {fields.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.grants.empty')} />}
              {fields.map((field) => (
                <div key={field.key} className="fz-grant-row">
                  <Row gutter={12} align="top">
                    <Col xs={24} sm={7}>
                      <Form.Item
                        name={[field.name, 'roleId']}
                        label={t('users.grants.role')}
                        rules={[{ required: true, message: t('users.grants.roleRequired') }]}
                      >
                        <Select options={roleOptions} loading={roles.loading} showSearch={{ optionFilterProp: 'label' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={9}>
                      <Form.Item
                        name={[field.name, 'orgId']}
                        label={t('users.grants.org')}
                        rules={[{ required: true, message: t('users.grants.orgRequired') }]}
                      >
                        <OrgTreeSelect orgs={orgs} />
                      </Form.Item>
                    </Col>
                    <Col xs={20} sm={6}>
                      <Form.Item
                        name={[field.name, 'scope']}
                        label={t('users.grants.scope')}
                        rules={[{ required: true, message: t('users.grants.scopeRequired') }]}
                      >
                        <Select options={scopeOptions} />
                      </Form.Item>
                    </Col>
                    <Col xs={4} sm={2} className="fz-grant-row__remove">
                      <Tooltip title={t('users.grants.remove')}>
                        <Button danger type="text" icon={<DeleteOutlined />} aria-label={t('users.grants.remove')} onClick={() => remove(field.name)} />
                      </Tooltip>
                    </Col>
                  </Row>
                </div>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ scope: 'subtree' })}>
                {t('users.grants.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
};
