import { DownloadOutlined, MinusCircleOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import {
  committeeLevels,
  disputeTypes,
  MEDIATION_DEFAULT_DAYS,
  type MediationStatus,
  type mediationCaseDetail,
  type mediationCaseSummary,
  type mediationCommittee,
  type mediationStats,
  mediationStatuses,
  partyKinds,
  partyRoles,
} from '../../../contracts/mediation';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import { CommunitySelect, day, showProblem, todayPicker } from '../owners/common';

export type MediationCase = z.infer<typeof mediationCaseSummary>;
export type MediationCaseDetail = z.infer<typeof mediationCaseDetail>;
export type MediationCommittee = z.infer<typeof mediationCommittee>;
type Stats = z.infer<typeof mediationStats>;

const statusColor: Record<MediationStatus, string> = {
  accepted: 'blue',
  in_progress: 'processing',
  agreed: 'green',
  failed: 'red',
  withdrawn: 'default',
};

export function MediationStatusTag({ status }: { status: MediationStatus }) {
  const { t } = useTranslation('mediation');
  return <Tag color={statusColor[status]}>{t(`status.${status}`)}</Tag>;
}

export function useMediationCommittees() {
  return useQuery({
    queryKey: ['mediation-committees'],
    queryFn: () => api.get<{ items: MediationCommittee[] }>('/mediation/committees'),
  });
}

/** People's mediation: disputes with their 30-day limit, the success rate, the committees. */
export default function MediationPage() {
  const { t } = useTranslation('mediation');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'committees' ? 'committees' : 'cases';
  return (
    <>
      <PageHeader title={t('page.title')} subtitle={t('page.subtitle', { days: MEDIATION_DEFAULT_DAYS })} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'cases', label: t('page.tabCases'), children: <CasesTab /> },
            { key: 'committees', label: t('page.tabCommittees'), children: <CommitteesTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function StatsRow({ stats }: { stats: Stats }) {
  const { t } = useTranslation('mediation');
  const option = useMemo(() => {
    const rows = stats.byType.filter((b) => b.received > 0);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, itemWidth: 12, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 8, bottom: 28, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => t(`disputeType.${r.disputeType}`)) },
      series: [
        {
          name: t('stats.received'),
          type: 'bar',
          barWidth: 8,
          itemStyle: { color: '#1f5fbf' },
          data: rows.map((r) => r.received),
        },
        {
          name: t('status.agreed'),
          type: 'bar',
          barWidth: 8,
          itemStyle: { color: '#52c41a' },
          data: rows.map((r) => r.agreed),
        },
      ],
    };
  }, [stats, t]);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={10}>
        <Row gutter={[12, 12]}>
          <Col span={12}>
            <Statistic
              title={t('field.successRate')}
              value={stats.successPercent}
              suffix="%"
              data-testid="mediation-success"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stats.successExplain')}
            </Typography.Text>
          </Col>
          <Col span={12}>
            <Statistic title={t('stats.received')} value={stats.received} />
          </Col>
          <Col span={8}>
            <Statistic title={t('stats.open')} value={stats.open} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('stats.overdue')}
              value={stats.overdue}
              styles={{ content: { color: stats.overdue ? '#cf1322' : undefined } }}
            />
          </Col>
          <Col span={8}>
            <Statistic title={t('status.agreed')} value={stats.agreed} />
          </Col>
        </Row>
      </Col>
      <Col xs={24} lg={14}>
        <EChart option={option} height={200} testId="mediation-type-chart" />
      </Col>
    </Row>
  );
}

