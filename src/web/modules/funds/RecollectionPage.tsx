import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
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
  Modal,
  Row,
  Select,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { householdStatuses } from '../../../contracts/funds';
import { api, downloadUrl } from '../../api/client';
import { formatArea, formatFen } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { day, Money, showProblem, todayPicker, toFen, YuanInput } from '../owners/common';
import type { CampaignDetail, Household } from './api';
import { CampaignProgress } from './FundsPage';

const householdColor = { unpaid: 'red', partial: 'gold', paid: 'green' } as const;

/** A re-collection campaign: progress per household against the instalment schedule. */
export default function RecollectionPage() {
  const { id } = useParams();
  const { t } = useTranslation('funds');
  const navigate = useNavigate();
  const campaign = useQuery({
    queryKey: ['campaign', Number(id)],
    queryFn: () => api.get<CampaignDetail>(`/funds/recollections/${id}`),
  });
  const [filters, setFilters] = useState<{ status?: string; behind?: string }>({});
  const list = useCursorPages<Household>(`/funds/recollections/${id}/households`, filters, 20);
  const [paying, setPaying] = useState<Household | null>(null);
  const c = campaign.data;
  return (
    <QueryState loading={campaign.isLoading} error={campaign.error} retry={() => void campaign.refetch()}>
      {c && (
        <>
          <PageHeader
            title={c.title}
            subtitle={`${c.community.name} · ${t(`scope.${c.scope}`)}`}
            tags={<Tag color="blue">{t(`campaignStatus.${c.status}`)}</Tag>}
            extra={
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
                {t('common:back')}
              </Button>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={8}>
              <Card>
                <Statistic
                  title={t('recollection.paidOfDue')}
                  value={formatFen(c.paidFen)}
                  suffix={`/ ${formatFen(c.dueFen)}`}
                />
                <CampaignProgress c={c} />
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card>
                <Descriptions column={{ xs: 1, md: 2 }} size="small">
                  <Descriptions.Item label={t('recollection.vote')}>
                    <Link to={`/votes/${c.vote.id}`}>{c.vote.title}</Link>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('recollection.rate')}>
                    {t('recollection.ratePerM2', { amount: formatFen(c.rateFenPerM2) })}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('recollection.period')}>
                    {c.startOn} – {c.deadlineOn}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('recollection.instalments')}>{c.instalments}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col span={24}>
              <Card
                title={t('recollection.householdsTitle')}
                extra={
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={downloadUrl(`/funds/recollections/${c.id}/households/export.xlsx`, { ...filters })}
                  >
                    {t('common:exportExcel')}
                  </Button>
                }
              >
                <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
                  <Select
                    allowClear
                    placeholder={t('recollection.allHouseholds')}
                    value={filters.status}
                    onChange={(v) => setFilters({ ...filters, status: v })}
                    options={householdStatuses.map((s) => ({ value: s, label: t(`household.${s}`) }))}
                    style={{ width: 140 }}
                  />
                  <Flex gap={6} align="center">
                    <Switch
                      size="small"
                      checked={filters.behind === 'true'}
                      onChange={(on) => setFilters({ ...filters, behind: on ? 'true' : undefined })}
                    />
                    <Typography.Text>{t('recollection.onlyBehind')}</Typography.Text>
                  </Flex>
                </Flex>
                <Table
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  dataSource={list.items}
                  loading={list.isFetching}
                  columns={[
                    { title: t('field.unit'), render: (_v, h) => `${h.building.name}${h.number}` },
                    {
                      title: t('field.exclusiveArea'),
                      render: (_v, h) => formatArea(h.exclusiveArea),
                      align: 'right',
                    },
                    {
                      title: t('recollection.due'),
                      render: (_v, h) => <Money fen={h.dueFen} />,
                      align: 'right',
                    },
                    {
                      title: t('recollection.paid'),
                      render: (_v, h) => <Money fen={h.paidFen} />,
                      align: 'right',
                    },
                    {
                      title: t('recollection.expected'),
                      render: (_v, h) => <Money fen={h.expectedByTodayFen} />,
                      align: 'right',
                      responsive: ['md'],
                    },
                    {
                      title: t('field.status'),
                      render: (_v, h) => (
                        <Flex gap={4}>
                          <Tag color={householdColor[h.status]}>{t(`household.${h.status}`)}</Tag>
                          {h.behindSchedule && <Tag color="red">{t('field.behindSchedule')}</Tag>}
                        </Flex>
                      ),
                    },
                    ...(c.abilities.pay
                      ? [
                          {
                            title: '',
                            render: (_v: unknown, h: Household) =>
                              h.remainingFen > 0 && (
                                <Button size="small" onClick={() => setPaying(h)}>
                                  {t('recollection.pay')}
                                </Button>
                              ),
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
              </Card>
            </Col>
          </Row>
          {paying && <PaymentModal campaign={c} household={paying} onClose={() => setPaying(null)} />}
        </>
      )}
    </QueryState>
  );
}

function PaymentModal({
  campaign,
  household,
  onClose,
}: {
  campaign: CampaignDetail;
  household: Household;
  onClose: () => void;
}) {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { amountYuan: number; paidOn: Dayjs }) =>
      api.post(`/funds/recollections/${campaign.id}/payments`, {
        unitId: household.unitId,
        amountFen: toFen(v.amountYuan),
        paidOn: day(v.paidOn),
      }),
    onSuccess: () => {
      message.success(t('community.posted'));
      void client.invalidateQueries({ queryKey: ['campaign', campaign.id] });
      void client.invalidateQueries({ queryKey: [`/funds/recollections/${campaign.id}/households`] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={`${t('recollection.pay')} · ${household.building.name}${household.number}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Typography.Paragraph type="secondary">
        {t('recollection.remaining', { amount: formatFen(household.remainingFen) })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ paidOn: todayPicker(), amountYuan: household.remainingFen / 100 }}
      >
        <Form.Item name="amountYuan" label={t('community.amount')} rules={[{ required: true }]}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="paidOn" label={t('recollection.paidOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
