import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  type CommunitySummary,
  type HousingType,
  housingTypes,
  type ManagementMode,
  managementModes,
} from '../../../contracts/org';
import { downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatArea, formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { type CommunityFilters, usePlaces } from './api';
import { HousingTypeTag } from './tags';

const PAGE_SIZE = 20;

/** The community register: filters in the URL, keyset pages, Excel export of the filtered list. */
export default function CommunityListPage() {
  const { t } = useTranslation('org');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filters: CommunityFilters = {
    streetId: params.get('streetId') ? Number(params.get('streetId')) : undefined,
    housingType: (params.get('housingType') as HousingType) || undefined,
    managementMode: (params.get('managementMode') as ManagementMode) || undefined,
    q: params.get('q') || undefined,
  };
  const list = useCursorPages<CommunitySummary>('/communities', { ...filters }, PAGE_SIZE);
  const places = usePlaces();
  // a user of one street needs neither a street filter nor a street column
  const manyStreets = (places.data?.streets.length ?? 0) > 1;

  const setFilter = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };

  const columns: ColumnsType<CommunitySummary> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (_v, r) => (
        <Flex vertical>
          <Link to={`/communities/${r.id}`} data-testid="community-link">
            {r.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.address}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(manyStreets
      ? [
          {
            title: t('field.street'),
            render: (_v: unknown, r: CommunitySummary) => r.street.name,
            responsive: ['md' as const],
            onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
          },
        ]
      : []),
    { title: t('field.committee'), render: (_v, r) => r.committee?.name ?? '', responsive: ['lg'] },
    {
      title: t('field.housingType'),
      render: (_v, r) => (
        <Flex gap={4} wrap>
          <HousingTypeTag type={r.housingType} />
          {r.isMixedUse && <Tag color="volcano">{t('field.isMixedUse')}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('field.managementMode'),
      render: (_v, r) => t(`managementMode.${r.managementMode}`),
      responsive: ['md'],
    },
    { title: t('field.buildYear'), dataIndex: 'buildYear', align: 'right', responsive: ['lg'] },
    { title: t('field.households'), render: (_v, r) => formatNumber(r.households), align: 'right' },
    {
      title: t('field.floorAreaM2'),
      render: (_v, r) => formatArea(r.floorArea),
      align: 'right',
      responsive: ['xl'],
    },
    {
      title: t('field.propertyCompany'),
      render: (_v, r) =>
        r.propertyCompany?.name ?? (
          <Typography.Text type="secondary">{t('profile.noPropertyCompany')}</Typography.Text>
        ),
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle')}
        extra={
          can('org.export') && (
            <Button
              icon={<DownloadOutlined />}
              href={downloadUrl('/communities/export.xlsx', { ...filters })}
              data-testid="export-excel"
            >
              {t('common:exportExcel')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('list.searchPlaceholder')}
            prefix={<SearchOutlined />}
            onSearch={(v) => setFilter('q', v.trim())}
            style={{ width: 260 }}
            data-testid="filter-q"
          />
          {manyStreets && (
            <Select
              allowClear
              placeholder={t('list.allStreets')}
              value={filters.streetId}
              onChange={(v) => setFilter('streetId', v)}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 180 }}
              data-testid="filter-street"
            />
          )}
          <Select
            allowClear
            placeholder={t('list.allTypes')}
            value={filters.housingType}
            onChange={(v) => setFilter('housingType', v)}
            options={housingTypes.map((h) => ({ value: h, label: t(`housingType.${h}`) }))}
            style={{ width: 190 }}
            data-testid="filter-housing-type"
          />
          <Select
            allowClear
            placeholder={t('list.allModes')}
            value={filters.managementMode}
            onChange={(v) => setFilter('managementMode', v)}
            options={managementModes.map((m) => ({ value: m, label: t(`managementMode.${m}`) }))}
            style={{ width: 170 }}
            data-testid="filter-management-mode"
          />
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            locale={{ emptyText: t('list.empty') }}
            data-testid="community-table"
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
    </>
  );
}
