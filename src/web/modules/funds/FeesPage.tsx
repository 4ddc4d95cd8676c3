import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Modal,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { commissionKinds, feeModels, serviceGrades } from '../../../contracts/funds';
import type { OrganizationView } from '../../../contracts/org';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { formatFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { CommunitySelect, day, showProblem, toFen, YuanInput } from '../owners/common';
import type { FeeContractDetail, FeeContractSummary, FeeStandardList } from './api';

/** A price per m² per month: "¥2.30 /m²·month". */
export function PriceText({ fen }: { fen: number }) {
  const { t } = useTranslation('funds');
  return <span style={{ whiteSpace: 'nowrap' }}>{t('fees.pricePerM2', { price: formatFen(fen) })}</span>;
}

/** Property fees: the district's guidance prices by grade, and each community's contract. */
export default function FeesPage() {
  const { t } = useTranslation('funds');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'standards' ? 'standards' : 'contracts';
  return (
    <>
      <PageHeader title={t('fees.title')} subtitle={t('fees.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'contracts', label: t('fees.tabContracts'), children: <ContractsTab /> },
            { key: 'standards', label: t('fees.tabStandards'), children: <StandardsTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function StandardsTab() {
  const { t } = useTranslation('funds');
  const standards = useQuery({
    queryKey: ['fee-standards'],
    queryFn: () => api.get<FeeStandardList>('/fees/standards'),
  });
  const [editing, setEditing] = useState<FeeStandardList['items'][number] | null>(null);
  return (
    <QueryState loading={standards.isLoading} error={standards.error}>
      <Typography.Paragraph type="secondary">{t('fees.standardsHelp')}</Typography.Paragraph>
      <Table
        rowKey="grade"
        size="middle"
        pagination={false}
        dataSource={standards.data?.items ?? []}
        data-testid="fee-standard-table"
        columns={[
          { title: t('field.grade'), render: (_v, s) => t(`grade.${s.grade}`) },
          {
            title: t('fees.guidancePrice'),
            render: (_v, s) => <PriceText fen={s.priceFen} />,
            align: 'right',
          },
          {
            title: t('fees.band'),
            render: (_v, s) => (
              <span>
                {formatFen(Math.round((s.priceFen * (10000 - s.floatBp)) / 10000))} –{' '}
                {formatFen(Math.round((s.priceFen * (10000 + s.floatBp)) / 10000))}
                <Typography.Text type="secondary"> (±{(s.floatBp / 100).toFixed(0)}%)</Typography.Text>
              </span>
            ),
            align: 'right',
          },
          { title: t('fees.effectiveFrom'), dataIndex: 'effectiveFrom' },
          ...(standards.data?.canEdit
            ? [
                {
                  title: '',
                  render: (_v: unknown, s: FeeStandardList['items'][number]) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                      {t('common:edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <StandardModal standard={editing} onClose={() => setEditing(null)} />}
    </QueryState>
  );
}

function StandardModal({
  standard,
  onClose,
}: {
  standard: FeeStandardList['items'][number];
  onClose: () => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { priceYuan: number; floatPercent: number; effectiveFrom: Dayjs }) =>
      api.put<FeeStandardList>(`/fees/standards/${standard.grade}`, {
        version: standard.version,
        priceFen: toFen(v.priceYuan),
        floatBp: Math.round(v.floatPercent * 100),
        effectiveFrom: day(v.effectiveFrom),
      }),
    onSuccess: (data) => {
      client.setQueryData(['fee-standards'], data);
      message.success(t('common:saved'));
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={t(`grade.${standard.grade}`)}
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
          priceYuan: standard.priceFen / 100,
          floatPercent: standard.floatBp / 100,
          effectiveFrom: dayjs(standard.effectiveFrom),
        }}
      >
        <Form.Item name="priceYuan" label={t('fees.guidancePrice')} rules={[{ required: true }]}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="floatPercent" label={t('fees.float')}>
          <InputNumber min={0} max={50} suffix="%" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('fees.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ModelText({ c }: { c: FeeContractSummary }) {
  const { t } = useTranslation('funds');
  if (c.model === 'lump_sum') return <Tag>{t('model.lump_sum')}</Tag>;
  return (
    <Tag color="purple">
      {t('model.commission')}
      {c.commissionKind === 'share' && c.commissionBp !== null && ` · ${(c.commissionBp / 100).toFixed(1)}%`}
      {c.commissionKind === 'fixed' &&
        c.commissionFixedFenPerYear !== null &&
        ` · ${t('fees.perYear', { amount: formatFen(c.commissionFixedFenPerYear) })}`}
    </Tag>
  );
}

function ContractsTab() {
  const { t } = useTranslation('funds');
  const can = useCan();
  const [filters, setFilters] = useState<{ communityId?: number; model?: string; grade?: number }>({});
  const list = useCursorPages<FeeContractSummary>('/fees/contracts', filters, 20);
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<FeeContractSummary> = [
    {
      title: t('field.community'),
      render: (_v, c) => (
        <Flex vertical>
          <Link to={`/fees/contracts/${c.id}`} data-testid="fee-contract-link">
            {c.community.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.propertyCompany.name}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('field.grade'), render: (_v, c) => t(`grade.${c.grade}`) },
    {
      title: t('fees.price'),
      render: (_v, c) => (
        <Flex vertical align="flex-end">
          <PriceText fen={c.priceFen} />
          {c.withinGuidance === false && <Tag color="red">{t('fees.outsideGuidance')}</Tag>}
        </Flex>
      ),
      align: 'right',
    },
    { title: t('field.model'), render: (_v, c) => <ModelText c={c} /> },
    { title: t('fees.term'), render: (_v, c) => `${c.startOn} – ${c.endOn}`, responsive: ['md'] },
    {
      title: t('field.status'),
      render: (_v, c) => (
        <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`fees.status.${c.status}`)}</Tag>
      ),
    },
  ];
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          <CommunitySelect
            allowClear
            value={filters.communityId}
            onChange={(v) => setFilters({ ...filters, communityId: v })}
          />
          <Select
            allowClear
            placeholder={t('fees.allModels')}
            value={filters.model}
            onChange={(v) => setFilters({ ...filters, model: v })}
            options={feeModels.map((m) => ({ value: m, label: t(`model.${m}`) }))}
            style={{ width: 130 }}
          />
          <Select
            allowClear
            placeholder={t('fees.allGrades')}
            value={filters.grade}
            onChange={(v) => setFilters({ ...filters, grade: v })}
            options={serviceGrades.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
            style={{ width: 120 }}
          />
        </Flex>
        <Flex gap={8}>
          <Button
            icon={<DownloadOutlined />}
            href={downloadUrl('/fees/contracts/export.xlsx', { ...filters })}
          >
            {t('common:exportExcel')}
          </Button>
          {can('fees.contracts') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('fees.createContract')}
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
          data-testid="fee-contract-table"
        />
        <Pager
          page={list.page}
          total={list.total}
          hasNext={list.hasNext}
          onPrev={list.prev}
          onNext={list.next}
        />
      </QueryState>
      {creating && <ContractModal onClose={() => setCreating(false)} />}
    </>
  );
}

function ContractModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const model = Form.useWatch('model', form);
  const kind = Form.useWatch('commissionKind', form);
  const companies = useQuery({
    queryKey: ['organizations', 'property_company'],
    queryFn: () => api.get<OrganizationView[]>('/organizations', { kind: 'property_company' }),
    staleTime: 600_000,
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<FeeContractDetail>('/fees/contracts', {
        communityId: v.communityId,
        propertyOrgId: v.propertyOrgId,
        grade: v.grade,
        priceFen: toFen(v.priceYuan as number),
        model: v.model,
        ...(v.model === 'commission'
          ? {
              commissionKind: v.commissionKind,
              ...(v.commissionKind === 'share'
                ? { commissionBp: Math.round((v.commissionPercent as number) * 100) }
                : { commissionFixedFenPerYear: toFen(v.commissionYuan as number) }),
            }
          : {}),
        startOn: day(v.startOn as Dayjs),
        endOn: day(v.endOn as Dayjs),
      }),
    onSuccess: (c) => {
      message.success(t('common:saved'));
      navigate(`/fees/contracts/${c.id}`);
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={640}
      title={t('fees.createContract')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Typography.Paragraph type="secondary">{t('fees.createHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ model: 'lump_sum', grade: 3, commissionKind: 'share' }}
      >
        <Form.Item name="communityId" label={t('field.community')} rules={required}>
          <CommunitySelect width="100%" />
        </Form.Item>
        <Form.Item name="propertyOrgId" label={t('field.propertyCompany')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(companies.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="grade" label={t('field.grade')} style={{ width: 120 }}>
            <Select options={serviceGrades.map((g) => ({ value: g, label: t(`grade.${g}`) }))} />
          </Form.Item>
          <Form.Item name="priceYuan" label={t('fees.price')} rules={required} style={{ width: 180 }}>
            <YuanInput />
          </Form.Item>
          <Form.Item name="model" label={t('field.model')} style={{ width: 140 }}>
            <Select options={feeModels.map((m) => ({ value: m, label: t(`model.${m}`) }))} />
          </Form.Item>
        </Flex>
        {model === 'commission' && (
          <Flex gap={12} wrap>
            <Form.Item name="commissionKind" label={t('fees.commissionKind')} style={{ width: 160 }}>
              <Select options={commissionKinds.map((k) => ({ value: k, label: t(`commissionKind.${k}`) }))} />
            </Form.Item>
            {kind === 'share' ? (
              <Form.Item name="commissionPercent" label={t('fees.commissionShare')} rules={required}>
                <InputNumber min={0.01} max={50} precision={2} suffix="%" />
              </Form.Item>
            ) : (
              <Form.Item
                name="commissionYuan"
                label={t('fees.commissionFixed')}
                rules={required}
                style={{ width: 200 }}
              >
                <YuanInput />
              </Form.Item>
            )}
          </Flex>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="startOn" label={t('field.startOn')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="endOn" label={t('field.endOn')} rules={required}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
