import { DownloadOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, DatePicker, Flex, Input, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import {
  type bulkDispatchAnswer,
  type CaseQueue,
  type CaseSummary,
  caseStates,
  slaStates,
} from '../../../contracts/cases';
import { urgencies } from '../../../contracts/duties';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { useGrids, usePlaces } from '../org/api';
import { useQueueCounts } from './api';
import { CategoryPicker } from './CategoryPicker';
import { CaseStateTag, DueText, SlaTag, UrgencyTag } from './components';

const FILTER_KEYS = [
  'state',
  'categoryCode',
  'urgency',
  'sla',
  'streetId',
  'gridId',
  'q',
  'createdFrom',
  'createdTo',
  'sort',
] as const;

/** The case console: the caller's queues with counts, filters, SLA colours, bulk dispatch, Excel export. */
export default function CaseConsolePage() {
  const { t, i18n } = useTranslation('cases');
  const en = i18n.language === 'en-US';
  const can = useCan();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const counts = useQueueCounts();
  const places = usePlaces();
  const grids = useGrids(params.get('streetId') ? Number(params.get('streetId')) : undefined);
  const queue = (params.get('queue') as CaseQueue | null) ?? undefined;
  const filters: Record<string, string | undefined> = { queue };
  for (const key of FILTER_KEYS) filters[key] = params.get(key) ?? undefined;
  const list = useCursorPages<CaseSummary>('/cases', filters, 20);
  const [selected, setSelected] = useState<CaseSummary[]>([]);

  const set = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
    setSelected([]);
  };

  const bulk = useMutation({
    mutationFn: () =>
      api.post<z.infer<typeof bulkDispatchAnswer>>('/cases/bulk/dispatch', {
        items: selected.map((c) => ({ id: c.id, version: c.version })),
      }),
    onSuccess: (answer) => {
      const ok = answer.results.filter((r) => r.status === 200).length;
      const failed = answer.results.length - ok;
      if (failed) modal.warning({ title: t('console.bulkPartial', { ok, failed }) });
      else message.success(t('console.bulkDone', { count: ok }));
      setSelected([]);
      void client.invalidateQueries({ queryKey: ['/cases'] });
      void client.invalidateQueries({ queryKey: ['case-queues'] });
    },
  });

  const manyStreets = (places.data?.streets.length ?? 0) > 1;
  const tabs = [
    ...(can('cases.read') || can('cases.handle') ? [{ key: 'all', label: t('console.allCases') }] : []),
    ...(counts.data?.queues ?? []).map((q) => ({
      key: q.queue,
      label: (
        <Flex align="center" gap={6}>
          {t(`queue.${q.queue}`)}
          <Badge
            count={q.count}
            overflowCount={999}
            color={q.queue === 'overdue' ? '#cf1322' : q.queue === 'warning' ? '#d48806' : '#1f5fbf'}
            showZero={false}
          />
        </Flex>
      ),
    })),
  ];
  const activeTab = queue ?? (tabs[0]?.key === 'all' ? 'all' : tabs[0]?.key);
  const canBulk = can('cases.dispatch') && queue === 'to_dispatch';

  const columns: ColumnsType<CaseSummary> = [
    { title: '', width: 8, render: (_v, c) => <span className={`sla-bar sla-${c.sla ?? 'none'}`} /> },
    {
      title: t('field.title'),
      render: (_v, c) => (
        <Flex vertical>
          <Link to={`/cases/${c.id}`} data-testid="case-link">
            {c.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.number}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.category'),
      render: (_v, c) => (en ? c.category.nameEn : c.category.name),
      responsive: ['lg'],
    },
    {
      title: t('field.community'),
      render: (_v, c) => (
        <Flex vertical>
          <span>{c.community.name}</span>
          {manyStreets && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.street.name}
            </Typography.Text>
          )}
        </Flex>
      ),
      responsive: ['md'],
    },
    {
      title: t('field.state'),
      render: (_v, c) => (
        <Flex gap={4} wrap>
          <CaseStateTag state={c.state} />
          <UrgencyTag urgency={c.urgency} />
          {c.escalationLevel > 0 && (
            <Typography.Text type="danger">
              {t('console.escalated', { level: c.escalationLevel })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('field.dueAt'),
      render: (_v, c) =>
        c.stage ? (
          <Flex vertical>
            <span>
              {t(`stage.${c.stage}`)} <SlaTag sla={c.sla} />
            </span>
            <DueText at={c.stageDueAt} sla={c.sla} />
          </Flex>
        ) : null,
    },
    { title: t('field.lead'), render: (_v, c) => c.lead?.name ?? '', responsive: ['xl'] },
    {
      title: t('field.createdAt'),
      render: (_v, c) => formatDateTime(c.createdAt),
      responsive: ['xl'],
      width: 140,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('console.title')}
        subtitle={t('console.subtitle')}
        extra={
          <>
            {can('cases.export') && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/cases/export.xlsx', filters)}
                data-testid="cases-export"
              >
                {t('common:exportExcel')}
              </Button>
            )}
            {can('cases.report') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/cases/new')}
                data-testid="case-new"
              >
                {t('console.report')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={activeTab}
          items={tabs}
          onChange={(key) => set('queue', key === 'all' ? undefined : key)}
          data-testid="case-queues"
        />
        <Flex gap={10} wrap style={{ marginBottom: 14 }}>
          <Input.Search
            allowClear
            defaultValue={filters.q}
            placeholder={t('console.searchPlaceholder')}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 220 }}
          />
          <div style={{ width: 220 }}>
            <CategoryPicker
              allowGroups
              value={filters.categoryCode}
              onChange={(v) => set('categoryCode', v)}
              placeholder={t('console.allCategories')}
            />
          </div>
          <Select
            allowClear
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('console.allStates')}
            value={filters.state ? filters.state.split(',') : []}
            onChange={(v: string[]) => set('state', v.join(','))}
            options={caseStates.map((s) => ({ value: s, label: t(`state.${s}`) }))}
            style={{ width: 200 }}
            data-testid="filter-state"
          />
          <Select
            allowClear
            placeholder={t('console.allSla')}
            value={filters.sla}
            onChange={(v) => set('sla', v)}
            options={slaStates.map((s) => ({ value: s, label: t(`sla.${s}`) }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t('console.allUrgencies')}
            value={filters.urgency}
            onChange={(v) => set('urgency', v)}
            options={urgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
            style={{ width: 120 }}
          />
          {manyStreets && (
            <Select
              allowClear
              placeholder={t('org:list.allStreets')}
              value={filters.streetId ? Number(filters.streetId) : undefined}
              onChange={(v) => set('streetId', v)}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 160 }}
            />
          )}
          {(grids.data?.items.length ?? 0) > 0 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('console.allGrids')}
              value={filters.gridId ? Number(filters.gridId) : undefined}
              onChange={(v) => set('gridId', v)}
              options={(grids.data?.items ?? []).map((g) => ({
                value: g.id,
                label: manyStreets ? `${g.street.name} · ${g.name}` : g.name,
              }))}
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
              data-testid="case-grid-filter"
            />
          )}
          <DatePicker.RangePicker
            onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
              const next = new URLSearchParams(params);
              for (const [key, day] of [
                ['createdFrom', range?.[0]],
                ['createdTo', range?.[1]],
              ] as const) {
                if (day) next.set(key, day.format('YYYY-MM-DD'));
                else next.delete(key);
              }
              setParams(next, { replace: true });
            }}
          />
          <Select
            value={filters.sort ?? 'newest'}
            onChange={(v) => set('sort', v === 'newest' ? undefined : v)}
            options={[
              { value: 'newest', label: t('console.sortNewest') },
              { value: 'due', label: t('console.sortDue') },
            ]}
            style={{ width: 150 }}
          />
        </Flex>
        {canBulk && selected.length > 0 && (
          <Flex align="center" gap={12} style={{ marginBottom: 12 }}>
            <Typography.Text>{t('console.selected', { count: selected.length })}</Typography.Text>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={bulk.isPending}
              onClick={() => bulk.mutate()}
              data-testid="bulk-dispatch"
            >
              {t('console.bulkDispatch')}
            </Button>
          </Flex>
        )}
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            rowSelection={
              canBulk
                ? { selectedRowKeys: selected.map((c) => c.id), onChange: (_k, rows) => setSelected(rows) }
                : undefined
            }
            locale={{ emptyText: t('console.empty') }}
            data-testid="case-table"
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
