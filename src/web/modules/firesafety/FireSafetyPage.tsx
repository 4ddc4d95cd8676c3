import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { consultation, consultationDetail, intactRates } from '../../../contracts/firesafety';
import type { CommunityProfile } from '../../../contracts/org';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { CommunitySelect } from '../../components/CommunitySelect';
import { formatArea, formatDateTime } from '../../components/format';
import { showProblem } from '../../components/formErrors';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

type Rates = z.infer<typeof intactRates>;
type Consultation = z.infer<typeof consultation>;
type ConsultationDetail = z.infer<typeof consultationDetail>;

export const rateColor = (rate: number | null) =>
  rate === null ? undefined : rate >= 95 ? '#389e0d' : rate >= 85 ? '#d48806' : '#cf1322';

/** Fire safety: intact rate of fire facilities by community, owner consultations on renovations. */
export default function FireSafetyPage() {
  const { t } = useTranslation('firesafety');
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Flex vertical gap={16}>
        <IntactRates />
        <Consultations />
      </Flex>
    </>
  );
}

export function IntactRates({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('firesafety');
  const rates = useQuery({
    queryKey: ['intact-rates', communityId],
    queryFn: () => api.get<Rates>('/firesafety/intact-rates', { communityId }),
  });
  const r = rates.data;
  return (
    <QueryState loading={rates.isLoading} error={rates.error}>
      {r && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={8}>
            <Card data-testid="intact-rate">
              <Statistic
                title={t('rate.title')}
                value={r.total.rate ?? 0}
                precision={1}
                suffix="%"
                valueStyle={{ color: rateColor(r.total.rate) }}
              />
              <Typography.Text type="secondary">
                {t('rate.detail', {
                  intact: r.total.intact,
                  defective: r.total.defective,
                  unchecked: r.total.unchecked,
                })}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} md={16}>
            <Card title={t('rate.byKind')} size="small">
              {r.byKind.map((k) => (
                <Flex key={k.kind} align="center" gap={12}>
                  <span style={{ width: 140 }}>{t(`assets:kind.${k.kind}`)}</span>
                  <Progress
                    percent={k.rate ?? 0}
                    strokeColor={rateColor(k.rate)}
                    format={(p) => (k.rate === null ? '—' : `${p}%`)}
                    style={{ flex: 1 }}
                  />
                </Flex>
              ))}
            </Card>
          </Col>
          {!communityId && (
            <Col span={24}>
              <Card title={t('rate.byCommunity')}>
                <Table
                  rowKey={(x) => x.community.id}
                  size="small"
                  dataSource={[...r.byCommunity].sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101))}
                  pagination={{ pageSize: 10, showSizeChanger: false }}
                  data-testid="intact-table"
                  columns={[
                    {
                      title: t('rate.community'),
                      render: (_v, x) => (
                        <Link to={`/communities/${x.community.id}`}>{x.community.name}</Link>
                      ),
                    },
                    { title: t('rate.street'), render: (_v, x) => x.street.name, responsive: ['md'] },
                    { title: t('rate.intact'), dataIndex: 'intact', align: 'right' },
                    { title: t('rate.defective'), dataIndex: 'defective', align: 'right' },
                    {
                      title: t('rate.unchecked'),
                      dataIndex: 'unchecked',
                      align: 'right',
                      responsive: ['md'],
                    },
                    {
                      title: t('rate.rate'),
                      align: 'right',
                      render: (_v, x) => (
                        <span style={{ color: rateColor(x.rate) }}>
                          {x.rate === null ? '—' : `${x.rate.toFixed(1)}%`}
                        </span>
                      ),
                    },
                    {
                      title: t('rate.lastChecked'),
                      render: (_v, x) => formatDateTime(x.lastCheckedAt),
                      responsive: ['lg'],
                    },
                  ]}
                />
              </Card>
            </Col>
          )}
        </Row>
      )}
    </QueryState>
  );
}

