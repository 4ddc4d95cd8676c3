import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Input, Row, Segmented, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { type AssetSummary, assetBadges, assetKinds, type assetStats } from '../../../contracts/assets';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import { AssetFormDrawer } from './AssetFormDrawer';
import { AssetImportModal } from './AssetImportModal';
import { AssetBadges, badgeColors, ConditionTag } from './tags';

/** The asset register, and with `badge=any` the district list of everything breaking a rule. */
export default function AssetListPage() {
  const { t } = useTranslation('assets');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filters = {
    streetId: params.get('streetId') ? Number(params.get('streetId')) : undefined,
    communityId: params.get('communityId') ? Number(params.get('communityId')) : undefined,
    kind: params.get('kind') ?? undefined,
    badge: params.get('badge') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const setFilter = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const list = useCursorPages<AssetSummary>('/assets', filters, 20);
  const stats = useQuery({
    queryKey: ['asset-stats', filters.streetId],
    queryFn: () => api.get<z.infer<typeof assetStats>>('/assets/stats', { streetId: filters.streetId }),
  });
  const places = usePlaces();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const manyStreets = (places.data?.streets.length ?? 0) > 1;
  const columns: ColumnsType<AssetSummary> = [
    {
      title: t('field.name'),
      render: (_v, a) => (
        <Flex vertical>
          <Link to={`/assets/${a.id}`} data-testid="asset-link">
            {a.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.code} · {a.community.name}
            {a.building ? ` ${a.building.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.kind'), render: (_v, a) => t(`kind.${a.kind}`) },
    ...(manyStreets
      ? [
          {
            title: t('field.street'),
            render: (_v: unknown, a: AssetSummary) => a.street.name,
            responsive: ['lg' as const],
          },
        ]
      : []),
    {
      title: t('field.maintainer'),
      render: (_v, a) => (
        <Flex vertical>
          <span>{a.maintainer.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`ownership.${a.ownership}`)}
          </Typography.Text>
        </Flex>
      ),
      responsive: ['md'],
    },
    {
      title: t('field.age'),
      render: (_v, a) => (a.ageYears === null ? '' : t('years', { count: a.ageYears })),
      responsive: ['lg'],
    },
    { title: t('field.lastMaintenanceOn'), dataIndex: 'lastMaintenanceOn', responsive: ['xl'] },
    {
      title: t('field.lastStatutoryInspectionOn'),
      dataIndex: 'lastStatutoryInspectionOn',
      responsive: ['xl'],
    },
    {
      title: t('field.condition'),
      render: (_v, a) => <ConditionTag condition={a.condition} />,
      responsive: ['md'],
    },
    { title: t('field.badges'), render: (_v, a) => <AssetBadges badges={a.badges} /> },
  ];
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            {can('assets.export') && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/assets/export.xlsx', filters)}
                data-testid="export-excel"
              >
                {t('common:exportExcel')}
              </Button>
            )}
            {can('assets.manage') && (
              <>
                <Button
                  icon={<UploadOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="asset-import"
                >
                  {t('import.title')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="asset-create"
                >
                  {t('create.title')}
                </Button>
              </>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic title={t('stats.total')} value={stats.data?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={4}>
          <Card size="small">
            <Statistic
              title={t('stats.elevatorsOld')}
              value={stats.data?.elevators.olderThan15 ?? 0}
              suffix={`/ ${stats.data?.elevators.total ?? 0}`}
            />
          </Card>
        </Col>
        {assetBadges.map((b) => (
          <Col xs={12} md={4} key={b}>
            <Card size="small" hoverable onClick={() => setFilter('badge', b)} data-testid={`stat-${b}`}>
              <Statistic
                title={t(`badge.${b}`)}
                value={stats.data?.badges.find((x) => x.badge === b)?.count ?? 0}
                valueStyle={{ color: badgeColors[b] === 'red' ? '#cf1322' : undefined }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented
            value={filters.badge ? 'alerts' : 'all'}
            onChange={(v) => setFilter('badge', v === 'alerts' ? 'any' : undefined)}
            options={[
              { value: 'all', label: t('list.all') },
              { value: 'alerts', label: t('list.alerts') },
            ]}
            data-testid="asset-alerts"
          />
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('list.search')}
            onSearch={(v) => setFilter('q', v.trim())}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('list.allKinds')}
            value={filters.kind}
            onChange={(v) => setFilter('kind', v)}
            options={assetKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            style={{ width: 170 }}
            data-testid="filter-kind"
          />
          {filters.badge && filters.badge !== 'any' && (
            <Select
              value={filters.badge}
              onChange={(v) => setFilter('badge', v)}
              options={assetBadges.map((b) => ({ value: b, label: t(`badge.${b}`) }))}
              style={{ width: 150 }}
            />
          )}
          {manyStreets && (
            <Select
              allowClear
              placeholder={t('list.allStreets')}
              value={filters.streetId}
              onChange={(v) => setFilter('streetId', v)}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 160 }}
            />
          )}
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            data-testid="asset-table"
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
      {creating && <AssetFormDrawer open onClose={() => setCreating(false)} />}
      {importing && <AssetImportModal open onClose={() => setImporting(false)} />}
    </>
  );
}
