import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Row, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { categoryTree } from '../../../contracts/duties';
import type { Plan } from '../../../contracts/inspections';
import { api } from '../../api/client';
import { showProblem } from '../../components/formErrors';
import { QueryState } from '../../components/QueryState';
import { usePlans } from './api';
import { PlanFormDrawer } from './PlanFormDrawer';
import { PlanTypeTag } from './tags';

export function useCategories() {
  return useQuery({
    queryKey: ['case-categories'],
    queryFn: () => api.get<z.infer<typeof categoryTree>>('/case-categories'),
    staleTime: 10 * 60_000,
  });
}

export function PlansTab() {
  const { t, i18n } = useTranslation('inspections');
  const { message } = App.useApp();
  const client = useQueryClient();
  const plans = usePlans();
  const categories = useCategories();
  const [creating, setCreating] = useState(false);
  const categoryName = (code: string) => {
    for (const top of categories.data?.items ?? [])
      for (const c of top.children) if (c.code === code) return i18n.language === 'en-US' ? c.nameEn : c.name;
    return code;
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['inspection-plans'] });
  const toggle = useMutation({
    mutationFn: (p: Plan) =>
      api.patch<Plan>(`/inspections/plans/${p.id}`, { version: p.version, active: !p.active }),
    onSuccess: () => void refresh(),
    onError: (err) => showProblem(err, null, message),
  });
  const generate = useMutation({
    mutationFn: (p: Plan) => api.post<{ created: number }>(`/inspections/plans/${p.id}/generate`),
    onSuccess: (r) => {
      message.success(t('plan.generated', { count: r.created }));
      void client.invalidateQueries({ queryKey: ['/inspections/rounds'] });
    },
    onError: (err) => showProblem(err, null, message),
  });
  const cadence = (p: Plan) =>
    p.cadence === 'once'
      ? t('plan.campaign', { start: p.startsOn, due: p.dueOn })
      : `${t(`cadence.${p.cadence}`)}${p.mixedUseCadence ? t('plan.mixedCadence', { cadence: t(`cadence.${p.mixedUseCadence}`) }) : ''}`;
  return (
    <QueryState loading={plans.isLoading} error={plans.error} retry={() => void plans.refetch()}>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        {plans.data?.abilities.create && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="plan-create"
          >
            {t('plan.create')}
          </Button>
        )}
      </Flex>
      {plans.data?.items.length === 0 && <Empty />}
      <Row gutter={[16, 16]}>
        {plans.data?.items.map((p) => (
          <Col xs={24} xl={12} key={p.id}>
            <Card
              title={
                <Flex gap={8} align="center" wrap>
                  <PlanTypeTag type={p.type} />
                  <span>{p.name}</span>
                  {!p.active && <Tag>{t('plan.inactive')}</Tag>}
                </Flex>
              }
              extra={
                p.abilities.edit && (
                  <Flex gap={8} align="center">
                    <Button
                      size="small"
                      icon={<ReloadOutlined />}
                      onClick={() => generate.mutate(p)}
                      data-testid="plan-generate"
                    >
                      {t('plan.generate')}
                    </Button>
                    <Switch
                      size="small"
                      checked={p.active}
                      onChange={() => toggle.mutate(p)}
                      aria-label={t('plan.active')}
                    />
                  </Flex>
                )
              }
              data-testid="plan-card"
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('plan.targets')}>
                  {t(`targetKind.${p.targetKind}`)} · {t('plan.targetCount', { count: p.targetCount })}
                </Descriptions.Item>
                <Descriptions.Item label={t('plan.cadence')}>{cadence(p)}</Descriptions.Item>
                <Descriptions.Item label={t('plan.team')}>{p.team.name}</Descriptions.Item>
                <Descriptions.Item label={t('plan.scope')}>
                  {p.street?.name ?? t('plan.districtWide')}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text type="secondary">
                {t('plan.checklist', { count: p.checklist.length })}
              </Typography.Text>
              <ol style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
                {p.checklist.map((c) => (
                  <li key={c.key}>
                    <Typography.Text>{c.text}</Typography.Text>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {categoryName(c.categoryCode)}
                      {c.createsCase ? ` · ${t('form.createsCase')}` : ''}
                    </Typography.Text>
                  </li>
                ))}
              </ol>
            </Card>
          </Col>
        ))}
      </Row>
      {creating && <PlanFormDrawer open onClose={() => setCreating(false)} />}
    </QueryState>
  );
}
