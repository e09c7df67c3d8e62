import { TreeSelect } from 'antd';
import type { OrgView } from '@fazhi/contracts';
import { useMemo } from 'react';
import { buildOrgForest, idsToDepth, mapForest } from './org-tree-data.ts';

type TreeOption = { value: string; title: string; children?: TreeOption[] };

type Props = {
  orgs: readonly OrgView[];
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  loading?: boolean;
  id?: string;
};

/** Picks one org from the caller's visible tree; works as a Form.Item control. */
export const OrgTreeSelect = ({ orgs, value, onChange, placeholder, allowClear, loading, id }: Props) => {
  const forest = useMemo(() => buildOrgForest(orgs), [orgs]);
  const treeData = useMemo(
    () => mapForest<TreeOption>(forest, (n, children) => ({ value: n.org.id, title: n.org.name, children })),
    [forest],
  );
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={idsToDepth(forest, 2)}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
};
