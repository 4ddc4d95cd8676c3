import { useQuery } from '@tanstack/react-query';
import { Button, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { HazardSummary, hazardStats } from '../../../contracts/hazards';
import type { Round } from '../../../contracts/inspections';
import type { CommunityProfile } from '../../../contracts/org';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PlanTypeTag, RoundStatusTag } from '../inspections/tags';
import { GradeTag, HazardStatusTag } from './tags';

/** Hazards and inspection rounds of one community on its profile. */
export function HazardsProfileSection({ community }: { community: CommunityProfile }) {
  const { t } = useTranslation('hazards');
  const can = useCan();
  const stats = useQuery({
    queryKey: ['hazard-stats', community.id],
    queryFn: () => api.get<z.infer<typeof hazardStats>>('/hazards/stats', { communityId: community.id }),
  });
  const open = useQuery({
    queryKey: ['hazards-of', community.id],
    queryFn: () =>
      api.get<{ items: HazardSummary[] }>('/hazards', {
        communityId: community.id,
        status: 'unclosed',
        limit: 10,
      }),
  });
  const rounds = useQuery({
    queryKey: ['rounds-of', community.id],
    queryFn: () =>
      api.get<{ items: Round[] }>('/inspections/rounds', { communityId: community.id, limit: 8 }),
    enabled: can('inspections.read'),
  });
  const closed =
    stats.data?.byGradeStatus.filter((g) => g.status === 'closed').reduce((n, g) => n + g.count, 0) ?? 0;
  return (
    <Flex vertical gap={12} data-testid="profile-hazards">
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Statistic
            title={t('profile.unclosed')}
            value={stats.data?.unclosed ?? 0}
            valueStyle={{ color: stats.data?.unclosed ? '#cf1322' : undefined }}
          />
        </Col>
        <Col xs={8}>
          <Statistic title={t('profile.due')} value={stats.data?.reinspectionDue ?? 0} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('profile.closed')} value={closed} />
        </Col>
      </Row>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={open.data?.items ?? []}
        locale={{ emptyText: t('profile.none') }}
        columns={[
          { title: t('field.title'), render: (_v, h) => <Link to={`/hazards/${h.id}`}>{h.title}</Link> },
          { title: t('field.grade'), render: (_v, h) => <GradeTag grade={h.grade} /> },
          { title: t('field.status'), render: (_v, h) => <HazardStatusTag status={h.status} /> },
          {
            title: t('field.responsibleUnit'),
            render: (_v, h) => h.responsibleUnit.name,
            responsive: ['md'],
          },
          { title: t('field.nextReinspectionOn'), dataIndex: 'nextReinspectionOn', responsive: ['md'] },
        ]}
      />
      {can('inspections.read') && (
        <>
          <Typography.Text strong>{t('profile.rounds')}</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rounds.data?.items ?? []}
            columns={[
              {
                title: t('inspections:round.target'),
                render: (_v, r) => <Link to={`/field/rounds/${r.id}`}>{r.target.name}</Link>,
              },
              { title: t('inspections:round.type'), render: (_v, r) => <PlanTypeTag type={r.plan.type} /> },
              { title: t('inspections:round.due'), dataIndex: 'dueOn' },
              {
                title: t('inspections:round.status'),
                render: (_v, r) => <RoundStatusTag status={r.status} overdue={r.overdue} />,
              },
              {
                title: t('inspections:round.finished'),
                render: (_v, r) => formatDateTime(r.finishedAt),
                responsive: ['md'],
              },
            ]}
          />
        </>
      )}
      <Link to={`/hazards?communityId=${community.id}&status=unclosed`}>
        <Button size="small">{t('profile.all')}</Button>
      </Link>
    </Flex>
  );
}
