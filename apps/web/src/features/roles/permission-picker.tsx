import { Checkbox, Divider, Space, Typography } from 'antd';
import type { PermissionItem } from '@fazhi/contracts';
import { useLocale, isMessageKey } from '../../i18n/locale-context.tsx';

type Props = { permissions: PermissionItem[]; value?: string[]; onChange?: (value: string[]) => void };

/** Permission checkboxes grouped by module, each group with its own 全选. A Form.Item control. */
export const PermissionPicker = ({ permissions, value = [], onChange }: Props) => {
  const { t, label } = useLocale();
  const groups = [...new Set(permissions.map((p) => p.group))];
  const chosen = new Set(value);

  const setGroup = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const code of codes) {
      if (on) next.add(code);
      else next.delete(code);
    }
    onChange?.(permissions.map((p) => p.code).filter((c) => next.has(c)));
  };

  return (
    <div className="fz-permission-picker">
      {groups.map((group) => {
        const items = permissions.filter((p) => p.group === group);
        const codes = items.map((p) => p.code);
        const count = codes.filter((c) => chosen.has(c)).length;
        const key = `permGroup.${group}`;
        return (
          <section key={group}>
            <Divider titlePlacement="start" style={{ margin: '12px 0 8px' }}>
              <Space size={12}>
                <Typography.Text strong>{isMessageKey(key) ? t(key) : group}</Typography.Text>
                <Checkbox
                  checked={count === codes.length}
                  indeterminate={count > 0 && count < codes.length}
                  onChange={(e) => setGroup(codes, e.target.checked)}
                >
                  {t('roles.form.selectAll')}
                </Checkbox>
              </Space>
            </Divider>
            <div className="fz-permission-grid">
              {items.map((p) => (
                <Checkbox key={p.code} checked={chosen.has(p.code)} onChange={(e) => setGroup([p.code], e.target.checked)}>
                  {label(p)}
                  <Typography.Text type="secondary" className="fz-permission-code">{p.code}</Typography.Text>
                </Checkbox>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
};
