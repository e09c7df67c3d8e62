import type { OrgView } from '@fazhi/contracts';

export type OrgNode = { org: OrgView; children: OrgNode[] };

const byOrder = (a: OrgNode, b: OrgNode) =>
  a.org.sortOrder - b.org.sortOrder || a.org.name.localeCompare(b.org.name, 'zh-CN');

/**
 * Builds the tree from the flat list. An org whose parent the caller cannot see becomes a root,
 * so a village clerk's tree starts at her village.
 */
export const buildOrgForest = (items: readonly OrgView[]): OrgNode[] => {
  const nodes = new Map(items.map((org) => [org.id, { org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort(byOrder);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
};

export const mapForest = <T>(forest: readonly OrgNode[], map: (node: OrgNode, children: T[] | undefined) => T): T[] =>
  forest.map((node) => map(node, node.children.length ? mapForest(node.children, map) : undefined));

/** Ids of nodes down to `depth` levels (the default expansion). */
export const idsToDepth = (forest: readonly OrgNode[], depth: number): string[] =>
  depth <= 0 ? [] : forest.flatMap((n) => [n.org.id, ...idsToDepth(n.children, depth - 1)]);

/** Keeps nodes whose name contains `text`, with their ancestors (for the tree's search box). */
export const filterForest = (forest: readonly OrgNode[], text: string): OrgNode[] => {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...forest];
  return forest.flatMap((node) => {
    const children = filterForest(node.children, needle);
    const hit = node.org.name.toLowerCase().includes(needle) || node.org.code.toLowerCase().includes(needle);
    return hit || children.length ? [{ org: node.org, children: hit && !children.length ? node.children : children }] : [];
  });
};
