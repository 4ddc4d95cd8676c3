import { DesktopOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, theme } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { apiState } from '../../api/client';
import { useSession, useSessionActions } from '../../api/session';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

/** Field work on a phone (inspection rounds): a narrow column, no side navigation. Staff sign in as usual. */
export function FieldLayout() {
  const { t } = useTranslation('inspections');
  const { data: session, isLoading } = useSession();
  const actions = useSessionActions();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();

  useEffect(() => {
    apiState.onUnauthenticated(() => void actions.refresh());
  }, [actions]);
  useEffect(() => {
    document.title = t('field.title');
  }, [t]);

  if (isLoading) return null;
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return (
    <Flex
      vertical
      style={{ minHeight: '100vh', maxWidth: 560, margin: '0 auto', background: token.colorBgLayout }}
    >
      <Flex
        align="center"
        justify="space-between"
        gap={8}
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          padding: '10px 14px',
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Typography.Text strong ellipsis style={{ cursor: 'pointer' }} onClick={() => navigate('/field')}>
          {t('field.title')}
        </Typography.Text>
        <Flex align="center" gap={8}>
          <LanguageSwitch signedIn />
          <Button
            size="small"
            type="text"
            icon={<DesktopOutlined />}
            onClick={() => navigate('/')}
            aria-label={t('field.console')}
            data-testid="field-console"
          />
        </Flex>
      </Flex>
      <main style={{ flex: 1, padding: '12px 12px 96px' }}>
        <Outlet />
      </main>
    </Flex>
  );
}
