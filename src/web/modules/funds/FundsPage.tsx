import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  developerShareStatuses,
  entryKinds,
  fundSchemes,
  RECOLLECTION_MAX_YEARS,
  recollectionScopes,
} from '../../../contracts/funds';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import { CommunitySelect, day, Money, showProblem, todayPicker, toFen, YuanInput } from '../owners/common';
import type { VoteSummary } from '../votes/api';
import type { Campaign, CampaignDetail, DepletionAlert, Entry, FundCommunitySummary } from './api';
import { BalancePercent, EntryDrawer } from './components';

const tabs = ['communities', 'alerts', 'recollections', 'journal'] as const;

/** The maintenance fund: balances per community, depletion alerts, re-collection campaigns, the journal. */
export default function FundsPage() {
  const { t } = useTranslation('funds');
  const [params, setParams] = useSearchParams();
  const tab = (tabs as readonly string[]).includes(params.get('tab') ?? '')
    ? params.get('tab')!
    : 'communities';
  return (
    <>
      <PageHeader title={t('ledger.title')} subtitle={t('ledger.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'communities', label: t('ledger.tabCommunities'), children: <CommunitiesTab /> },
            { key: 'alerts', label: t('ledger.tabAlerts'), children: <AlertsTab /> },
            { key: 'recollections', label: t('ledger.tabRecollections'), children: <CampaignsTab /> },
            { key: 'journal', label: t('ledger.tabJournal'), children: <JournalTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function StreetSelect({ value, onChange }: { value?: number; onChange: (v?: number) => void }) {
  const { t } = useTranslation('funds');
  const places = usePlaces();
  if ((places.data?.streets.length ?? 0) < 2) return null;
  return (
    <Select
      allowClear
      placeholder={t('ledger.allStreets')}
      value={value}
      onChange={onChange}
      options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
      style={{ width: 160 }}
    />
  );
}

function CommunitiesTab() {
  const { t } = useTranslation('funds');
  const can = useCan();
  const [filters, setFilters] = useState<{
    streetId?: number;
    depleted?: string;
    developerShareStatus?: string;
    scheme?: string;
  }>({});
  const list = useCursorPages<FundCommunitySummary>('/funds/communities', filters, 20);
  const columns: ColumnsType<FundCommunitySummary> = [
    {
      title: t('field.community'),
      render: (_v, c) => (
        <Flex vertical>
          <Link to={`/funds/${c.community.id}`} data-testid="fund-community-link">
            {c.community.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.street.name} · {t(`scheme.${c.scheme}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.balance'), render: (_v, c) => <Money fen={c.balanceFen} strong />, align: 'right' },
    {
      title: t('field.firstDeposit'),
      render: (_v, c) => <Money fen={c.firstDepositFen} />,
      align: 'right',
      responsive: ['lg'],
    },
    {
      title: t('field.balancePercent'),
      render: (_v, c) => <BalancePercent percent={c.balancePercent} depleted={c.depleted} />,
    },
    {
      title: t('ledger.flags'),
      render: (_v, c) => (
        <Flex gap={4} wrap>
          {c.depleted && <Tag color="red">{t('ledger.depletedTag')}</Tag>}
          {c.depletedUnits > 0 && (
            <Tag color="orange">{t('ledger.depletedUnits', { count: c.depletedUnits })}</Tag>
          )}
          {c.developerShareStatus === 'uncollected' && (
            <Tag color="volcano">{t('developerShare.uncollected')}</Tag>
          )}
          {c.developerShareStatus === 'backfilled' && <Tag>{t('developerShare.backfilled')}</Tag>}
          {c.mergedOn && <Tag color="blue">{t('ledger.merged', { date: c.mergedOn })}</Tag>}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          <StreetSelect value={filters.streetId} onChange={(v) => setFilters({ ...filters, streetId: v })} />
          <Select
            allowClear
            placeholder={t('ledger.allSchemes')}
            value={filters.scheme}
            onChange={(v) => setFilters({ ...filters, scheme: v })}
            options={fundSchemes.map((s) => ({ value: s, label: t(`scheme.${s}`) }))}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('ledger.depletion')}
            value={filters.depleted}
            onChange={(v) => setFilters({ ...filters, depleted: v })}
            options={[
              { value: 'true', label: t('ledger.onlyDepleted') },
              { value: 'false', label: t('ledger.notDepleted') },
            ]}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('field.developerShareStatus')}
            value={filters.developerShareStatus}
            onChange={(v) => setFilters({ ...filters, developerShareStatus: v })}
            options={developerShareStatuses.map((s) => ({ value: s, label: t(`developerShare.${s}`) }))}
            style={{ width: 220 }}
          />
        </Flex>
        {can('funds.export') && (
          <Button
            icon={<DownloadOutlined />}
            href={downloadUrl('/funds/communities/export.xlsx', { ...filters })}
          >
            {t('common:exportExcel')}
          </Button>
        )}
      </Flex>
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        <Table
          rowKey={(c) => c.community.id}
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.isFetching}
          pagination={false}
          data-testid="fund-community-table"
        />
        <Pager
          page={list.page}
          total={list.total}
          hasNext={list.hasNext}
          onPrev={list.prev}
          onNext={list.next}
        />
      </QueryState>
    </>
  );
}

function AlertsTab() {
  const { t } = useTranslation('funds');
  const [filters, setFilters] = useState<{ status?: string; streetId?: number }>({ status: 'open' });
  const list = useCursorPages<DepletionAlert>('/funds/alerts', filters, 20);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('alerts.help')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <StreetSelect value={filters.streetId} onChange={(v) => setFilters({ ...filters, streetId: v })} />
        <Select
          allowClear
          placeholder={t('alerts.allStatuses')}
          value={filters.status}
          onChange={(v) => setFilters({ ...filters, status: v })}
          options={(['open', 'resolved'] as const).map((s) => ({ value: s, label: t(`alerts.status.${s}`) }))}
          style={{ width: 140 }}
        />
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.isFetching}
        pagination={false}
        data-testid="fund-alert-table"
        columns={[
          {
            title: t('field.community'),
            render: (_v, a) => <Link to={`/funds/${a.community.id}`}>{a.community.name}</Link>,
          },
          { title: t('alerts.detectedOn'), dataIndex: 'detectedOn' },
          { title: t('field.balance'), render: (_v, a) => <Money fen={a.balanceFen} />, align: 'right' },
          {
            title: t('field.firstDeposit'),
            render: (_v, a) => <Money fen={a.firstDepositFen} />,
            align: 'right',
          },
          {
            title: t('field.balancePercent'),
            render: (_v, a) => (
              <BalancePercent
                percent={a.firstDepositFen ? ((a.balanceFen / a.firstDepositFen) * 100).toFixed(1) : '0'}
                depleted
              />
            ),
          },
          { title: t('field.depletedUnits'), dataIndex: 'depletedUnits', align: 'right' },
          {
            title: t('field.status'),
            render: (_v, a) => (
              <Tag color={a.status === 'open' ? 'red' : 'green'}>
                {t(`alerts.status.${a.status}`)}
                {a.resolvedOn ? ` ${a.resolvedOn}` : ''}
              </Tag>
            ),
          },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </>
  );
}

export function CampaignProgress({ c }: { c: Campaign }) {
  const { t } = useTranslation('funds');
  return (
    <Flex vertical style={{ minWidth: 180 }}>
      <Progress percent={Number(c.percent)} size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('recollection.households', { paid: c.paidHouseholds, total: c.households })}
      </Typography.Text>
    </Flex>
  );
}

function CampaignsTab() {
  const { t } = useTranslation('funds');
  const can = useCan();
  const [filters, setFilters] = useState<{ communityId?: number; status?: string }>({});
  const list = useCursorPages<Campaign>('/funds/recollections', filters, 20);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('recollection.help', { years: RECOLLECTION_MAX_YEARS })}
      </Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          <CommunitySelect
            allowClear
            value={filters.communityId}
            onChange={(v) => setFilters({ ...filters, communityId: v })}
          />
          <Select
            allowClear
            placeholder={t('recollection.allStatuses')}
            value={filters.status}
            onChange={(v) => setFilters({ ...filters, status: v })}
            options={(['active', 'completed', 'cancelled'] as const).map((s) => ({
              value: s,
              label: t(`campaignStatus.${s}`),
            }))}
            style={{ width: 140 }}
          />
        </Flex>
        {can('recollection.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('recollection.create')}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        dataSource={list.items}
        loading={list.isFetching}
        pagination={false}
        locale={{ emptyText: t('recollection.empty') }}
        columns={[
          {
            title: t('recollection.campaign'),
            render: (_v, c) => (
              <Flex vertical>
                <Link to={`/funds/recollections/${c.id}`}>{c.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.community.name} · {t(`scope.${c.scope}`)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('recollection.period'),
            render: (_v, c) => `${c.startOn} – ${c.deadlineOn}`,
            responsive: ['md'],
          },
          {
            title: t('recollection.paidOfDue'),
            render: (_v, c) => (
              <span>
                <Money fen={c.paidFen} /> / <Money fen={c.dueFen} />
              </span>
            ),
            align: 'right',
          },
          { title: t('recollection.progress'), render: (_v, c) => <CampaignProgress c={c} /> },
          {
            title: t('field.status'),
            render: (_v, c) => (
              <Tag color={c.status === 'active' ? 'blue' : c.status === 'completed' ? 'green' : 'default'}>
                {t(`campaignStatus.${c.status}`)}
              </Tag>
            ),
          },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
      {creating && <CreateCampaignModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateCampaignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const communityId = Form.useWatch('communityId', form) as number | undefined;
  const votes = useQuery({
    queryKey: ['raise-fund-votes', communityId],
    queryFn: () =>
      api.get<{ items: VoteSummary[] }>('/votes', {
        communityId,
        matterType: 'raise_fund',
        status: 'closed',
        limit: 50,
      }),
    enabled: Boolean(communityId),
  });
  const save = useMutation({
    mutationFn: (v: {
      communityId: number;
      voteId: number;
      title: string;
      scope: string;
      rateYuan: number;
      startOn: Dayjs;
      deadlineOn: Dayjs;
      instalments: number;
    }) =>
      api.post<CampaignDetail>('/funds/recollections', {
        communityId: v.communityId,
        voteId: v.voteId,
        title: v.title,
        scope: v.scope,
        rateFenPerM2: toFen(v.rateYuan),
        startOn: day(v.startOn),
        deadlineOn: day(v.deadlineOn),
        instalments: v.instalments,
      }),
    onSuccess: (c) => {
      message.success(t('common:saved'));
      navigate(`/funds/recollections/${c.id}`);
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={600}
      title={t('recollection.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          scope: 'depleted_units',
          startOn: todayPicker(),
          deadlineOn: todayPicker().add(RECOLLECTION_MAX_YEARS, 'year').subtract(1, 'day'),
          instalments: 6,
        }}
      >
        <Form.Item name="communityId" label={t('field.community')} rules={required}>
          <CommunitySelect width="100%" />
        </Form.Item>
        <Form.Item
          name="voteId"
          label={t('recollection.vote')}
          rules={required}
          extra={t('recollection.voteHelp')}
        >
          <Select
            options={(votes.data?.items ?? [])
              .filter((v) => v.passed)
              .map((v) => ({ value: v.id, label: `${v.title} (${v.openedOn ?? ''})` }))}
            notFoundContent={t('recollection.noVote')}
          />
        </Form.Item>
        <Form.Item name="title" label={t('recollection.campaign')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="scope" label={t('recollection.scope')} style={{ minWidth: 200 }}>
            <Select options={recollectionScopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))} />
          </Form.Item>
          <Form.Item name="rateYuan" label={t('recollection.rate')} rules={required} style={{ width: 160 }}>
            <YuanInput />
          </Form.Item>
          <Form.Item name="instalments" label={t('recollection.instalments')} style={{ width: 110 }}>
            <InputNumber min={1} max={36} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="startOn" label={t('recollection.startOn')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="deadlineOn" label={t('recollection.deadlineOn')} rules={required}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function JournalTab() {
  const { t } = useTranslation('funds');
  const [filters, setFilters] = useState<{ communityId?: number; kind?: string }>({});
  const list = useCursorPages<Entry>('/funds/entries', filters, 20);
  const [entryId, setEntryId] = useState<number | null>(null);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('journal.help')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <CommunitySelect
          allowClear
          value={filters.communityId}
          onChange={(v) => setFilters({ ...filters, communityId: v })}
        />
        <Select
          allowClear
          placeholder={t('journal.allKinds')}
          value={filters.kind}
          onChange={(v) => setFilters({ ...filters, kind: v })}
          options={entryKinds.map((k) => ({ value: k, label: t(`entryKind.${k}`) }))}
          style={{ width: 180 }}
        />
      </Flex>
      <JournalTable list={list} onEntry={setEntryId} />
      {entryId !== null && <EntryDrawer entryId={entryId} onClose={() => setEntryId(null)} />}
    </>
  );
}

export function JournalTable({
  list,
  onEntry,
  hideCommunity,
}: {
  list: ReturnType<typeof useCursorPages<Entry>>;
  onEntry: (id: number) => void;
  hideCommunity?: boolean;
}) {
  const { t } = useTranslation('funds');
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        dataSource={list.items}
        loading={list.isFetching}
        pagination={false}
        data-testid="journal-table"
        onRow={(e) => ({ onClick: () => onEntry(e.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('journal.date'), dataIndex: 'entryDate', width: 110 },
          ...(hideCommunity
            ? []
            : [{ title: t('field.community'), render: (_v: unknown, e: Entry) => e.community.name }]),
          { title: t('journal.kind'), render: (_v, e) => t(`entryKind.${e.kind}`) },
          { title: t('journal.memo'), dataIndex: 'memo' },
          { title: t('journal.total'), render: (_v, e) => <Money fen={e.totalFen} />, align: 'right' },
          { title: t('journal.lines'), dataIndex: 'lineCount', align: 'right', responsive: ['md'] },
          {
            title: t('journal.recorded'),
            render: (_v, e) => formatDateTime(e.createdAt),
            responsive: ['lg'],
          },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
    </>
  );
}
