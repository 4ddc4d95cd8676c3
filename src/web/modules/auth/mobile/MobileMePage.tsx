import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession, useSessionActions } from '../../../api/session';
import { LanguageSwitch } from '../../../layout/LanguageSwitch';

/** The resident's own account: who, where, language, sign-out. */
export default function MobileMePage() {
  const { t } = useTranslation('mobile');
  const { data: session } = useSession();
  const actions = useSessionActions();
  const navigate = useNavigate();
  if (!session) return null;
  return (
    <Flex vertical gap={14}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('me.title')}
      </Typography.Title>
      <Card size="small">
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('me.name')}>{session.user.displayName}</Descriptions.Item>
          {session.roles.map((r) => (
            <Descriptions.Item key={`${r.role}-${r.place?.id}`} label={t(`common:roles.${r.role}`)}>
              {r.place?.name}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t('common:language')}>
            <LanguageSwitch signedIn />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Button
        block
        size="large"
        icon={<LogoutOutlined />}
        data-testid="m-logout"
        onClick={async () => {
          await actions.logout();
          navigate('/m/login');
        }}
      >
        {t('common:logout')}
      </Button>
    </Flex>
  );
}
