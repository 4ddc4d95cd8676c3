import {
  ArrowLeftOutlined,
  DownloadOutlined,
  DownOutlined,
  MinusCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Dropdown,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  COMMERCIAL_RATE_BP,
  developerShareStatuses,
  fundSchemes,
  withdrawalReasons,
} from '../../../contracts/funds';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { EChart } from '../../components/EChart';
import { formatArea, formatFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { useCommunity } from '../org/api';
import { day, Money, showProblem, todayPicker, toFen, YuanInput } from '../owners/common';
import {
  type Entry,
  type FundCommunityDetail,
  type FundUnit,
  type FundUseSummary,
  useCommunityFund,
  useFundHistory,
} from './api';
import { BalancePercent, EntryDrawer, FundUseStatusTag, StatementDrawer } from './components';
import { JournalTable } from './FundsPage';

type Posting = 'setup' | 'deposit' | 'interest' | 'withdraw' | 'backfill' | 'merge';

/** One community's maintenance fund: balances by type, building and unit, history, journal, uses. */
export default function FundCommunityPage() {
  const { communityId: idParam } = useParams();
  const communityId = Number(idParam);
  const { t } = useTranslation('funds');
  const navigate = useNavigate();
  const can = useCan();
  const fund = useCommunityFund(communityId);
  const [posting, setPosting] = useState<Posting | null>(null);
  const [entryId, setEntryId] = useState<number | null>(null);
  const journal = useCursorPages<Entry>('/funds/entries', { communityId }, 10);
  const uses = useCursorPages<FundUseSummary>('/fund-uses', { communityId }, 10);
  const d = fund.data;
  const postings = d
    ? (['setup', 'deposit', 'interest', 'withdraw', 'backfill', 'merge'] as const).filter(
        (p) => d.abilities[p],
      )
    : [];

  return (
    <QueryState loading={fund.isLoading} error={fund.error} retry={() => void fund.refetch()}>
      {d && (
        <>
          <PageHeader
            title={d.community.name}
            subtitle={`${t('ledger.title')} · ${d.street.name}`}
            tags={
              <>
                <Tag>{t(`scheme.${d.scheme}`)}</Tag>
                {d.depleted && <Tag color="red">{t('ledger.depletedTag')}</Tag>}
                {d.developerShareStatus !== 'not_applicable' && (
                  <Tag color={d.developerShareStatus === 'uncollected' ? 'volcano' : 'default'}>
                    {t(`developerShare.${d.developerShareStatus}`)}
                  </Tag>
                )}
                {d.mergedOn && <Tag color="blue">{t('ledger.merged', { date: d.mergedOn })}</Tag>}
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                <Button onClick={() => navigate(`/communities/${communityId}`)}>
                  {t('community.profile')}
                </Button>
                {d.abilities.requestUse && (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => navigate(`/fund-uses?create=${communityId}`)}
                  >
                    {t('action.create')}
                  </Button>
                )}
                {postings.length > 0 && (
                  <Dropdown
                    menu={{
                      items: postings.map((p) => ({
                        key: p,
                        label: <span data-testid={`posting-${p}`}>{t(`community.posting.${p}`)}</span>,
                        onClick: () => setPosting(p),
                      })),
                    }}
                  >
                    <Button data-testid="fund-postings">
                      {t('community.postings')} <DownOutlined />
                    </Button>
                  </Dropdown>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic
                  title={t('field.balance')}
                  value={formatFen(d.balanceFen)}
                  data-testid="fund-balance"
                />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic title={t('field.firstDeposit')} value={formatFen(d.firstDepositFen)} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Typography.Text type="secondary">{t('field.balancePercent')}</Typography.Text>
                <BalancePercent percent={d.balancePercent} depleted={d.depleted} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('community.depletionLine')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card size="small">
                <Statistic title={t('field.depletedUnits')} value={d.depletedUnits} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('community.bankBalance', { amount: formatFen(d.bankBalanceFen) })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <Card title={t('community.history')}>
                <BalanceChart communityId={communityId} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card title={t('community.byType')}>
                <Table
                  rowKey="fundType"
                  size="small"
                  pagination={false}
                  dataSource={d.byFundType}
                  columns={[
                    { title: t('community.fundType'), render: (_v, r) => t(`fundType.${r.fundType}`) },
                    {
                      title: t('field.balance'),
                      render: (_v, r) => <Money fen={r.balanceFen} />,
                      align: 'right',
                    },
                  ]}
                />
                {d.constructionCostFenPerM2 && d.depositRateBp && (
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
                    {t('community.standard', {
                      cost: formatFen(d.constructionCostFenPerM2),
                      rate: (d.depositRateBp / 100).toFixed(2),
                    })}
                  </Typography.Paragraph>
                )}
                {d.alerts.length > 0 && (
                  <Alert
                    type={d.alerts.some((a) => a.status === 'open') ? 'error' : 'info'}
                    showIcon
                    title={t('community.alerts', {
                      count: d.alerts.filter((a) => a.status === 'open').length,
                    })}
                    description={d.alerts.map((a) => (
                      <div key={a.id}>
                        {a.detectedOn} · {t(`alerts.status.${a.status}`)} · <Money fen={a.balanceFen} />
                      </div>
                    ))}
                  />
                )}
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('community.buildings')}>
                <Table
                  rowKey={(b) => b.building.id}
                  size="small"
                  pagination={false}
                  dataSource={d.buildings}
                  columns={[
                    { title: t('field.building'), render: (_v, b) => b.building.name },
                    {
                      title: t('field.balance'),
                      render: (_v, b) => <Money fen={b.balanceFen} />,
                      align: 'right',
                    },
                    ...(d.scheme === 'sold_public'
                      ? [
                          {
                            title: t('community.sellerShare'),
                            render: (_v: unknown, b: FundCommunityDetail['buildings'][number]) => (
                              <Money fen={b.sellerShareFen} />
                            ),
                            align: 'right' as const,
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            </Col>
            <Col span={24}>
              <UnitsCard fund={d} />
            </Col>
            <Col span={24}>
              <Card title={t('community.uses')}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={uses.items}
                  loading={uses.isFetching}
                  locale={{ emptyText: t('uses.empty') }}
                  columns={[
                    {
                      title: t('field.title'),
                      render: (_v, u) => <Link to={`/fund-uses/${u.id}`}>{u.title}</Link>,
                    },
                    { title: t('field.status'), render: (_v, u) => <FundUseStatusTag status={u.status} /> },
                    {
                      title: t('uses.budget'),
                      render: (_v, u) => <Money fen={u.approvedFen ?? u.budgetFen} />,
                      align: 'right',
                    },
                  ]}
                />
                <Pager
                  page={uses.page}
                  total={uses.total}
                  hasNext={uses.hasNext}
                  onPrev={uses.prev}
                  onNext={uses.next}
                />
              </Card>
            </Col>
            <Col span={24}>
              <Card title={t('ledger.tabJournal')}>
                <JournalTable list={journal} onEntry={setEntryId} hideCommunity />
              </Card>
            </Col>
          </Row>
          {entryId !== null && <EntryDrawer entryId={entryId} onClose={() => setEntryId(null)} />}
          {posting && can('funds.manage') && (
            <PostingModal fund={d} kind={posting} onClose={() => setPosting(null)} />
          )}
        </>
      )}
    </QueryState>
  );
}

/** The balance after each day with movements (a step line), with money in and out as bars. */
export function BalanceChart({ communityId, height = 300 }: { communityId: number; height?: number }) {
  const { t, i18n } = useTranslation('funds');
  const compact = useMemo(
    () => new Intl.NumberFormat(i18n.language, { notation: 'compact' }),
    [i18n.language],
  );
  const history = useFundHistory(communityId);
  const option = useMemo(() => {
    const items = history.data?.items ?? [];
    const yuan = (fen: number) => Math.round(fen) / 100;
    return {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number) => formatFen(Math.round(v * 100)),
      },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'time' },
      yAxis: [
        { type: 'value', scale: true, axisLabel: { formatter: (v: number) => compact.format(v) } },
        {
          type: 'value',
          axisLabel: { formatter: (v: number) => compact.format(v) },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('field.balance'),
          type: 'line',
          step: 'end',
          symbolSize: 6,
          areaStyle: { opacity: 0.08 },
          itemStyle: { color: '#1f5fbf' },
          data: items.map((i) => [i.date, yuan(i.balanceFen)]),
        },
        {
          name: t('community.in'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 10,
          itemStyle: { color: '#52c41a' },
          data: items.filter((i) => i.inFen > 0).map((i) => [i.date, yuan(i.inFen)]),
        },
        {
          name: t('community.out'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 10,
          itemStyle: { color: '#ff7a45' },
          data: items.filter((i) => i.outFen > 0).map((i) => [i.date, yuan(i.outFen)]),
        },
      ],
    };
  }, [history.data, t, compact]);
  return (
    <QueryState loading={history.isLoading} error={history.error}>
      <EChart option={option} height={height} testId="fund-history-chart" />
    </QueryState>
  );
}

function UnitsCard({ fund }: { fund: FundCommunityDetail }) {
  const { t } = useTranslation('funds');
  const communityId = fund.community.id;
  const [filters, setFilters] = useState<{ buildingId?: number; depleted?: string }>({});
  const list = useCursorPages<FundUnit>(`/funds/communities/${communityId}/units`, filters, 20);
  const [accountId, setAccountId] = useState<number | null>(null);
  return (
    <Card
      title={t('units.title')}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={downloadUrl(`/funds/communities/${communityId}/units/export.xlsx`, { ...filters })}
        >
          {t('common:exportExcel')}
        </Button>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('units.allBuildings')}
          value={filters.buildingId}
          onChange={(v) => setFilters({ ...filters, buildingId: v })}
          options={fund.buildings.map((b) => ({ value: b.building.id, label: b.building.name }))}
          style={{ width: 140 }}
          data-testid="units-building"
        />
        <Select
          allowClear
          placeholder={t('ledger.depletion')}
          value={filters.depleted}
          onChange={(v) => setFilters({ ...filters, depleted: v })}
          options={[
            { value: 'true', label: t('units.onlyDepleted') },
            { value: 'false', label: t('ledger.notDepleted') },
          ]}
          style={{ width: 170 }}
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          {t('units.help')}
        </Typography.Text>
      </Flex>
      <Table
        rowKey="unitId"
        size="small"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        data-testid="unit-fund-table"
        onRow={(u) => ({
          onClick: () => {
            const account = u.byFundType.find((b) => b.fundType === fund.primaryFundType) ?? u.byFundType[0];
            if (account) setAccountId(account.accountId);
          },
          style: { cursor: 'pointer' },
          'data-unit': `${u.building.name}${u.number}`,
        })}
        columns={[
          { title: t('field.unit'), render: (_v, u) => `${u.building.name}${u.number}` },
          { title: t('field.exclusiveArea'), render: (_v, u) => formatArea(u.exclusiveArea), align: 'right' },
          {
            title: t('field.balance'),
            render: (_v, u) => (
              <span data-testid="unit-balance">
                <Money fen={u.balanceFen} />
              </span>
            ),
            align: 'right',
          },
          {
            title: t('field.firstDeposit'),
            render: (_v, u) => <Money fen={u.firstDepositFen} />,
            align: 'right',
            responsive: ['md'],
          },
          {
            title: t('field.balancePercent'),
            render: (_v, u) => (
              <BalancePercent
                percent={u.firstDepositFen ? ((u.balanceFen / u.firstDepositFen) * 100).toFixed(1) : '0.0'}
                depleted={u.depleted}
              />
            ),
            responsive: ['lg'],
          },
          ...(fund.scheme === 'sold_public'
            ? [
                {
                  title: t('community.fundType'),
                  render: (_v: unknown, u: FundUnit) =>
                    u.byFundType
                      .map((b) => `${t(`fundType.${b.fundType}`)} ${formatFen(b.balanceFen)}`)
                      .join(' / '),
                  responsive: ['xl' as const],
                },
              ]
            : []),
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
      {accountId !== null && <StatementDrawer accountId={accountId} onClose={() => setAccountId(null)} />}
    </Card>
  );
}

/** Units of one building of the community, for the forms that name a unit. */
function UnitPicker({
  communityId,
  buildings,
  value,
  onChange,
}: {
  communityId: number;
  buildings: { id: number; name: string }[];
  value?: number;
  onChange?: (v: number) => void;
}) {
  const { t } = useTranslation('funds');
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const units = useQuery({
    queryKey: ['fund-unit-picker', communityId, buildingId],
    queryFn: () =>
      api.get<{ items: FundUnit[] }>(`/funds/communities/${communityId}/units`, { buildingId, limit: 200 }),
    enabled: Boolean(buildingId),
  });
  return (
    <Flex gap={8}>
      <Select
        placeholder={t('field.building')}
        value={buildingId}
        onChange={setBuildingId}
        options={buildings.map((b) => ({ value: b.id, label: b.name }))}
        style={{ width: 110 }}
      />
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('field.unit')}
        value={value}
        onChange={onChange}
        disabled={!buildingId}
        options={(units.data?.items ?? []).map((u) => ({
          value: u.unitId,
          label: `${u.number} · ${formatFen(u.balanceFen)}`,
        }))}
        style={{ flex: 1, minWidth: 180 }}
      />
    </Flex>
  );
}

/** The housing bureau's postings: set-up, first deposits, interest, withdrawals, backfill, merging. */
function PostingModal({
  fund,
  kind,
  onClose,
}: {
  fund: FundCommunityDetail;
  kind: Posting;
  onClose: () => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const communityId = fund.community.id;
  const profile = useCommunity(communityId);
  const buildings = (profile.data?.buildings ?? []).map((b) => ({ id: b.id, name: b.name }));
  const base = `/funds/communities/${communityId}`;
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const date = day(v.entryDate as Dayjs);
      switch (kind) {
        case 'setup':
          return api.put(`${base}/setup`, {
            scheme: v.scheme,
            developerShareStatus: v.developerShareStatus,
            ...(v.costYuan ? { constructionCostFenPerM2: toFen(v.costYuan as number) } : {}),
            ...(v.ratePercent ? { depositRateBp: Math.round((v.ratePercent as number) * 100) } : {}),
          });
        case 'deposit':
          return api.post(
            `${base}/deposits`,
            fund.scheme === 'commercial'
              ? {
                  scheme: 'commercial',
                  entryDate: date,
                  constructionCostFenPerM2: toFen(v.costYuan as number),
                  depositRateBp: Math.round((v.ratePercent as number) * 100),
                }
              : {
                  scheme: 'sold_public',
                  entryDate: date,
                  sales: ((v.sales as { unitId: number; priceYuan: number }[]) ?? []).map((s) => ({
                    unitId: s.unitId,
                    priceFen: toFen(s.priceYuan),
                  })),
                },
          );
        case 'interest':
        case 'backfill':
          return api.post(`${base}/${kind === 'interest' ? 'interest' : 'developer-backfill'}`, {
            entryDate: date,
            amountFen: toFen(v.amountYuan as number),
            memo: (v.memo as string) ?? '',
          });
        case 'withdraw':
          return api.post(`${base}/withdrawals`, {
            unitId: v.unitId,
            amountFen: toFen(v.amountYuan as number),
            entryDate: date,
            reason: v.reason,
            memo: (v.memo as string) ?? '',
          });
        case 'merge':
          return api.post(`${base}/merge`, { entryDate: date });
      }
    },
    onSuccess: () => {
      message.success(t('community.posted'));
      for (const key of [
        'fund-community',
        'fund-history',
        `${base}/units`,
        '/funds/entries',
        '/funds/communities',
      ])
        void client.invalidateQueries({ queryKey: [key] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={600}
      title={t(`community.posting.${kind}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Typography.Paragraph type="secondary">{t(`community.postingHelp.${kind}`)}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          entryDate: todayPicker(),
          scheme: fund.scheme,
          developerShareStatus: fund.developerShareStatus,
          costYuan: fund.constructionCostFenPerM2 ? fund.constructionCostFenPerM2 / 100 : undefined,
          ratePercent: fund.depositRateBp ? fund.depositRateBp / 100 : undefined,
          reason: 'refund',
          sales: [{}],
        }}
      >
        {kind === 'setup' && (
          <>
            <Form.Item name="scheme" label={t('field.scheme')}>
              <Select options={fundSchemes.map((s) => ({ value: s, label: t(`scheme.${s}`) }))} />
            </Form.Item>
            <Form.Item name="developerShareStatus" label={t('field.developerShareStatus')}>
              <Select
                options={developerShareStatuses.map((s) => ({ value: s, label: t(`developerShare.${s}`) }))}
              />
            </Form.Item>
          </>
        )}
        {(kind === 'setup' || (kind === 'deposit' && fund.scheme === 'commercial')) && (
          <Flex gap={12} wrap>
            <Form.Item name="costYuan" label={t('community.cost')} rules={kind === 'deposit' ? required : []}>
              <YuanInput />
            </Form.Item>
            <Form.Item
              name="ratePercent"
              label={t('community.rate')}
              rules={kind === 'deposit' ? required : []}
              extra={t('community.rateRange', {
                min: COMMERCIAL_RATE_BP.min / 100,
                max: COMMERCIAL_RATE_BP.max / 100,
              })}
            >
              <InputNumber min={0} max={100} precision={2} suffix="%" />
            </Form.Item>
          </Flex>
        )}
        {kind === 'deposit' && fund.scheme === 'sold_public' && (
          <Form.List name="sales">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start">
                    <Form.Item
                      name={[f.name, 'unitId']}
                      rules={required}
                      style={{ flex: 1, marginBottom: 8 }}
                    >
                      <UnitPicker communityId={communityId} buildings={buildings} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'priceYuan']}
                      rules={required}
                      style={{ width: 150, marginBottom: 8 }}
                    >
                      <YuanInput />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('community.addSale')}
                </Button>
              </Flex>
            )}
          </Form.List>
        )}
        {kind === 'withdraw' && (
          <>
            <Form.Item name="unitId" label={t('field.unit')} rules={required}>
              <UnitPicker communityId={communityId} buildings={buildings} />
            </Form.Item>
            <Form.Item name="reason" label={t('community.reason')}>
              <Select
                options={withdrawalReasons.map((r) => ({ value: r, label: t(`withdrawalReason.${r}`) }))}
              />
            </Form.Item>
          </>
        )}
        {(kind === 'interest' || kind === 'backfill' || kind === 'withdraw') && (
          <Form.Item
            name="amountYuan"
            label={t('community.amount')}
            rules={required}
            style={{ maxWidth: 220 }}
          >
            <YuanInput />
          </Form.Item>
        )}
        {kind !== 'setup' && (
          <Form.Item name="entryDate" label={t('journal.date')} rules={required}>
            <DatePicker />
          </Form.Item>
        )}
        {(kind === 'interest' || kind === 'backfill' || kind === 'withdraw') && (
          <Form.Item name="memo" label={t('journal.memo')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
