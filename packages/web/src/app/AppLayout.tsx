import { Fragment, Suspense, useState, type ReactNode } from 'react';
import { App, Button, Drawer, Dropdown, Grid, Layout, Menu, Select, Space, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { authQuery, dropSession, storeMe, useMe } from '../features/auth/auth';
import { DraftSync } from '../features/meetings/DraftSync';
import { codeTablesQuery, useCodeTables } from '../shared/codeTables';
import { errorMessage } from '../shared/errors';
import { activeGrant, grantLabel, selectedMenuKey } from './access';
import { FullPageSpin } from './RequireAuth';

type MenuItem = Required<MenuProps>['items'][number];

export interface MenuEntry {
  key: string;
  label: string;
  icon: ReactNode;
  /** After the label (e.g. a count of things waiting); a submenu shows its entries' badges too. */
  badge?: ReactNode;
  /** A submenu's entries. */
  children?: MenuEntry[];
}

/** The route entries of a menu (submenus opened up), for the selected key. */
export function menuLeaves(entries: readonly MenuEntry[]): MenuEntry[] {
  return entries.flatMap((e) => (e.children ? menuLeaves(e.children) : [e]));
}

/** A menu item; a closed submenu shows its entries' badges on its title. */
function menuItem(e: MenuEntry, openKeys: readonly string[]): MenuItem {
  const badges = e.children && !openKeys.includes(e.key) ? e.children.map((c) => c.badge).filter(Boolean) : [];
  const label = (
    <span>
      {e.label}
      {e.badge}
      {badges.length > 0 ? <span className="menu-group-badges">{badges.map((b, i) => <Fragment key={i}>{b}</Fragment>)}</span> : null}
    </span>
  );
  return e.children ? { key: e.key, icon: e.icon, label, children: e.children.map((c) => menuItem(c, openKeys)) } : { key: e.key, icon: e.icon, label };
}

interface AppLayoutProps {
  menuFor: (permissions: readonly string[]) => MenuEntry[];
}

export function AppLayout({ menuFor }: AppLayoutProps) {
  const me = useMe();
  // Start loading the code tables (labels) with the layout, before a page's code arrives.
  useCodeTables();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const entries = menuFor(me.permissions);
  const selected = selectedMenuKey(
    location.pathname,
    menuLeaves(entries).map((e) => e.key),
  );
  // The submenu holding the current page opens when the page is reached; the user may close it again.
  const selectedGroup = entries.find((e) => e.children?.some((c) => c.key === selected))?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(selectedGroup ? [selectedGroup] : []);
  const [openedFor, setOpenedFor] = useState(selectedGroup);
  if (openedFor !== selectedGroup) {
    setOpenedFor(selectedGroup);
    if (selectedGroup && !openKeys.includes(selectedGroup)) setOpenKeys([...openKeys, selectedGroup]);
  }

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={entries.map((e) => menuItem(e, openKeys))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
      aria-label="主菜单"
    />
  );

  return (
    <Layout className="app-layout">
      <DraftSync />
      <Layout.Header className="app-header">
        {isPhone ? (
          <Button
            type="text"
            className="app-header-button"
            icon={<MenuOutlined />}
            aria-label="打开菜单"
            data-testid="menu-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <div className="app-title" onClick={() => void navigate('/')} role="link" tabIndex={0}>
          <span className="app-emblem" aria-hidden="true">
            党
          </span>
          <span className="app-title-text">机关党建智慧平台</span>
        </div>
        <div className="app-header-right">
          {!isPhone ? <RoleSwitcher me={me} /> : null}
          <UserMenu me={me} compact={isPhone} />
        </div>
      </Layout.Header>
      <Layout>
        {!isPhone ? (
          <Layout.Sider width={208} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        ) : null}
        <Drawer
          open={isPhone && drawerOpen}
          placement="left"
          size={280}
          onClose={() => setDrawerOpen(false)}
          title="机关党建智慧平台"
          styles={{ body: { padding: 0 } }}
        >
          <div style={{ padding: 16 }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              当前角色
            </Typography.Text>
            <RoleSwitcher me={me} block />
          </div>
          {menu}
        </Drawer>
        <Layout.Content className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            {/* Pages start afresh when the role/scope changes: no org picked in another scope survives. */}
            <Fragment key={me.activeGrantId ?? 'none'}>
              <Outlet />
            </Fragment>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The role/scope switcher: one option per grant; switching reloads everything for the new scope. */
function RoleSwitcher({ me, block }: { me: Me; block?: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const current = activeGrant(me);
  const switchGrant = useMutation({
    mutationFn: (grantId: number) => api.post<Me>('/auth/active-grant', { grantId }),
    onSuccess: async (next) => {
      // Nothing read in the old scope may be shown in the new one: drop every cached answer
      // (a stronger form of invalidation; pages remount and refetch), then keep the new Me.
      // The code tables are the same in every scope and stay.
      const keep: readonly unknown[] = [authQuery.queryKey[0], codeTablesQuery.queryKey[0]];
      queryClient.removeQueries({ predicate: (q) => !keep.includes(q.queryKey[0]) });
      storeMe(queryClient, next);
      await navigate('/');
      const g = activeGrant(next);
      void message.success(`已切换为：${g ? grantLabel(g) : '无角色'}`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  if (me.grants.length === 0) {
    return <Typography.Text className="app-header-muted">未分配角色</Typography.Text>;
  }
  return (
    <Select
      data-testid="role-switcher"
      aria-label="切换角色"
      value={current?.id}
      loading={switchGrant.isPending}
      disabled={switchGrant.isPending}
      onChange={(id: number) => switchGrant.mutate(id)}
      options={me.grants.map((g) => ({ value: g.id, label: grantLabel(g) }))}
      style={block ? { width: '100%' } : { minWidth: 200, maxWidth: 320 }}
      popupMatchSelectWidth={false}
    />
  );
}

function UserMenu({ me, compact }: { me: Me; compact: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: async () => {
      dropSession(queryClient, false);
      await navigate('/login', { replace: true });
    },
  });
  return (
    <Space size={4}>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') void navigate('/change-password');
            if (key === 'logout') logout.mutate();
          },
        }}
      >
        <Button type="text" className="app-header-button" data-testid="user-menu" aria-label="用户菜单">
          <UserOutlined />
          <span className="app-user-name" data-testid="current-user">
            {me.user.displayName}
          </span>
          {!compact ? <DownOutlined style={{ fontSize: 10 }} /> : null}
        </Button>
      </Dropdown>
      {!compact ? (
        <Button
          type="text"
          className="app-header-button"
          icon={<LogoutOutlined />}
          loading={logout.isPending}
          onClick={() => logout.mutate()}
          data-testid="logout"
        >
          退出
        </Button>
      ) : null}
    </Space>
  );
}
