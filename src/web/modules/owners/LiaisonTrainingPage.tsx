import { PlusOutlined } from '@ant-design/icons';
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
  Modal,
  Row,
  Select,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { liaisonKinds, trainingGroups } from '../../../contracts/owners';
import { api } from '../../api/client';
import { useCan, useSession } from '../../api/session';
import { EChart } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import type { CommitteeSummary, LiaisonEvent, TrainingRecord, TrainingSummary } from './api';
import { day, showProblem, todayPicker } from './common';

/** Owners' committee liaison events and the training of the four groups of seed section 2.3.3. */
export default function LiaisonTrainingPage() {
  const { t } = useTranslation('owners');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'liaison' ? 'liaison' : 'training';
  return (
    <>
      <PageHeader title={t('title.liaisonTraining')} subtitle={t('training.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'training', label: t('title.training'), children: <Training /> },
            { key: 'liaison', label: t('title.liaison'), children: <Liaison /> },
          ]}
        />
      </Card>
    </>
  );
}

function StreetFilter({ value, onChange }: { value?: number; onChange: (v?: number) => void }) {
  const { t } = useTranslation('owners');
  const places = usePlaces();
  if ((places.data?.streets.length ?? 0) < 2) return null;
  return (
    <Select
      allowClear
      placeholder={t('committees.allStreets')}
      value={value}
      onChange={onChange}
      options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
      style={{ width: 160 }}
    />
  );
}

