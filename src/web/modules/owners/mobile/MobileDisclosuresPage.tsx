import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { formatDate } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import type { Disclosure } from '../api';
import { CategoryTag, DisclosureBody, disclosureTitle } from '../DisclosuresPage';

/** /m/disclosures: what is on my community's disclosure board now. */
export default function MobileDisclosuresPage() {
  const { t } = useTranslation('owners');
  const navigate = useNavigate();
  const board = useQuery({
    queryKey: ['me-disclosures'],
    queryFn: () => api.get<{ items: Disclosure[] }>('/me/disclosures', { limit: 100 }),
  });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('title.disclosures')}
      </Typography.Title>
      <QueryState loading={board.isLoading} error={board.error} retry={() => void board.refetch()}>
        {(board.data?.items ?? []).length === 0 ? (
          <Card size="small">
            <Empty description={t('board.empty')} />
          </Card>
        ) : (
          (board.data?.items ?? []).map((d) => (
            <Card
              key={d.id}
              size="small"
              hoverable
              onClick={() => navigate(`/m/disclosures/${d.id}`)}
              data-testid="m-disclosure"
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <CategoryTag category={d.category} />
                  <Typography.Text strong>{disclosureTitle(t, d)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDate(d.publishedAt)}
                    {d.visibleUntil ? ` · ${t('board.until', { date: d.visibleUntil })}` : ''}
                  </Typography.Text>
                </Flex>
                <RightOutlined style={{ color: '#bbb' }} />
              </Flex>
            </Card>
          ))
        )}
      </QueryState>
    </Flex>
  );
}

/** /m/disclosures/:id: one notice with its figures and attachments. */
export function MobileDisclosurePage() {
  const { id } = useParams();
  const { t } = useTranslation('owners');
  const navigate = useNavigate();
  const d = useQuery({
    queryKey: ['disclosure', Number(id)],
    queryFn: () => api.get<Disclosure>(`/disclosures/${id}`),
  });
  return (
    <Flex vertical gap={12}>
      <Button
        type="link"
        icon={<LeftOutlined />}
        onClick={() => navigate('/m/disclosures')}
        style={{ padding: 0, width: 'fit-content' }}
      >
        {t('title.disclosures')}
      </Button>
      <QueryState loading={d.isLoading} error={d.error} retry={() => void d.refetch()}>
        {d.data && (
          <Card size="small" title={<CategoryTag category={d.data.category} />}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {disclosureTitle(t, d.data)}
            </Typography.Title>
            <DisclosureBody d={d.data} />
          </Card>
        )}
      </QueryState>
    </Flex>
  );
}
