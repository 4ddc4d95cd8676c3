import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useMyCases } from './api';
import { stateColor } from './format';

/** My reports: the resident's reports, newest first, with where each stands and when it is expected done. */
export default function MyReportsPage() {
  const { t } = useTranslation('resident');
  const navigate = useNavigate();
  const cases = useMyCases();
  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
          {t('list.title')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/m/report')}
          data-testid="m-new-report"
        >
          {t('list.newReport')}
        </Button>
      </Flex>
      <QueryState loading={cases.isLoading} error={cases.error} retry={() => cases.refetch()}>
        {items.length === 0 ? (
          <Empty description={t('list.empty')} />
        ) : (
          <Flex vertical gap={10} data-testid="m-reports">
            {items.map((c) => (
              <Card
                key={c.id}
                size="small"
                hoverable
                onClick={() => navigate(`/m/reports/${c.id}`)}
                data-testid={`m-report-${c.id}`}
              >
                <Flex justify="space-between" align="start" gap={8}>
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Typography.Text strong ellipsis>
                      {c.title}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.category} · {c.community}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {c.closedAt
                        ? t('list.closedAt', { time: formatDateTime(c.closedAt) })
                        : c.expectedAt
                          ? t('list.expected', { time: formatDateTime(c.expectedAt) })
                          : formatDateTime(c.createdAt)}
                    </Typography.Text>
                  </Flex>
                  <Flex vertical align="end" gap={6} style={{ flexShrink: 0 }}>
                    <Tag
                      color={stateColor[c.state]}
                      style={{ marginInlineEnd: 0 }}
                      data-testid="m-report-state"
                    >
                      {t(`progress:state.${c.state}`)}
                    </Tag>
                    {c.state === 'closed' && !c.rated && <Tag color="gold">{t('list.toRate')}</Tag>}
                    <RightOutlined style={{ color: '#bbb' }} />
                  </Flex>
                </Flex>
              </Card>
            ))}
            {cases.hasNextPage && (
              <Button block loading={cases.isFetchingNextPage} onClick={() => cases.fetchNextPage()}>
                {t('list.more')}
              </Button>
            )}
          </Flex>
        )}
      </QueryState>
    </Flex>
  );
}
