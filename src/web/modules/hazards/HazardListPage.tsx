import { DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type HazardSummary, hazardGrades, hazardStatuses } from '../../../contracts/hazards';
import { downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import { HazardFormDrawer } from './HazardFormDrawer';
import { SettingsModal } from './SettingsModal';
import { GradeTag, HazardStatusTag } from './tags';

/** The hazard register: every hazard with grade, responsible unit and person, status and the next re-inspection. */
export default function HazardListPage() {
  const { t, i18n } = useTranslation('hazards');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filters = {
    status: params.get('status') ?? 'unclosed',
    grade: params.get('grade') ?? undefined,
    streetId: params.get('streetId') ? Number(params.get('streetId')) : undefined,
    communityId: params.get('communityId') ? Number(params.get('communityId')) : undefined,
    reinspectionDue: params.get('reinspectionDue') === 'true' || undefined,
    mine: params.get('mine') === 'true' || undefined,
    q: params.get('q') ?? undefined,
  };
  const setFilter = (key: string, value: string | number | boolean | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '' || value === false) next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };
  const list = useCursorPages<HazardSummary>('/hazards', filters, 20);
  const places = usePlaces();
  const [creating, setCreating] = useState(false);
  const [settings, setSettings] = useState(false);
  const columns: ColumnsType<HazardSummary> = [
    {
      title: t('field.title'),
      render: (_v, h) => (
        <Flex vertical>
          <Link to={`/hazards/${h.id}`} data-testid="hazard-link">
            {h.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.number} · {h.community.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.grade'), render: (_v, h) => <GradeTag grade={h.grade} /> },
    { title: t('field.status'), render: (_v, h) => <HazardStatusTag status={h.status} /> },
    {
      title: t('field.category'),
      render: (_v, h) => (i18n.language === 'en-US' ? h.category.nameEn : h.category.name),
      responsive: ['lg'],
    },
    {
      title: t('field.responsibleUnit'),
      render: (_v, h) => (
        <Flex vertical>
          <span>{h.responsibleUnit.name}</span>
          {h.responsiblePerson && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h.responsiblePerson}
            </Typography.Text>
          )}
        </Flex>
      ),
      responsive: ['md'],
    },
    { title: t('field.repairTeam'), render: (_v, h) => h.repairTeam?.name ?? '', responsive: ['xl'] },
    {
      title: t('field.foundAt'),
      render: (_v, h) => formatDateTime(h.foundAt),
      responsive: ['lg'],
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    {
      title: t('field.nextReinspectionOn'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_v, h) =>
        h.nextReinspectionOn && (
          <Typography.Text type={h.reinspectionDue ? 'danger' : undefined}>
            {h.nextReinspectionOn}
          </Typography.Text>
        ),
    },
    {
      title: t('field.case'),
      render: (_v, h) => h.case && <Link to={`/cases/${h.case.id}`}>{h.case.number}</Link>,
      responsive: ['xl'],
      onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <>
            <Button
              icon={<SettingOutlined />}
              onClick={() => setSettings(true)}
              data-testid="hazard-settings"
            >
              {t('settings.title')}
            </Button>
            {can('hazards.export') && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/hazards/export.xlsx', filters)}
                data-testid="export-excel"
              >
                {t('common:exportExcel')}
              </Button>
            )}
            {can('hazards.report') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="hazard-create"
              >
                {t('create.title')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('filter.search')}
            onSearch={(v) => setFilter('q', v.trim())}
            style={{ width: 220 }}
          />
          <Select
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={[
              { value: 'unclosed', label: t('filter.unclosed') },
              ...hazardStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
            style={{ width: 140 }}
            data-testid="filter-status"
          />
          <Select
            allowClear
            placeholder={t('filter.allGrades')}
            value={filters.grade}
            onChange={(v) => setFilter('grade', v)}
            options={hazardGrades.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
            style={{ width: 120 }}
          />
          {(places.data?.streets.length ?? 0) > 1 && (
            <Select
              allowClear
              placeholder={t('filter.allStreets')}
              value={filters.streetId}
              onChange={(v) => setFilter('streetId', v)}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 160 }}
            />
          )}
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={Boolean(filters.reinspectionDue)}
              onChange={(v) => setFilter('reinspectionDue', v)}
            />
            <span>{t('filter.reinspectionDue')}</span>
          </Flex>
          <Flex gap={6} align="center">
            <Switch
              size="small"
              checked={Boolean(filters.mine)}
              onChange={(v) => setFilter('mine', v)}
              data-testid="filter-mine"
            />
            <span>{t('filter.mine')}</span>
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
            locale={{ emptyText: t('list.empty') }}
            data-testid="hazard-table"
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
      {creating && <HazardFormDrawer open onClose={() => setCreating(false)} />}
      {settings && <SettingsModal open onClose={() => setSettings(false)} />}
    </>
  );
}
