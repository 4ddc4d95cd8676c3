import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { HazardSummary } from '../../../contracts/hazards';
import type { Round } from '../../../contracts/inspections';
import { api } from '../../api/client';
import { useCan, useSession } from '../../api/session';
import { QueryState } from '../../components/QueryState';
import { GradeTag, HazardStatusTag } from '../hazards/tags';
import { PlanTypeTag } from './tags';

/** The field worker's start page: my open rounds by due date, and hazards waiting for my teams. */
export default function FieldHomePage() {
  const { t } = useTranslation('inspections');
  const navigate = useNavigate();
  const can = useCan();
  const { data: session } = useSession();
  const [tab, setTab] = useState<'rounds' | 'hazards'>('rounds');
  const rounds = useQuery({
    queryKey: ['field-rounds'],
    queryFn: () =>
      api.get<{ items: Round[]; total: number }>('/inspections/rounds', {
        mine: true,
        status: 'open',
        limit: 100,
      }),
    enabled: can('inspections.read'),
  });
  const hazards = useQuery({
    queryKey: ['field-hazards'],
    queryFn: () => api.get<{ items: HazardSummary[]; total: number }>('/hazards', { mine: true, limit: 50 }),
    enabled: can('hazards.read'),
  });
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {t('field.hello', { name: session?.user.displayName ?? '' })}
      </Typography.Text>
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as 'rounds' | 'hazards')}
        options={[
          { value: 'rounds', label: t('field.myRounds', { count: rounds.data?.total ?? 0 }) },
          { value: 'hazards', label: t('field.myHazards', { count: hazards.data?.total ?? 0 }) },
        ]}
        data-testid="field-tabs"
      />
      {tab === 'rounds' && (
        <QueryState loading={rounds.isLoading} error={rounds.error}>
          {rounds.data?.items.length === 0 && <Empty description={t('field.noRounds')} />}
          {rounds.data?.items.map((r) => (
            <Card
              key={r.id}
              size="small"
              hoverable
              onClick={() => navigate(`/field/rounds/${r.id}`)}
              data-testid={`round-card-${r.plan.type}`}
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <PlanTypeTag type={r.plan.type} />
                    {r.status === 'in_progress' && (
                      <Tag color="processing">{t('roundStatus.in_progress')}</Tag>
                    )}
                    {r.overdue && <Tag color="error">{t('round.overdue')}</Tag>}
                  </Flex>
                  <Typography.Text strong ellipsis>
                    {r.target.name}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.street.name} · {t('round.dueOn', { date: r.dueOn })} ·{' '}
                    {t('round.items', { count: r.itemCount })}
                  </Typography.Text>
                </Flex>
                <RightOutlined />
              </Flex>
            </Card>
          ))}
        </QueryState>
      )}
      {tab === 'hazards' && (
        <QueryState loading={hazards.isLoading} error={hazards.error}>
          {hazards.data?.items.length === 0 && <Empty description={t('field.noHazards')} />}
          {hazards.data?.items.map((h) => (
            <Card
              key={h.id}
              size="small"
              hoverable
              onClick={() => navigate(`/field/hazards/${h.id}`)}
              data-testid="field-hazard"
            >
              <Flex vertical gap={4}>
                <Flex gap={6} wrap>
                  <GradeTag grade={h.grade} />
                  <HazardStatusTag status={h.status} />
                </Flex>
                <Typography.Text strong>{h.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.community.name} · {h.number}
                </Typography.Text>
              </Flex>
            </Card>
          ))}
        </QueryState>
      )}
    </Flex>
  );
}
