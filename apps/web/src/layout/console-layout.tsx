import { useState } from 'react';
import { Drawer, Grid, Layout } from 'antd';
import { Outlet } from 'react-router';
import { useT } from '../i18n/locale-context.tsx';
import { useMe } from '../features/auth/session-context.tsx';
import { BrandMark } from './brand-mark.tsx';
import { Breadcrumbs } from './breadcrumbs.tsx';
import { menuEntriesFor } from './menu-model.tsx';
import { SideMenu } from './side-menu.tsx';
import { TopBar } from './top-bar.tsx';
import './layout.css';

const Logo = ({ collapsed }: { collapsed: boolean }) => {
  const t = useT();
  return (
    <div className="fz-logo">
      <BrandMark size={30} />
      {!collapsed && <span className="fz-logo__text">{t('app.shortName')}</span>}
    </div>
  );
};

/**
 * The console shell: left menu by module, top bar, breadcrumbs, grey page. At phone width the
 * menu moves into a drawer. While the password must change, only the bare shell is shown.
 */
export const ConsoleLayout = () => {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const desktop = screens.md ?? window.innerWidth >= 768;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const entries = menuEntriesFor(me.menu);
  const forced = me.user.mustChangePassword;

  return (
    <Layout className="fz-console">
      {desktop && !forced && (
        <Layout.Sider
          className="fz-sider"
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
        >
          <Logo collapsed={collapsed} />
          <SideMenu entries={entries} />
        </Layout.Sider>
      )}
      <Layout>
        <TopBar compact={!desktop} showBrand={forced} onOpenMenu={!desktop && !forced ? () => setDrawerOpen(true) : undefined} />
        <Layout.Content className="fz-content">
          {!forced && <Breadcrumbs />}
          <Outlet />
        </Layout.Content>
      </Layout>
      {!desktop && !forced && (
        <Drawer
          className="fz-menu-drawer"
          placement="left"
          size={248}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Logo collapsed={false} />
          <SideMenu entries={entries} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
};
