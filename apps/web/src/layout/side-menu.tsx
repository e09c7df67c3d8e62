import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';
import { entryForPath, menuGroups, type MenuEntry, type MenuGroup } from './menu-model.tsx';

type MenuItem = Required<MenuProps>['items'][number];
const groupKey = (group: MenuGroup): string => `group:${group}`;

/** Left menu: the workbench on top, then the modules; only the entries Me.menu lists. */
export const SideMenu = ({ entries, onNavigate }: { entries: MenuEntry[]; onNavigate?: () => void }) => {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = entryForPath(entries, pathname);

  const toItem = (entry: MenuEntry): MenuItem => ({ key: entry.path, icon: entry.icon, label: t(entry.label) });
  // Catalogue order; a group's sub-menu stands where its first entry would.
  const items: MenuItem[] = [];
  const seen = new Set<MenuGroup>();
  for (const entry of entries) {
    const group = entry.group;
    if (!group) items.push(toItem(entry));
    else if (!seen.has(group)) {
      seen.add(group);
      const { label, icon } = menuGroups[group];
      items.push({ key: groupKey(group), icon, label: t(label), children: entries.filter((e) => e.group === group).map(toItem) });
    }
  }

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected.path] : []}
      defaultOpenKeys={[...seen].map(groupKey)}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
};