export function Consultations({ communityId }: { communityId?: number }) {
  const { t } = useTranslation('firesafety');
  const can = useCan();
  const list = useQuery({
    queryKey: ['consultations', communityId],
    queryFn: () => api.get<Consultation[]>('/firesafety/consultations', { communityId }),
  });
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('consultation.title')}
      extra={
        can('firesafety.consult') && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="consultation-create">
            {t('consultation.create')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        data-testid="consultation-table"
        locale={{ emptyText: t('consultation.empty') }}
        columns={[
          {
            title: t('consultation.subject'),
            render: (_v, c) => (
              <Flex vertical>
                <Typography.Link onClick={() => setOpen(c.id)}>{c.title}</Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.community.name} · {c.openedOn} – {c.closesOn}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('consultation.status'),
            render: (_v, c) => (
              <Tag color={c.status === 'open' ? 'processing' : 'default'}>
                {t(`consultationStatus.${c.status}`)}
              </Tag>
            ),
          },
          { title: t('consultation.asked'), align: 'right', render: (_v, c) => c.tally.asked },
          {
            title: t('consultation.agreed'),
            render: (_v, c) => (
              <span>
                {t('consultation.agreedOf', { agree: c.tally.agree, asked: c.tally.asked })}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                  {t('consultation.area', {
                    area: formatArea(c.tally.agreeArea),
                    total: formatArea(c.tally.totalArea),
                  })}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('consultation.disagree'),
            align: 'right',
            render: (_v, c) => c.tally.disagree,
            responsive: ['md'],
          },
          {
            title: t('consultation.pending'),
            align: 'right',
            render: (_v, c) => c.tally.pending,
            responsive: ['md'],
          },
        ]}
      />
      {open && <ConsultationModal id={open} onClose={() => setOpen(null)} />}
      {creating && (
        <ConsultationDrawer
          communityId={communityId}
          onClose={() => setCreating(false)}
          onCreated={setOpen}
        />
      )}
    </Card>
  );
}

function ConsultationDrawer({
  communityId,
  onClose,
  onCreated,
}: {
  communityId?: number;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation('firesafety');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const chosen = Form.useWatch('communityId', form);
  const community = useQuery({
    queryKey: ['community', chosen],
    queryFn: () => api.get<CommunityProfile>(`/communities/${chosen}`),
    enabled: Boolean(chosen),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<ConsultationDetail>('/firesafety/consultations', {
        ...v,
        closesOn: (v.closesOn as Dayjs | undefined)?.format('YYYY-MM-DD'),
      }),
    onSuccess: (c) => {
      void client.invalidateQueries({ queryKey: ['consultations'] });
      onClose();
      onCreated(c.id);
    },
    onError: (err) => showProblem(err, form, message),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Drawer
      title={t('consultation.create')}
      open
      onClose={onClose}
      size={480}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          onClick={() => form.submit()}
          loading={save.isPending}
          data-testid="consultation-save"
        >
          {t('common:save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={{ communityId }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="communityId" label={t('rate.community')} rules={required}>
          <CommunitySelect />
        </Form.Item>
        <Form.Item
          name="buildingIds"
          label={t('consultation.buildings')}
          rules={required}
          extra={t('consultation.buildingsHelp')}
        >
          <Select
            mode="multiple"
            options={(community.data?.buildings ?? []).map((b) => ({
              value: b.id,
              label: `${b.name}（${b.unitCount}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('consultation.subject')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('consultation.description')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="closesOn" label={t('consultation.closesOn')} rules={required}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ConsultationModal({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation('firesafety');
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: ['consultation', id],
    queryFn: () => api.get<ConsultationDetail>(`/firesafety/consultations/${id}`),
  });
  const answer = useMutation({
    mutationFn: ({ unitId, value }: { unitId: number; value: string }) =>
      api.put<ConsultationDetail>(`/firesafety/consultations/${id}/responses`, {
        version: detail.data!.version,
        responses: [{ unitId, answer: value }],
      }),
    onSuccess: (d) => {
      client.setQueryData(['consultation', id], d);
      void client.invalidateQueries({ queryKey: ['consultations'] });
    },
    onError: (err) => showProblem(err, null, message),
  });
  const close = useMutation({
    mutationFn: () =>
      api.post<ConsultationDetail>(`/firesafety/consultations/${id}/close`, {
        version: detail.data!.version,
      }),
    onSuccess: (d) => {
      client.setQueryData(['consultation', id], d);
      void client.invalidateQueries({ queryKey: ['consultations'] });
    },
    onError: (err) => showProblem(err, null, message),
  });
  const d = detail.data;
  return (
    <Modal
      title={d?.title}
      open
      onCancel={onClose}
      width={760}
      footer={
        d?.abilities.record && (
          <Button danger onClick={() => close.mutate()} loading={close.isPending}>
            {t('consultation.close')}
          </Button>
        )
      }
    >
      <QueryState loading={detail.isLoading} error={detail.error}>
        {d && (
          <Flex vertical gap={12}>
            <Typography.Paragraph style={{ margin: 0 }}>{d.description}</Typography.Paragraph>
            <Typography.Text strong>
              {t('consultation.agreedOf', { agree: d.tally.agree, asked: d.tally.asked })} ·{' '}
              {t('consultation.area', {
                area: formatArea(d.tally.agreeArea),
                total: formatArea(d.tally.totalArea),
              })}
            </Typography.Text>
            <Table
              rowKey="unitId"
              size="small"
              dataSource={d.responses}
              pagination={{ pageSize: 12, showSizeChanger: false }}
              columns={[
                { title: t('consultation.unit'), render: (_v, r) => `${r.building} ${r.unit}` },
                { title: t('consultation.unitArea'), align: 'right', render: (_v, r) => formatArea(r.area) },
                {
                  title: t('consultation.answer'),
                  render: (_v, r) =>
                    d.abilities.record ? (
                      <Select
                        size="small"
                        value={r.answer}
                        style={{ width: 110 }}
                        onChange={(value: string) => answer.mutate({ unitId: r.unitId, value })}
                        options={['pending', 'agree', 'disagree', 'abstain'].map((a) => ({
                          value: a,
                          label: t(`answer.${a}`),
                          disabled: a === 'pending',
                        }))}
                      />
                    ) : (
                      <Tag
                        color={
                          r.answer === 'agree' ? 'success' : r.answer === 'disagree' ? 'error' : 'default'
                        }
                      >
                        {t(`answer.${r.answer}`)}
                      </Tag>
                    ),
                },
                {
                  title: t('consultation.answeredAt'),
                  render: (_v, r) => formatDateTime(r.answeredAt),
                  responsive: ['md'],
                },
                { title: t('consultation.recordedBy'), dataIndex: 'recordedBy', responsive: ['md'] },
              ]}
            />
          </Flex>
        )}
      </QueryState>
    </Modal>
  );
}