function Training() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const thisYear = Number(todayPicker().format('YYYY'));
  const [filters, setFilters] = useState<{ streetId?: number; group?: string; year: number }>({
    year: thisYear,
  });
  const list = useCursorPages<TrainingRecord>('/trainings', filters, 20);
  const summary = useQuery({
    queryKey: ['training-summary', filters.year, filters.streetId],
    queryFn: () =>
      api.get<TrainingSummary>('/trainings/summary', { year: filters.year, streetId: filters.streetId }),
  });
  const [adding, setAdding] = useState(false);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: (summary.data?.groups ?? []).map((g) => t(`trainingGroup.${g.group}`)),
      },
      series: [
        {
          name: t('field.personHours'),
          type: 'bar',
          barWidth: 14,
          itemStyle: { color: '#13a8a8' },
          label: { show: true, position: 'right' },
          data: (summary.data?.groups ?? []).map((g) => Number(g.personHours)),
        },
      ],
    }),
    [summary.data, t],
  );
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <Flex gap={12} wrap>
          <Select
            value={filters.year}
            onChange={(v) => setFilters({ ...filters, year: v })}
            options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: String(thisYear - d) }))}
            style={{ width: 100 }}
          />
          <StreetFilter value={filters.streetId} onChange={(v) => setFilters({ ...filters, streetId: v })} />
          <Select
            allowClear
            placeholder={t('training.allGroups')}
            value={filters.group}
            onChange={(v) => setFilters({ ...filters, group: v })}
            options={trainingGroups.map((g) => ({ value: g, label: t(`trainingGroup.${g}`) }))}
            style={{ width: 180 }}
          />
        </Flex>
        {can('training.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('training.add')}
          </Button>
        )}
      </Flex>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <QueryState loading={summary.isLoading} error={summary.error}>
            <Table
              rowKey="group"
              size="small"
              pagination={false}
              dataSource={summary.data?.groups ?? []}
              columns={[
                { title: t('training.group'), render: (_v, g) => t(`trainingGroup.${g.group}`) },
                { title: t('training.sessions'), dataIndex: 'sessions', align: 'right' },
                { title: t('field.hours'), dataIndex: 'hours', align: 'right' },
                { title: t('field.attendees'), dataIndex: 'attendees', align: 'right' },
                { title: t('field.personHours'), dataIndex: 'personHours', align: 'right' },
              ]}
            />
          </QueryState>
        </Col>
        <Col xs={24} lg={12}>
          <EChart option={option} height={180} />
        </Col>
      </Row>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        locale={{ emptyText: t('training.empty') }}
        columns={[
          { title: t('field.heldOn'), dataIndex: 'heldOn', width: 110 },
          { title: t('field.title'), dataIndex: 'title' },
          { title: t('training.group'), render: (_v, r) => <Tag>{t(`trainingGroup.${r.group}`)}</Tag> },
          { title: t('field.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('field.attendees'), dataIndex: 'attendees', align: 'right' },
          { title: t('field.trainer'), dataIndex: 'trainer', responsive: ['md'] },
          {
            title: t('field.street'),
            render: (_v, r) => r.street?.name ?? t('training.districtWide'),
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
      {adding && <TrainingModal onClose={() => setAdding(false)} />}
    </>
  );
}

function useStreetDefault() {
  const { data: session } = useSession();
  const places = usePlaces();
  const role = session?.roles.find((r) => r.place?.level === 'street');
  return role?.place?.id ?? (places.data?.streets.length === 1 ? places.data.streets[0]!.id : undefined);
}

function TrainingModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const places = usePlaces();
  const streetId = useStreetDefault();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: {
      streetId?: number;
      group: string;
      title: string;
      heldOn: Dayjs;
      hours: number;
      attendees: number;
      trainer: string;
      notes?: string;
    }) =>
      api.post('/trainings', {
        ...(v.streetId ? { streetId: v.streetId } : {}),
        group: v.group,
        title: v.title,
        heldOn: day(v.heldOn),
        hours: String(v.hours),
        attendees: v.attendees,
        trainer: v.trainer,
        notes: v.notes ?? '',
      }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['/trainings'] });
      void client.invalidateQueries({ queryKey: ['training-summary'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={600}
      title={t('training.add')}
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
        initialValues={{ streetId, heldOn: todayPicker(), group: 'owners_committee_members', hours: 2 }}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="streetId"
            label={t('field.street')}
            extra={t('training.streetHelp')}
            style={{ width: 200 }}
          >
            <Select
              allowClear
              placeholder={t('training.districtWide')}
              options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item name="group" label={t('training.group')} style={{ width: 200 }}>
            <Select options={trainingGroups.map((g) => ({ value: g, label: t(`trainingGroup.${g}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="heldOn" label={t('field.heldOn')} rules={required}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="hours" label={t('field.hours')} rules={required}>
            <InputNumber min={0.5} max={999} step={0.5} precision={1} />
          </Form.Item>
          <Form.Item name="attendees" label={t('field.attendees')} rules={required}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
        </Flex>
        <Form.Item name="trainer" label={t('field.trainer')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="notes" label={t('committees.note')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Liaison() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const [streetId, setStreetId] = useState<number | undefined>();
  const list = useCursorPages<LiaisonEvent>('/liaison-events', { streetId }, 20);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
        <StreetFilter value={streetId} onChange={setStreetId} />
        {can('liaison.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('liaison.add')}
          </Button>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={list.items}
        loading={list.isFetching}
        locale={{ emptyText: t('liaison.empty') }}
        expandable={{
          rowExpandable: (e) => Boolean(e.notes),
          expandedRowRender: (e) => (
            <Typography.Paragraph style={{ margin: 0 }}>{e.notes}</Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('field.heldOn'), dataIndex: 'heldOn', width: 110 },
          { title: t('field.title'), dataIndex: 'title' },
          { title: t('liaison.kind'), render: (_v, e) => <Tag>{t(`liaisonKind.${e.kind}`)}</Tag> },
          {
            title: t('liaison.committees'),
            render: (_v, e) => (
              <Typography.Text
                ellipsis={{ tooltip: e.committees.map((c) => c.name).join(t('common:listSeparator')) }}
                style={{ maxWidth: 280 }}
              >
                {t('liaison.committeeCount', { count: e.committees.length })}
              </Typography.Text>
            ),
          },
          { title: t('field.street'), render: (_v, e) => e.street.name, responsive: ['lg'] },
        ]}
      />
      <Pager
        page={list.page}
        total={list.total}
        hasNext={list.hasNext}
        onPrev={list.prev}
        onNext={list.next}
      />
      {adding && <LiaisonModal onClose={() => setAdding(false)} />}
    </>
  );
}

function LiaisonModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const client = useQueryClient();
  const places = usePlaces();
  const streetDefault = useStreetDefault();
  const [form] = Form.useForm();
  const streetId = (Form.useWatch('streetId', form) as number | undefined) ?? streetDefault;
  const committees = useQuery({
    queryKey: ['liaison-committees', streetId],
    queryFn: () =>
      api.get<{ items: CommitteeSummary[] }>('/owners-committees', {
        streetId,
        status: 'active',
        limit: 200,
      }),
    enabled: Boolean(streetId),
  });
  const save = useMutation({
    mutationFn: (v: {
      streetId: number;
      heldOn: Dayjs;
      title: string;
      kind: string;
      ownersCommitteeIds: number[];
      notes?: string;
    }) => api.post('/liaison-events', { ...v, heldOn: day(v.heldOn), notes: v.notes ?? '' }),
    onSuccess: () => {
      message.success(t('common:saved'));
      void client.invalidateQueries({ queryKey: ['/liaison-events'] });
      onClose();
    },
    onError: (err) => showProblem(err, message, form),
  });
  const required = [{ required: true, message: t('errors:field.required') }];
  return (
    <Modal
      open
      width={600}
      title={t('liaison.add')}
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
        initialValues={{ streetId: streetDefault, heldOn: todayPicker(), kind: 'exchange' }}
      >
        <Flex gap={12} wrap>
          <Form.Item name="streetId" label={t('field.street')} rules={required} style={{ width: 200 }}>
            <Select options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('liaison.kind')} style={{ width: 140 }}>
            <Select options={liaisonKinds.map((k) => ({ value: k, label: t(`liaisonKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('field.heldOn')} rules={required}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="title" label={t('field.title')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="ownersCommitteeIds" label={t('liaison.committees')} rules={required}>
          <Select
            mode="multiple"
            options={(committees.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('committees.note')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
