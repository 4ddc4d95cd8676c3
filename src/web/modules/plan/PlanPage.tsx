import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Progress, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { type planOverview, planPhases, type TaskState, taskStates } from '../../../contracts/plan';
import { api, downloadUrl } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

export type PlanOverview = z.infer<typeof planOverview>;
export type PlanTask = PlanOverview['tasks'][number];
type Unit = { kind: string; refId: number; name: string; nameEn: string };

export const stateColors: Record<TaskState, string> = {
  not_started: 'default',
  in_progress: 'processing',
  completed: 'gold',
  returned: 'volcano',
  accepted: 'success',
};

/** The unit's name in the shown language. */
export function useUnitName() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (u: Unit) => (en ? u.nameEn : u.name);
}

export function TaskStateTag({ task }: { task: Pick<PlanTask, 'state' | 'overdue'> }) {
  const { t } = useTranslation('plan');
  return (
    <Flex gap={4} wrap>
      <Tag color={stateColors[task.state]}>{t(`state.${task.state}`)}</Tag>
      {task.overdue && <Tag color="red">{t('overdue')}</Tag>}
    </Flex>
  );
}

const unitQuery = (key?: string) => {
  if (!key) return {};
  const [kind, id] = key.split(':');
  return { [kind === 'department' ? 'departmentId' : kind === 'street' ? 'streetId' : 'organizationId']: id };
};

/** The whole district plan: phases, tasks with their units and progress, progress by unit. */
export default function PlanPage() {
  const { t, i18n } = useTranslation('plan');
  const en = i18n.language === 'en-US';
  const unitName = useUnitName();
  const [filters, setFilters] = useState<{ unit?: string; phase?: string; state?: string }>({});
  const query = { ...unitQuery(filters.unit), phase: filters.phase, state: filters.state };
  const all = useQuery({
    queryKey: ['/plan/tasks', {}],
    queryFn: () => api.get<PlanOverview>('/plan/tasks'),
  });
  const list = useQuery({
    queryKey: ['/plan/tasks', query],
    queryFn: () => api.get<PlanOverview>('/plan/tasks', query),
  });
  const plan = list.data;
  const overall = all.data;
  const units = overall?.byUnit ?? [];
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <QueryState loading={all.isLoading} error={all.error}>
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {overall?.phases.map((p) => {
            const s = overall.byPhase.find((x) => x.phase === p.code);
            return (
              <Col xs={24} md={8} key={p.code}>
                <Card size="small" data-testid={`plan-phase-${p.code}`}>
                  <Flex justify="space-between" align="center">
                    <Typography.Text strong>{t(`phase.${p.code}`)}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('phaseDates', { from: p.startsOn, to: p.endsOn })}
                    </Typography.Text>
                  </Flex>
                  <Progress percent={s?.percent ?? 0} />
                  <Typography.Text type="secondary">
                    {t('summary.tasks', { count: s?.tasks ?? 0 })} ·{' '}
                    {t('summary.accepted', { count: s?.accepted ?? 0 })}
                  </Typography.Text>
                </Card>
              </Col>
            );
          })}
        </Row>
      </QueryState>
      <Card
        title={t('tasksTitle')}
        style={{ marginBottom: 16 }}
        extra={
          <Flex gap={8} wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('filter.unit')}
              style={{ width: 220 }}
              value={filters.unit}
              onChange={(unit) => setFilters({ ...filters, unit })}
              options={units.map((u) => ({ value: `${u.kind}:${u.refId}`, label: unitName(u) }))}
              data-testid="plan-filter-unit"
            />
            <Select
              allowClear
              placeholder={t('filter.phase')}
              style={{ width: 170 }}
              value={filters.phase}
              onChange={(phase) => setFilters({ ...filters, phase })}
              options={planPhases.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
            />
            <Select
              allowClear
              placeholder={t('filter.state')}
              style={{ width: 150 }}
              value={filters.state}
              onChange={(state) => setFilters({ ...filters, state })}
              options={taskStates.map((s) => ({ value: s, label: t(`state.${s}`) }))}
            />
            <Button icon={<DownloadOutlined />} href={downloadUrl('/plan/tasks/export.xlsx', query)}>
              {t('common:exportExcel')}
            </Button>
          </Flex>
        }
      >
        <QueryState loading={list.isLoading} error={list.error}>
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={plan?.tasks ?? []}
            data-testid="plan-tasks"
            scroll={{ x: true }}
            columns={[
              { title: t('field.clause'), dataIndex: 'clause', width: 90 },
              {
                title: t('field.task'),
                render: (_v, x: PlanTask) => (
                  <Flex vertical>
                    <Typography.Text>{en ? x.titleEn : x.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`phase.${x.phase}`)} · {x.dueOn}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('field.lead'),
                render: (_v, x: PlanTask) =>
                  x.units
                    .filter((u) => u.role === 'lead')
                    .map((u) => unitName(u))
                    .join(en ? ', ' : '、'),
                responsive: ['md'],
              },
              {
                title: t('field.co'),
                render: (_v, x: PlanTask) => x.units.filter((u) => u.role === 'co').length,
                align: 'right',
                responsive: ['lg'],
              },
              {
                title: t('field.percent'),
                width: 160,
                render: (_v, x: PlanTask) => <Progress percent={x.percent} size="small" />,
              },
              { title: t('field.state'), width: 150, render: (_v, x: PlanTask) => <TaskStateTag task={x} /> },
            ]}
          />
        </QueryState>
      </Card>
      <Card title={t('byUnit.title')}>
        <Table
          rowKey={(u) => `${u.kind}:${u.refId}`}
          size="small"
          pagination={false}
          dataSource={plan?.byUnit ?? []}
          data-testid="plan-units"
          scroll={{ x: true }}
          columns={[
            {
              title: t('byUnit.unit'),
              render: (_v, u) => (
                <Flex gap={8} align="center">
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => setFilters({ ...filters, unit: `${u.kind}:${u.refId}` })}
                  >
                    {unitName(u)}
                  </Button>
                  <Tag>{t(`unitKind.${u.kind}`)}</Tag>
                </Flex>
              ),
            },
            { title: t('byUnit.tasks'), dataIndex: 'tasks', align: 'right' },
            { title: t('byUnit.lead'), dataIndex: 'lead', align: 'right' },
            { title: t('byUnit.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('byUnit.accepted'), dataIndex: 'accepted', align: 'right' },
            {
              title: t('byUnit.percent'),
              width: 200,
              render: (_v, u) => <Progress percent={u.percent} size="small" />,
            },
          ]}
        />
      </Card>
    </>
  );
}
