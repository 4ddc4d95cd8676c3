import { Flex, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { apiState } from '../api/client';
import { useSession, useSessionActions } from '../api/session';
import { mobileTabs } from './navigation';

/** The resident pages: a phone-sized column with a tab bar at the bottom. */
export function MobileLayout() {
  const { t } = useTranslation('mobile');
  const { data: session, isLoading } = useSession();
  const actions = useSessionActions();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();

  useEffect(() => {
    apiState.onUnauthenticated(() => void actions.refresh());
  }, [actions]);
  useEffect(() => {
    document.title = t('title');
  }, [t]);

  if (isLoading) return null;
  if (!session) return <Navigate to="/m/login" replace state={{ from: location.pathname }} />;
  const tabs = mobileTabs.filter((tab) => !tab.permission || session.permissions.includes(tab.permission));
  const active =
    tabs
      .filter((tab) =>
        tab.path === '/m' ? location.pathname === '/m' : location.pathname.startsWith(tab.path),
      )
      .sort((a, b) => b.path.length - a.path.length)[0]?.key ?? '';

  return (
    <Flex
      vertical
      style={{ minHeight: '100vh', maxWidth: 560, margin: '0 auto', background: token.colorBgLayout }}
    >
      <main style={{ flex: 1, padding: '16px 14px 88px' }}>
        <Outlet />
      </main>
      <nav
        data-testid="mobile-tabs"
        style={{
          position: 'fixed',
          bottom: 0,
          left: 0,
          right: 0,
          maxWidth: 560,
          margin: '0 auto',
          display: 'flex',
          background: token.colorBgContainer,
          borderTop: `1px solid ${token.colorBorderSecondary}`,
          paddingBottom: 'env(safe-area-inset-bottom)',
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            data-testid={`tab-${tab.key}`}
            onClick={() => navigate(tab.path)}
            style={{
              flex: 1,
              border: 0,
              background: 'none',
              padding: '8px 0 6px',
              color: tab.key === active ? token.colorPrimary : token.colorTextSecondary,
              cursor: 'pointer',
            }}
          >
            <div style={{ fontSize: 20 }}>
              {tab.decorate ? <tab.decorate>{tab.icon}</tab.decorate> : tab.icon}
            </div>
            <Typography.Text style={{ fontSize: 12, color: 'inherit' }}>{t(tab.label)}</Typography.Text>
          </button>
        ))}
      </nav>
    </Flex>
  );
}
