import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, Grid, Layout, Menu, Tag, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { apiState } from '../api/client';
import { useSession, useSessionActions } from '../api/session';
import { inMenuOrder, type NavGroup, type NavItem, navGroups, navItemShown, navItems } from '../navigation';
import { LanguageSwitch } from './LanguageSwitch';

const { Header, Sider, Content } = Layout;

/** The staff console frame: navigation by role, user, language, sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const { data: session, isLoading } = useSession();
  const actions = useSessionActions();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  useEffect(() => {
    apiState.onUnauthenticated(() => {
      void actions.refresh();
    });
  }, [actions]);

  useEffect(() => {
    document.title = t('appFullName');
  }, [t]);

  if (isLoading) return null;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const visible = navItems.filter((item) => navItemShown(item, session.permissions));
  const selected =
    visible
      .filter((i) => (i.path === '/' ? location.pathname === '/' : location.pathname.startsWith(i.path)))
      .sort((a, b) => b.path.length - a.path.length)[0]?.key ?? '';
  const role = session.roles[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed || !screens.lg}
        trigger={null}
        width={220}
        theme="light"
        // the navigation stays in view (and scrolls on its own) while a long page scrolls
        style={{
          borderRight: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflow: 'auto',
        }}
      >
        <Flex align="center" gap={10} style={{ height: 64, padding: '0 20px' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!(collapsed || !screens.lg) && (
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('appName')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          data-testid="nav"
          items={menuItems(visible, (item) => ({
            key: item.key,
            icon: item.icon,
            label: t(`nav:${item.label}`),
            'data-testid': `nav-${item.key}`,
            onClick: () => navigate(item.path),
          })).map((entry) =>
            'group' in entry
              ? {
                  type: 'group' as const,
                  key: `group-${entry.group}`,
                  label: t(`nav:groups.${entry.group}`),
                  children: entry.children,
                }
              : entry,
          )}
          style={{ borderInlineEnd: 0 }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: '0 20px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
          }}
        >
          <Flex align="center" gap={12}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => setCollapsed(!collapsed)}
              aria-label={t('nav:toggle')}
            />
            <Typography.Text type="secondary" ellipsis>
              {t('appFullName')}
            </Typography.Text>
            {session.mode === 'demo' && <Tag color="orange">{t('mode.demo')}</Tag>}
          </Flex>
          <Flex align="center" gap={16}>
            <LanguageSwitch signedIn />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'account',
                    icon: <UserOutlined />,
                    label: t('nav:account'),
                    onClick: () => navigate('/account'),
                  },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('logout'),
                    onClick: async () => {
                      await actions.logout();
                      navigate('/login');
                    },
                  },
                ],
              }}
            >
              <Flex align="center" gap={8} style={{ cursor: 'pointer' }} data-testid="user-menu">
                <UserOutlined />
                <span data-testid="user-name">{session.user.displayName}</span>
                {role && (
                  <Tag color="blue" data-testid="user-role">
                    {t(`roles.${role.role}`)}
                    {role.place && role.place.level !== 'district' ? ` · ${role.place.name}` : ''}
                  </Tag>
                )}
              </Flex>
            </Dropdown>
          </Flex>
        </Header>
        <Content style={{ padding: 24, background: token.colorBgLayout }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

/** The ungrouped items first, then each heading with its items, in the order of `navGroups`. */
function menuItems<T>(
  items: NavItem[],
  render: (item: NavItem) => T,
): (T | { group: NavGroup; children: T[] })[] {
  const ordered = inMenuOrder(items);
  const top = ordered.filter((i) => !i.group).map(render);
  const groups = navGroups
    .map((group) => ({ group, children: ordered.filter((i) => i.group === group).map(render) }))
    .filter((g) => g.children.length > 0);
  return [...top, ...groups];
}
