import { Space, Tag, Tooltip } from 'antd';
import { dataScopeLabels, type GrantView } from '@fazhi/contracts';
import { useLocale } from '../../i18n/locale-context.tsx';

const shownAtMost = 2;

/** A user's grants as tags "角色 · 组织", the scope on hover. */
export const GrantTags = ({ grants }: { grants: GrantView[] }) => {
  const { label } = useLocale();
  if (!grants.length) return <span style={{ color: '#bfbfbf' }}>—</span>;
  const tag = (g: GrantView) => (
    <Tooltip key={`${g.roleId}:${g.orgId}`} title={label(dataScopeLabels[g.scope])}>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {g.roleName} · {g.orgName}
      </Tag>
    </Tooltip>
  );
  const rest = grants.slice(shownAtMost);
  return (
    <Space size={4} wrap>
      {grants.slice(0, shownAtMost).map(tag)}
      {rest.length > 0 && (
        <Tooltip title={<Space orientation="vertical" size={4}>{rest.map(tag)}</Space>}>
          <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag>
        </Tooltip>
      )}
    </Space>
  );
};