function CasesTab() {
  const { t } = useTranslation('mediation');
  const can = useCan();
  const places = usePlaces();
  const manyStreets = (places.data?.streets.length ?? 0) > 1;
  const [filters, setFilters] = useState<{
    streetId?: number;
    status?: string;
    disputeType?: string;
    overdue?: string;
  }>({});
  const list = useCursorPages<MediationCase>('/mediation/cases', filters, 20);
  const stats = useQuery({
    queryKey: ['mediation-stats', filters.streetId],
    queryFn: () => api.get<Stats>('/mediation/stats', { streetId: filters.streetId }),
  });
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<MediationCase> = [
    {
      title: t('field.title'),
      render: (_v, c) => (
        <Flex vertical>
          <Link to={`/mediation/${c.id}`} data-testid="mediation-link">
            {c.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`disputeType.${c.disputeType}`)}
            {c.community ? ` · ${c.community.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('page.parties'),
      render: (_v, c) =>
        c.parties.map((p) => `${t(`partyRole.${p.role}`)} ${p.name}`).join(t('common:listSeparator')),
      responsive: ['lg'],
    },
    { title: t('field.status'), render: (_v, c) => <MediationStatusTag status={c.status} /> },
    { title: t('field.receivedOn'), dataIndex: 'receivedOn', responsive: ['md'] },
    {
      title: t('field.dueOn'),
      render: (_v, c) =>
        c.closedOn ? (
          <Typography.Text type="secondary">{t('page.closedOn', { date: c.closedOn })}</Typography.Text>
        ) : (
          <Flex gap={4} align="center">
            {c.dueOn}
            {c.overdue && <Tag color="red">{t('page.overdue')}</Tag>}
          </Flex>
        ),
    },
    { title: t('field.mediator'), render: (_v, c) => c.mediator?.name ?? '', responsive: ['md'] },
    ...(manyStreets
      ? [
          {
            title: t('field.committee'),
            render: (_v: unknown, c: MediationCase) => c.committee.name,
            responsive: ['xl' as const],
          },
        ]
      : []),
  ];
  return (
    <>
      <QueryState loading={stats.isLoading} error={stats.error}>
        {stats.data && <StatsRow stats={stats.data} />}
      </QueryState>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          {manyStreets && (
            <Select
              allowClear
              placeholder={t('page.allStreets')}
              value={filters.streetId}
              onChange={(v) => setFilters({ ...filters, streetId: v })}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 160 }}
            />
          )}
          <Select
            allowClear
            placeholder={t('page.allStatuses')}
            value={filters.status}
            onChange={(v) => setFilters({ ...filters, status: v })}
            options={mediationStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            placeholder={t('page.allTypes')}
            value={filters.disputeType}
            onChange={(v) => setFilters({ ...filters, disputeType: v })}
            options={disputeTypes.map((d) => ({ value: d, label: t(`disputeType.${d}`) }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('page.limit')}
            value={filters.overdue}
            onChange={(v) => setFilters({ ...filters, overdue: v })}
            options={[
              { value: 'true', label: t('page.onlyOverdue') },
              { value: 'false', label: t('page.notOverdue') },
            ]}
            style={{ width: 130 }}
          />
        </Flex>
        <Flex gap={8}>
          {can('mediation.export') && (
            <Button
              icon={<DownloadOutlined />}
              href={downloadUrl('/mediation/cases/export.xlsx', { ...filters })}
            >
              {t('common:exportExcel')}
            </Button>
          )}
          {can('mediation.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="mediation-create"
            >
              {t('page.create')}
            </Button>
          )}
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
          locale={{ emptyText: t('page.empty') }}
          data-testid="mediation-table"
        />
        <Pager
          page={list.page}
          total={list.total}
          hasNext={list.hasNext}
          onPrev={list.prev}
          onNext={list.next}
        />
      </QueryState>
      {creating && <CreateCaseModal onClose={() => setCreating(false)} />}
    </>
  );
}

function CreateCaseModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('mediation');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const committees = useMediationCommittees();
  const committeeId = Form.useWatch('committeeId', form) as number | undefined;
  const mediators =
    committees.data?.items.find((c) => c.id === committeeId)?.mediators.filter((m) => m.active) ?? [];
  const save = useMutation({
    mutationFn: (v: {
      committeeId: number;
      communityId?: number;
      disputeType: string;
      title: string;
      description?: string;
      receivedOn: Dayjs;
      limitDays?: number;
      mediatorId?: number;
      parties: { role: string; kind: string; name: string; phone?: string }[];
    }) =>
      api.post<MediationCaseDetail>('/mediation/cases', {
        committeeId: v.committeeId,
        ...(v.communityId ? { communityId: v.communityId } : {}),
        disputeType: v.disputeType,
        title: v.title,
        description: v.description ?? '',
        receivedOn: day(v.receivedOn),
        ...(v.limitDays ? { limitDays: v.limitDays } : {}),
        ...(v.mediatorId ? { mediatorId: v.mediatorId } : {}),
        parties: v.parties.map((p) => ({ ...p, ...(p.phone ? {} : { phone: undefined }) })),
      }),
    onSuccess: (c) => {
      message.success(t('page.created'));
      navigate(`/mediation/${c.id}`);
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={720}
      title={t('page.create')}
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
          committeeId: committees.data?.items.find((c) => c.level === 'street')?.id,
          receivedOn: todayPicker(),
          disputeType: 'property_fee',
          parties: [
            { role: 'applicant', kind: 'person' },
            { role: 'respondent', kind: 'property_company' },
          ],
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="committeeId"
            label={t('field.committee')}
            rules={required}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Select options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="mediatorId" label={t('field.mediator')} style={{ width: 160 }}>
            <Select allowClear options={mediators.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="disputeType" label={t('field.disputeType')} style={{ width: 170 }}>
            <Select options={disputeTypes.map((d) => ({ value: d, label: t(`disputeType.${d}`) }))} />
          </Form.Item>
          <Form.Item name="communityId" label={t('page.community')} style={{ flex: 1, minWidth: 220 }}>
            <CommunitySelect allowClear width="100%" />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('page.description')}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="receivedOn" label={t('field.receivedOn')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="limitDays"
            label={t('page.limitDays')}
            extra={t('page.limitDaysHelp', { days: MEDIATION_DEFAULT_DAYS })}
          >
            <InputNumber min={1} max={90} placeholder={String(MEDIATION_DEFAULT_DAYS)} />
          </Form.Item>
        </Flex>
        <Typography.Text strong>{t('page.parties')}</Typography.Text>
        <Form.List name="parties">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start" wrap>
                  <Form.Item name={[f.name, 'role']} style={{ width: 110, marginBottom: 8 }}>
                    <Select options={partyRoles.map((r) => ({ value: r, label: t(`partyRole.${r}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} style={{ width: 140, marginBottom: 8 }}>
                    <Select options={partyKinds.map((k) => ({ value: k, label: t(`partyKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={required}
                    style={{ flex: 1, minWidth: 140, marginBottom: 8 }}
                  >
                    <Input placeholder={t('page.partyName')} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} style={{ width: 140, marginBottom: 8 }}>
                    <Input placeholder={t('page.partyPhone')} maxLength={11} />
                  </Form.Item>
                  {fields.length > 2 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                  )}
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ role: 'respondent', kind: 'person' })}
              >
                {t('page.addParty')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function CommitteesTab() {
  const { t } = useTranslation('mediation');
  const can = useCan();
  const committees = useMediationCommittees();
  const [adding, setAdding] = useState<'committee' | MediationCommittee | null>(null);
  return (
    <QueryState loading={committees.isLoading} error={committees.error}>
      <Flex justify="space-between" style={{ marginBottom: 16 }} gap={12} wrap>
        <Typography.Text type="secondary">{t('committees.help')}</Typography.Text>
        {can('mediation.admin') && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding('committee')}>
            {t('committees.add')}
          </Button>
        )}
      </Flex>
      <List
        grid={{ gutter: 16, xs: 1, md: 2, xl: 3 }}
        dataSource={committees.data?.items ?? []}
        renderItem={(c) => (
          <List.Item>
            <Card
              size="small"
              title={c.name}
              extra={
                <Tag color={c.level === 'district' ? 'purple' : 'blue'}>
                  {t(`level.${c.level}`)}
                  {c.street ? ` · ${c.street.name}` : ''}
                </Tag>
              }
              actions={
                can('mediation.admin')
                  ? [
                      <Button
                        key="m"
                        type="link"
                        size="small"
                        icon={<UserAddOutlined />}
                        onClick={() => setAdding(c)}
                      >
                        {t('committees.addMediator')}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <Typography.Text type="secondary">
                {t('committees.mediators', { count: c.mediators.length })}
              </Typography.Text>
              <Flex gap={4} wrap style={{ marginTop: 8 }}>
                {c.mediators.map((m) => (
                  <Tag key={m.id} color={m.active ? (m.userId ? 'green' : 'default') : undefined}>
                    {m.name}
                  </Tag>
                ))}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
      {adding && <CommitteeModal target={adding} onClose={() => setAdding(null)} />}
    </QueryState>
  );
}

function CommitteeModal({
  target,
  onClose,
}: {
  target: 'committee' | MediationCommittee;
  onClose: () => void;
}) {
  const { t } = useTranslation('mediation');
  const { message } = App.useApp();
  const client = useQueryClient();
  const places = usePlaces();
  const [form] = Form.useForm();
  const level = Form.useWatch('level', form);
  const save = useMutation({
    mutationFn: (v: { level?: string; streetId?: number; name: string }) =>
      target === 'committee'
        ? api.post('/mediation/committees', v)
        : api.post(`/mediation/committees/${target.id}/mediators`, { name: v.name }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['mediation-committees'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={target === 'committee' ? t('committees.add') : `${t('committees.addMediator')} · ${target.name}`}
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
          level: 'street',
          streetId: places.data?.streets.length === 1 ? places.data.streets[0]!.id : undefined,
        }}
      >
        {target === 'committee' && (
          <>
            <Form.Item name="level" label={t('committees.level')}>
              <Select options={committeeLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
            </Form.Item>
            {level === 'street' && (
              <Form.Item name="streetId" label={t('field.street')} rules={[{ required: true }]}>
                <Select options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item
          name="name"
          label={target === 'committee' ? t('committees.name') : t('committees.mediatorName')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
