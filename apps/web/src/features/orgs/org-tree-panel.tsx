import { useMemo, useState, type ReactNode } from 'react';
import { Empty, Input, Tree } from 'antd';
import type { OrgView } from '@fazhi/contracts';
import { useT } from '../../i18n/locale-context.tsx';
import { OrgKindTag } from './org-kind-tag.tsx';
import { buildOrgForest, filterForest, idsToDepth, mapForest } from './org-tree-data.ts';

type TreeItem = { key: string; title: ReactNode; children?: TreeItem[] };

type Props = { orgs: readonly OrgView[]; selectedId: string | null; onSelect: (id: string) => void };

/** The org tree with kind tags and a name filter. */
export const OrgTreePanel = ({ orgs, selectedId, onSelect }: Props) => {
  const t = useT();
  const [search, setSearch] = useState('');
  const forest = useMemo(() => buildOrgForest(orgs), [orgs]);
  const shown = useMemo(() => filterForest(forest, search), [forest, search]);
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const expandedKeys = search ? idsToDepth(shown, 10) : (expanded ?? idsToDepth(forest, 2));

  const treeData = useMemo(
    () =>
      mapForest<TreeItem>(shown, (n, children) => ({
        key: n.org.id,
        title: (
          <span className="fz-org-node">
            <span>{n.org.name}</span>
            <OrgKindTag kind={n.org.kind} />
          </span>
        ),
        children,
      })),
    [shown],
  );

  return (
    <div data-testid="org-tree">
      <Input.Search
        allowClear
        placeholder={t('orgs.tree.search')}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {treeData.length ? (
        <Tree<TreeItem>
          blockNode
          showLine={{ showLeafIcon: false }}
          treeData={treeData}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(String(key));
          }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.empty')} />
      )}
    </div>
  );
};
