import { useQuery } from '@tanstack/react-query';
import { Button, Col, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { AssetSummary, assetStats } from '../../../contracts/assets';
import type { CommunityProfile } from '../../../contracts/org';
import { api } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { AssetBadges } from './tags';

/** The community's assets on its profile: counts by kind, and those breaking a rule. */
export function AssetsProfileSection({ community }: { community: CommunityProfile }) {
  const { t } = useTranslation('assets');
  const stats = useQuery({
    queryKey: ['asset-stats', 'community', community.id],
    queryFn: () => api.get<z.infer<typeof assetStats>>('/assets/stats', { communityId: community.id }),
  });
  const alerts = useQuery({
    queryKey: ['asset-alerts', community.id],
    queryFn: () =>
      api.get<{ items: AssetSummary[]; total: number }>('/assets', {
        communityId: community.id,
        badge: 'any',
        limit: 10,
      }),
  });
  return (
    <QueryState loading={stats.isLoading} error={stats.error}>
      <Flex vertical gap={12} data-testid="profile-assets">
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Statistic title={t('stats.total')} value={stats.data?.total ?? 0} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('stats.elevatorsOld')}
              value={stats.data?.elevators.olderThan15 ?? 0}
              suffix={`/ ${stats.data?.elevators.total ?? 0}`}
            />
          </Col>
          <Col xs={24} md={12}>
            <Flex gap={4} wrap>
              {stats.data?.byKind.map((k) => (
                <Tag key={k.kind}>
                  {t(`kind.${k.kind}`)} {k.count}
                </Tag>
              ))}
            </Flex>
          </Col>
        </Row>
        <Typography.Text strong>{t('profile.alerts', { count: alerts.data?.total ?? 0 })}</Typography.Text>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={alerts.data?.items ?? []}
          locale={{ emptyText: t('profile.noAlerts') }}
          columns={[
            { title: t('field.name'), render: (_v, a) => <Link to={`/assets/${a.id}`}>{a.name}</Link> },
            { title: t('field.kind'), render: (_v, a) => t(`kind.${a.kind}`) },
            { title: t('field.maintainer'), render: (_v, a) => a.maintainer.name, responsive: ['md'] },
            { title: t('field.badges'), render: (_v, a) => <AssetBadges badges={a.badges} /> },
          ]}
        />
        <Link to={`/assets?communityId=${community.id}`}>
          <Button size="small">{t('profile.all')}</Button>
        </Link>
      </Flex>
    </QueryState>
  );
}
