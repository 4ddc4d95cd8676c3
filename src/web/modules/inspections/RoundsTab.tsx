import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Round } from '../../../contracts/inspections';
import { downloadUrl } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import { usePlans } from './api';
import { PlanTypeTag, RoundStatusTag } from './tags';

export function RoundsTab() {
  const { t } = useTranslation('inspections');
  const [filters, setFilters] = useState<{
    planId?: number;
    status?: string;
    streetId?: number;
    mine?: boolean;
  }>({
    status: 'open',
  });
  const list = useCursorPages<Round>('/inspections/rounds', filters, 20);
  const plans = usePlans();
  const places = usePlaces();
  const columns: ColumnsType<Round> = [
    {
      title: t('round.target'),
      render: (_v, r) => (
        <Flex vertical>
          <Link to={`/field/rounds/${r.id}`} data-testid="round-link">
            {r.target.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.plan.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('round.type'), render: (_v, r) => <PlanTypeTag type={r.plan.type} />, responsive: ['md'] },
    { title: t('round.street'), render: (_v, r) => r.street.name, responsive: ['lg'] },
    { title: t('round.team'), render: (_v, r) => r.team.name, responsive: ['xl'] },
    { title: t('round.due'), dataIndex: 'dueOn' },
    { title: t('round.status'), render: (_v, r) => <RoundStatusTag status={r.status} overdue={r.overdue} /> },
    {
      title: t('round.finished'),
      render: (_v, r) =>
        r.finishedAt ? (
          <Flex vertical>
            <span>{formatDateTime(r.finishedAt)}</span>
            <Typography.Text type={r.onTime ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
              {r.finishedBy} · {r.onTime ? t('round.onTime') : t('round.late')}
            </Typography.Text>
          </Flex>
        ) : null,
      responsive: ['md'],
    },
    {
      title: t('round.failed'),
      dataIndex: 'failedCount',
      align: 'right',
      render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
    },
  ];
  return (
    <Card>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('filter.allPlans')}
          value={filters.planId}
          onChange={(planId) => setFilters({ ...filters, planId })}
          options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          style={{ width: 220 }}
          data-testid="filter-plan"
        />
        <Select
          allowClear
          placeholder={t('filter.allStatuses')}
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status })}
          options={['open', 'overdue', 'pending', 'in_progress', 'done'].map((s) => ({
            value: s,
            label: t(`filter.status.${s}`),
          }))}
          style={{ width: 150 }}
          data-testid="filter-status"
        />
        {(places.data?.streets.length ?? 0) > 1 && (
          <Select
            allowClear
            placeholder={t('filter.allStreets')}
            value={filters.streetId}
            onChange={(streetId) => setFilters({ ...filters, streetId })}
            options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 160 }}
          />
        )}
        <Button
          icon={<DownloadOutlined />}
          href={downloadUrl('/inspections/rounds/export.xlsx', filters)}
          data-testid="export-excel"
        >
          {t('common:exportExcel')}
        </Button>
        <Flex gap={6} align="center">
          <Switch
            size="small"
            checked={Boolean(filters.mine)}
            onChange={(mine) => setFilters({ ...filters, mine: mine || undefined })}
            data-testid="filter-mine"
          />
          <Typography.Text>{t('filter.mine')}</Typography.Text>
        </Flex>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.isFetching}
          pagination={false}
          data-testid="round-table"
          scroll={{ x: true }}
        />
        <Pager
          page={list.page}
          total={list.total}
          hasNext={list.hasNext}
          onPrev={list.prev}
          onNext={list.next}
        />
      </QueryState>
    </Card>
  );
}
