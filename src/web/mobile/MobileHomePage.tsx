import { EnvironmentOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Flex, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../api/session';
import { useCommunities } from '../modules/org/api';
import { mobileTiles } from './tiles';

/** The resident's start page: their home and community, and the services of the modules. */
export default function MobileHomePage() {
  const { t } = useTranslation('mobile');
  const navigate = useNavigate();
  const { data: session } = useSession();
  const community = useCommunities({}, undefined, 1).data?.items[0];
  const home = session?.roles.find((r) => r.role === 'resident')?.place;
  const tiles = mobileTiles.filter(
    (tile) => !tile.permission || session?.permissions.includes(tile.permission),
  );

  return (
    <Flex vertical gap={14}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('home.greeting', { name: session?.user.displayName ?? '' })}
      </Typography.Title>
      <Card size="small" data-testid="m-my-home">
        <List size="small" split={false}>
          {home && (
            <List.Item>
              <Flex gap={8}>
                <HomeOutlined />
                <span>{t('home.myHome', { name: home.name })}</span>
              </Flex>
            </List.Item>
          )}
          {community && (
            <>
              <List.Item>
                <Flex gap={8}>
                  <EnvironmentOutlined />
                  <span>
                    {community.street.name} · {community.address}
                  </span>
                </Flex>
              </List.Item>
              <List.Item>
                <Flex gap={8}>
                  <TeamOutlined />
                  <span>
                    {t('home.propertyCompany', {
                      name: community.propertyCompany?.name ?? t('org:profile.noPropertyCompany'),
                    })}
                  </span>
                </Flex>
              </List.Item>
            </>
          )}
        </List>
      </Card>
      {tiles.length > 0 && (
        <Row gutter={[12, 12]}>
          {tiles.map((tile) => (
            <Col span={12} key={tile.key}>
              <Card
                hoverable
                size="small"
                onClick={() => navigate(tile.path)}
                data-testid={`m-tile-${tile.key}`}
              >
                <Flex vertical align="center" gap={6} style={{ padding: '8px 0' }}>
                  <span style={{ fontSize: 26, color: tile.color }}>{tile.icon}</span>
                  <Typography.Text strong>{t(tile.label)}</Typography.Text>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
