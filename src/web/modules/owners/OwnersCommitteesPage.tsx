import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { committeeStatuses, MAX_TERM_YEARS } from '../../../contracts/owners';
import { api, downloadUrl } from '../../api/client';
import { useCan } from '../../api/session';
import { EChart } from '../../components/EChart';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { usePlaces } from '../org/api';
import {
  type CommitteeDetail,
  type CommitteeSummary,
  type ComplianceReport,
  type Reminder,
  useCompliance,
} from './api';
import { CommunitySelect, day, showProblem } from './common';

/** The compliance rate as a coloured progress bar. */
export function ComplianceBar({ compliance }: { compliance: CommitteeSummary['compliance'] }) {
  const pct = Number(compliance.percent);
  return (
    <Flex align="center" gap={8} style={{ minWidth: 150 }}>
      <Progress
        percent={pct}
        size="small"
        showInfo={false}
        strokeColor={pct >= 75 ? '#52c41a' : pct >= 50 ? '#faad14' : '#ff4d4f'}
        style={{ flex: 1, margin: 0 }}
      />
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {compliance.compliant}/{compliance.total}
      </span>
    </Flex>
  );
}

export function TermText({
  c,
}: {
  c: Pick<CommitteeSummary, 'termStart' | 'termEnd' | 'daysToTermEnd' | 'reelectionDue'>;
}) {
  const { t } = useTranslation('owners');
  return (
    <Flex vertical>
      <span style={{ whiteSpace: 'nowrap' }}>
        {c.termStart} – {c.termEnd}
      </span>
      {c.daysToTermEnd < 0 ? (
        <Tag color="red" style={{ width: 'fit-content' }}>
          {t('committees.expired', { days: -c.daysToTermEnd })}
        </Tag>
      ) : c.reelectionDue ? (
        <Tag color="orange" style={{ width: 'fit-content' }}>
          {t('committees.reelectionDue', { days: c.daysToTermEnd })}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** Owners' committees: terms, members, the eight systems' compliance per committee and per street. */
export default function OwnersCommitteesPage() {
  const { t } = useTranslation('owners');
  const can = useCan();
  const places = usePlaces();
  const manyStreets = (places.data?.streets.length ?? 0) > 1;
  const [filters, setFilters] = useState<{ streetId?: number; status?: string; termEndsWithinDays?: number }>(
    {
      status: 'active',
    },
  );
  const list = useCursorPages<CommitteeSummary>('/owners-committees', filters, 20);
  const compliance = useCompliance(filters.streetId);
  const reminders = useCursorPages<Reminder>(
    '/owners-committees/reminders',
    { streetId: filters.streetId },
    8,
  );
  const [registering, setRegistering] = useState(false);

  const columns: ColumnsType<CommitteeSummary> = [
    {
      title: t('field.committee'),
      render: (_v, c) => (
        <Flex vertical>
          <Link to={`/owners-committees/${c.id}`} data-testid="committee-link">
            {c.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.community.name}
            {manyStreets ? ` · ${c.street.name}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('field.committeeStatus'),
      // an active committee whose term has run out is not simply "in office": it owes a re-election
      render: (_v, c) =>
        c.status === 'active' && c.daysToTermEnd < 0 ? (
          <Tag color="orange">{t('committeeStatus.overdue')}</Tag>
        ) : (
          <Tag color={c.status === 'active' ? 'green' : 'default'}>{t(`committeeStatus.${c.status}`)}</Tag>
        ),
    },
    { title: t('committees.term'), render: (_v, c) => <TermText c={c} /> },
    {
      title: t('field.members'),
      render: (_v, c) => (
        <span>
          {c.memberCount}
          {c.crossAppointedCount > 0 && (
            <Typography.Text type="secondary">
              {' '}
              {t('committees.crossCount', { count: c.crossAppointedCount })}
            </Typography.Text>
          )}
        </span>
      ),
      responsive: ['md'],
    },
    { title: t('field.compliance'), render: (_v, c) => <ComplianceBar compliance={c.compliance} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('title.committees')}
        subtitle={t('committees.subtitle')}
        extra={
          <>
            {can('owners.export') && (
              <Button
                icon={<DownloadOutlined />}
                href={downloadUrl('/owners-committees/export.xlsx', { ...filters })}
                data-testid="export-excel"
              >
                {t('common:exportExcel')}
              </Button>
            )}
            {can('owners_committee.register') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="committee-register"
              >
                {t('committees.register')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Flex gap={12} wrap style={{ marginBottom: 16 }}>
              {manyStreets && (
                <Select
                  allowClear
                  placeholder={t('committees.allStreets')}
                  value={filters.streetId}
                  onChange={(v) => setFilters({ ...filters, streetId: v })}
                  options={(places.data?.streets ?? []).map((s) => ({ value: s.id, label: s.name }))}
                  style={{ width: 160 }}
                />
              )}
              <Select
                allowClear
                placeholder={t('committees.allStatuses')}
                value={filters.status}
                onChange={(v) => setFilters({ ...filters, status: v })}
                options={committeeStatuses.map((s) => ({ value: s, label: t(`committeeStatus.${s}`) }))}
                style={{ width: 140 }}
              />
              <Select
                allowClear
                placeholder={t('committees.termFilter')}
                value={filters.termEndsWithinDays}
                onChange={(v) => setFilters({ ...filters, termEndsWithinDays: v })}
                options={[180, 90, 30].map((d) => ({
                  value: d,
                  label: t('committees.termEndsWithin', { days: d }),
                }))}
                style={{ width: 200 }}
              />
            </Flex>
            <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
              <Table
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={list.items}
                loading={list.isFetching}
                pagination={false}
                data-testid="committee-table"
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
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('title.compliance')}>
              <QueryState loading={compliance.isLoading} error={compliance.error}>
                {compliance.data && <ComplianceOverview report={compliance.data} />}
              </QueryState>
            </Card>
            <Card title={t('committees.reminders')}>
              <List
                size="small"
                dataSource={reminders.items}
                locale={{ emptyText: t('committees.noReminders') }}
                renderItem={(r) => (
                  <List.Item>
                    <Flex vertical>
                      <Link to={`/owners-committees/${r.committee.id}`}>{r.committee.name}</Link>
                      <Typography.Text
                        type={r.kind === 'expired' ? 'danger' : 'warning'}
                        style={{ fontSize: 12 }}
                      >
                        {t(`reminder.${r.kind}`)} · {r.termEnd} · {formatDate(r.createdAt)}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
    </>
  );
}

/** The compliance rate overall, per street and per system. */
export function ComplianceOverview({ report, compact }: { report: ComplianceReport; compact?: boolean }) {
  const { t } = useTranslation('owners');
  const systems = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: Math.max(report.committees, 1), minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: report.bySystem.map((s) => t(`systemShort.${s.system}`)),
        axisLabel: { fontSize: 11 },
      },
      series: [
        {
          type: 'bar',
          barWidth: 12,
          data: report.bySystem.map((s) => ({
            value: s.compliant,
            itemStyle: {
              color:
                s.compliant === report.committees
                  ? '#52c41a'
                  : s.compliant * 2 >= report.committees
                    ? '#1f5fbf'
                    : '#ff7a45',
            },
          })),
          label: { show: true, position: 'right', formatter: `{c}/${report.committees}`, fontSize: 11 },
        },
      ],
    }),
    [report, t],
  );
  const streets = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: report.byStreet.map((s) => s.street.name) },
      series: [
        {
          type: 'bar',
          barWidth: 12,
          data: report.byStreet.map((s) => Number(s.percent)),
          itemStyle: { color: '#13a8a8' },
          label: { show: true, position: 'right', formatter: '{c}%', fontSize: 11 },
        },
      ],
    }),
    [report],
  );
  return (
    <Flex vertical gap={12} data-testid="compliance-overview">
      <Row gutter={12}>
        <Col span={12}>
          <Statistic
            title={t('compliance.rate')}
            value={report.percent}
            suffix="%"
            data-testid="compliance-rate"
          />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('compliance.fullyCompliant')}
            value={report.fullyCompliant}
            suffix={`/ ${report.committees}`}
          />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('compliance.explain', { asOf: report.asOf })}
      </Typography.Text>
      <Typography.Text strong>{t('compliance.bySystem')}</Typography.Text>
      <EChart option={systems} height={230} testId="compliance-systems-chart" />
      {!compact && report.byStreet.length > 1 && (
        <>
          <Typography.Text strong>{t('compliance.byStreet')}</Typography.Text>
          <EChart option={streets} height={Math.max(120, report.byStreet.length * 28)} />
        </>
      )}
    </Flex>
  );
}

function RegisterModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('owners');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<CommitteeDetail>('/owners-committees', v),
    onSuccess: (c) => {
      message.success(t('common:saved'));
      navigate(`/owners-committees/${c.id}`);
    },
    onError: (err) => showProblem(err, message, form),
  });
  return (
    <Modal
      open
      title={t('committees.register')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={t('common:save')}
    >
      <Typography.Paragraph type="secondary">
        {t('committees.registerHelp', { years: MAX_TERM_YEARS })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          save.mutate({
            communityId: v.communityId,
            name: v.name,
            electedOn: day(v.electedOn),
            termStart: day(v.termStart),
            termEnd: day(v.termEnd),
            ...(v.filedOn ? { filedOn: day(v.filedOn) } : {}),
          })
        }
      >
        <Form.Item
          name="communityId"
          label={t('field.community')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <CommunitySelect width="100%" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('committees.name')}
          rules={[{ required: true, message: t('errors:field.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="electedOn"
            label={t('field.electedOn')}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="termStart"
            label={t('field.termStart')}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="termEnd"
            label={t('field.termEnd')}
            rules={[{ required: true, message: t('errors:field.required') }]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="filedOn" label={t('field.filedOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
