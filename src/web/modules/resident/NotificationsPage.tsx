import { SettingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotificationView } from '../../../contracts/notifications';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useNotifications } from './api';

/** Messages: what the resident was told about their reports, newest first, live. */
export default function NotificationsPage() {
  const { t } = useTranslation('resident');
  const navigate = useNavigate();
  const client = useQueryClient();
  const list = useNotifications();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;

  async function open(n: NotificationView) {
    if (!n.readAt) {
      await api.post('/notifications/read', { ids: [n.id] });
      await client.invalidateQueries({ queryKey: ['notifications'] });
    }
    if (n.caseId) navigate(`/m/reports/${n.caseId}`);
  }

  async function readAll() {
    await api.post('/notifications/read', { all: true });
    await client.invalidateQueries({ queryKey: ['notifications'] });
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
          {t('notifications.title')}
        </Typography.Title>
        <Flex gap={4}>
          <Button size="small" disabled={unread === 0} onClick={readAll} data-testid="m-read-all">
            {t('notifications.markAll')}
          </Button>
          <Button
            size="small"
            icon={<SettingOutlined />}
            aria-label={t('notifications.settings')}
            onClick={() => navigate('/m/notifications/settings')}
            data-testid="m-notification-settings"
          />
        </Flex>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error} retry={() => list.refetch()}>
        {items.length === 0 ? (
          <Empty description={t('notifications.empty')} />
        ) : (
          <Flex vertical gap={8} data-testid="m-notifications">
            {items.map((n) => (
              <Card key={n.id} size="small" hoverable onClick={() => open(n)} data-testid="m-notification">
                <Flex vertical gap={4}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex align="center" gap={6}>
                      <Badge status={n.readAt ? 'default' : 'processing'} />
                      <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12, flexShrink: 0 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary">{n.body}</Typography.Text>
                </Flex>
              </Card>
            ))}
            {list.hasNextPage && (
              <Button block loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
                {t('notifications.more')}
              </Button>
            )}
          </Flex>
        )}
      </QueryState>
    </Flex>
  );
}
