import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { feeIncomeCategories, feeSpendingCategories } from '../../../contracts/funds';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { day, Money, showProblem, todayPicker, toFen, YuanInput } from '../owners/common';
import type { FeeContractDetail, FeeItem } from './api';
import { ModelText, PriceText } from './FeesPage';

type Statement = FeeContractDetail['statements'][number];

/** One community's property service contract; under the commission model, the owners' accounts. */
export default function FeeContractPage() {
  const { id } = useParams();
  const { t } = useTranslation('funds');
  const navigate = useNavigate();
  const can = useCan();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const contract = useQuery({
    queryKey: ['fee-contract', Number(id)],
    queryFn: () => api.get<FeeContractDetail>(`/fees/contracts/${id}`),
  });
  const [period, setPeriod] = useState<string | undefined>();
  const items = useCursorPages<FeeItem>(`/fees/contracts/${id}/items`, { period }, 20);
  const [adding, setAdding] = useState<'item' | 'budget' | null>(null);
  const update = (data: FeeContractDetail) => {
    client.setQueryData(['fee-contract', Number(id)], data);
    void client.invalidateQueries({ queryKey: [`/fees/contracts/${id}/items`] });
  };
  const disclose = useMutation({
    mutationFn: (p: string) =>
      api.post<FeeContractDetail>(`/fees/contracts/${id}/disclosures`, { period: p }),
    onSuccess: (data) => {
      message.success(t('fees.disclosed'));
      update(data);
    },
    onError: (err) => showProblem(err, message),
  });
  const approve = useMutation({
    mutationFn: (budgetId: number) =>
      api.post<FeeContractDetail>(`/fees/contracts/${id}/budgets/${budgetId}/approve`),
    onSuccess: (data) => {
      message.success(t('fees.approved'));
      update(data);
    },
    onError: (err) => showProblem(err, message),
  });
  const c = contract.data;
  const commission = c?.model === 'commission';
  return (
    <QueryState loading={contract.isLoading} error={contract.error} retry={() => void contract.refetch()}>
      {c && (
        <>
          <PageHeader
            title={c.community.name}
            subtitle={`${t('fees.contract')} · ${c.propertyCompany.name}`}
            tags={
              <>
                <ModelText c={c} />
                <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`fees.status.${c.status}`)}</Tag>
              </>
            }
            extra={
              <>
                <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                  {t('common:back')}
                </Button>
                {commission && c.abilities.record && (
                  <>
                    <Button icon={<PlusOutlined />} onClick={() => setAdding('item')}>
                      {t('fees.addItem')}
                    </Button>
                    <Button icon={<PlusOutlined />} onClick={() => setAdding('budget')}>
                      {t('fees.addBudget')}
                    </Button>
                  </>
                )}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <Card>
                <Descriptions column={{ xs: 1, md: 3 }} size="small">
                  <Descriptions.Item label={t('field.grade')}>{t(`grade.${c.grade}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('fees.price')}>
                    <PriceText fen={c.priceFen} />{' '}
                    {c.withinGuidance === null ? null : c.withinGuidance ? (
                      <Tag color="green">{t('fees.withinGuidance')}</Tag>
                    ) : (
                      <Tag color="red">{t('fees.outsideGuidance')}</Tag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fees.term')}>
                    {c.startOn} – {c.endOn}
                  </Descriptions.Item>
                </Descriptions>
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                  {t(commission ? 'fees.commissionExplain' : 'fees.lumpSumExplain')}
                </Typography.Paragraph>
              </Card>
            </Col>
            {commission && (
              <>
                <Col span={24}>
                  <Card title={t('fees.statements')}>
                    <Table
                      rowKey="period"
                      size="small"
                      pagination={false}
                      dataSource={c.statements}
                      data-testid="fee-statements"
                      columns={[
                        { title: t('fees.period'), dataIndex: 'period' },
                        {
                          title: t('fees.income'),
                          render: (_v, s) => <Money fen={s.incomeFen} />,
                          align: 'right',
                        },
                        {
                          title: t('fees.spending'),
                          render: (_v, s) => <Money fen={s.spendingFen} />,
                          align: 'right',
                        },
                        {
                          title: t('fees.commission'),
                          render: (_v, s) => <Money fen={s.commissionFen} />,
                          align: 'right',
                        },
                        {
                          title: t('fees.ownersBalance'),
                          render: (_v, s) => (
                            <Typography.Text type={s.balanceFen < 0 ? 'danger' : undefined}>
                              <Money fen={s.balanceFen} strong />
                            </Typography.Text>
                          ),
                          align: 'right',
                        },
                        {
                          title: t('fees.disclosure'),
                          render: (_v, s: Statement) =>
                            s.disclosedAt ? (
                              <Tag color="green">
                                {t('fees.disclosedAt', { at: formatDateTime(s.disclosedAt) })}
                              </Tag>
                            ) : (
                              <Flex gap={6} align="center" wrap>
                                <Tag color={s.overdue ? 'red' : 'default'}>
                                  {t(s.overdue ? 'fees.overdue' : 'fees.dueOn', { date: s.dueOn })}
                                </Tag>
                                {c.abilities.disclose && (
                                  <Button
                                    size="small"
                                    loading={disclose.isPending && disclose.variables === s.period}
                                    onClick={() =>
                                      modal.confirm({
                                        title: t('fees.discloseConfirm', { period: s.period }),
                                        content: t('fees.discloseHelp'),
                                        onOk: () => disclose.mutateAsync(s.period),
                                      })
                                    }
                                  >
                                    {t('fees.disclose')}
                                  </Button>
                                )}
                              </Flex>
                            ),
                        },
                      ]}
                    />
                  </Card>
                </Col>
                <Col span={24}>
                  <Card title={t('fees.budgets')}>
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={c.budgets}
                      locale={{ emptyText: t('fees.noBudgets') }}
                      expandable={{
                        expandedRowRender: (b) => (
                          <Table
                            rowKey={(l) => `${l.kind}-${l.category}`}
                            size="small"
                            pagination={false}
                            dataSource={b.lines}
                            columns={[
                              { title: t('fees.lineKind'), render: (_v, l) => t(`fees.${l.kind}`) },
                              {
                                title: t('fees.category'),
                                render: (_v, l) => t(`feeCategory.${l.category}`),
                              },
                              {
                                title: t('community.amount'),
                                render: (_v, l) => <Money fen={l.amountFen} />,
                                align: 'right',
                              },
                            ]}
                          />
                        ),
                      }}
                      columns={[
                        { title: t('fees.year'), dataIndex: 'year' },
                        { title: t('fees.budgetKind'), render: (_v, b) => t(`fees.budgetKinds.${b.kind}`) },
                        {
                          title: t('fees.income'),
                          render: (_v, b) => <Money fen={b.incomeFen} />,
                          align: 'right',
                        },
                        {
                          title: t('fees.spending'),
                          render: (_v, b) => <Money fen={b.spendingFen} />,
                          align: 'right',
                        },
                        {
                          title: t('field.status'),
                          render: (_v, b) =>
                            b.approvedAt ? (
                              <Tag color="green">
                                {t('fees.approvedAt', { at: formatDateTime(b.approvedAt) })}
                              </Tag>
                            ) : can('fees.contracts') ? (
                              <Button
                                size="small"
                                loading={approve.isPending}
                                onClick={() => approve.mutate(b.id)}
                              >
                                {t('fees.approve')}
                              </Button>
                            ) : (
                              <Tag>{t('fees.awaitingApproval')}</Tag>
                            ),
                        },
                      ]}
                    />
                  </Card>
                </Col>
                <Col span={24}>
                  <Card
                    title={t('fees.items')}
                    extra={
                      <Select
                        allowClear
                        size="small"
                        placeholder={t('fees.allPeriods')}
                        value={period}
                        onChange={setPeriod}
                        options={c.statements.map((s) => ({ value: s.period, label: s.period }))}
                        style={{ width: 130 }}
                      />
                    }
                  >
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={items.items}
                      loading={items.isFetching}
                      columns={[
                        { title: t('fees.occurredOn'), dataIndex: 'occurredOn', width: 110 },
                        {
                          title: t('fees.lineKind'),
                          render: (_v, i) => (
                            <Tag color={i.kind === 'income' ? 'green' : 'orange'}>{t(`fees.${i.kind}`)}</Tag>
                          ),
                        },
                        { title: t('fees.category'), render: (_v, i) => t(`feeCategory.${i.category}`) },
                        {
                          title: t('community.amount'),
                          render: (_v, i) => <Money fen={i.amountFen} />,
                          align: 'right',
                        },
                        { title: t('journal.memo'), dataIndex: 'memo', responsive: ['md'] },
                      ]}
                    />
                    <Pager
                      page={items.page}
                      total={items.total}
                      hasNext={items.hasNext}
                      onPrev={items.prev}
                      onNext={items.next}
                    />
                  </Card>
                </Col>
              </>
            )}
          </Row>
          {adding === 'item' && <ItemModal contract={c} onClose={() => setAdding(null)} onDone={update} />}
          {adding === 'budget' && (
            <BudgetModal contract={c} onClose={() => setAdding(null)} onDone={update} />
          )}
        </>
      )}
    </QueryState>
  );
}

const categoryOptions = (t: (k: string) => string, kind: 'income' | 'spending') =>
  (kind === 'income' ? feeIncomeCategories : feeSpendingCategories).map((c) => ({
    value: c,
    label: t(`feeCategory.${c}`),
  }));

function ItemModal({
  contract,
  onClose,
  onDone,
}: {
  contract: FeeContractDetail;
  onClose: () => void;
  onDone: (c: FeeContractDetail) => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as 'income' | 'spending' | undefined) ?? 'spending';
  const save = useMutation({
    mutationFn: (v: {
      kind: string;
      category: string;
      amountYuan: number;
      occurredOn: Dayjs;
      memo?: string;
    }) =>
      api.post<FeeContractDetail>(`/fees/contracts/${contract.id}/items`, {
        kind: v.kind,
        category: v.category,
        amountFen: toFen(v.amountYuan),
        occurredOn: day(v.occurredOn),
        memo: v.memo ?? '',
      }),
    onSuccess: (c) => {
      message.success(t('common:saved'));
      onDone(c);
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={t('fees.addItem')}
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
        initialValues={{ kind: 'spending', occurredOn: todayPicker() }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('fees.lineKind')} style={{ width: 120 }}>
            <Select
              onChange={() => form.setFieldValue('category', undefined)}
              options={(['income', 'spending'] as const).map((k) => ({ value: k, label: t(`fees.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('fees.category')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Select options={categoryOptions(t, kind)} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="amountYuan"
            label={t('community.amount')}
            rules={[{ required: true }]}
            style={{ width: 200 }}
          >
            <YuanInput />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('fees.occurredOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="memo" label={t('journal.memo')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BudgetModal({
  contract,
  onClose,
  onDone,
}: {
  contract: FeeContractDetail;
  onClose: () => void;
  onDone: (c: FeeContractDetail) => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const lines = Form.useWatch('lines', form) as { kind?: 'income' | 'spending' }[] | undefined;
  const save = useMutation({
    mutationFn: (v: {
      year: number;
      kind: string;
      lines: { kind: string; category: string; amountYuan: number }[];
    }) =>
      api.post<FeeContractDetail>(`/fees/contracts/${contract.id}/budgets`, {
        year: v.year,
        kind: v.kind,
        lines: v.lines.map((l) => ({
          kind: l.kind,
          category: l.category,
          amountFen: toFen(l.amountYuan) ?? 0,
        })),
      }),
    onSuccess: (c) => {
      message.success(t('common:saved'));
      onDone(c);
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      width={680}
      title={t('fees.addBudget')}
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
          year: Number(todayPicker().format('YYYY')),
          kind: 'budget',
          lines: [
            { kind: 'income', category: 'property_fee' },
            { kind: 'spending', category: 'staff' },
          ],
        }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="year" label={t('fees.year')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label={t('fees.budgetKind')} style={{ width: 160 }}>
            <Select
              options={(['budget', 'final'] as const).map((k) => ({
                value: k,
                label: t(`fees.budgetKinds.${k}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'kind']} style={{ width: 100, marginBottom: 8 }}>
                    <Select
                      options={(['income', 'spending'] as const).map((k) => ({
                        value: k,
                        label: t(`fees.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'category']}
                    rules={[{ required: true }]}
                    style={{ flex: 1, marginBottom: 8 }}
                  >
                    <Select options={categoryOptions(t, lines?.[i]?.kind ?? 'income')} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amountYuan']}
                    rules={[{ required: true }]}
                    style={{ width: 170, marginBottom: 8 }}
                  >
                    <YuanInput min={0} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'spending' })}>
                {t('fees.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
