import { CheckCircleOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { AuditEntryView, auditVerifyResult } from '../../../contracts/audit';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { useActorName } from '../../components/actorName';
import { formatDateTime, pickerToInstant } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';

type Verify = z.infer<typeof auditVerifyResult>;

/** Records that have a page of their own, by the audit log's entity type. */
const recordPages: Record<string, string> = {
  case: '/cases',
  community: '/communities',
  asset: '/assets',
  hazard: '/hazards',
  vote: '/votes',
  fund_use: '/fund-uses',
  fee_contract: '/fees/contracts',
  mediation_case: '/mediation',
  owners_committee: '/owners-committees',
  recollection: '/funds/recollections',
};

/** Before and after of one change, field by field, changed fields marked. */
function Diff({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation('audit');
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const show = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={keys.map((key) => ({ key, before: show(before[key]), after: show(after[key]) }))}
      rowClassName={(r) => (r.before !== r.after ? 'audit-changed' : '')}
      columns={[
        { title: t('field'), dataIndex: 'key', width: 200 },
        {
          title: t('before'),
          dataIndex: 'before',
          render: (v: string, r) => (
            <Typography.Text delete={r.before !== r.after && v !== ''}>{v}</Typography.Text>
          ),
        },
        {
          title: t('after'),
          dataIndex: 'after',
          render: (v: string, r) => <Typography.Text strong={r.before !== r.after}>{v}</Typography.Text>,
        },
      ]}
    />
  );
}

/** The append-only audit log: who changed what, when, before and after; and a check of the SM3 chain. */
export default function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const can = useCan();
  const [filters, setFilters] = useState<{
    entityType?: string;
    entityId?: string;
    action?: string;
    actor?: string;
    from?: string;
    to?: string;
  }>({});
  const list = useCursorPages<AuditEntryView>('/audit', filters, 30);
  const verify = useMutation({ mutationFn: () => api.get<Verify>('/audit/verify') });
  const set = (key: string, value: string | undefined) =>
    setFilters({ ...filters, [key]: value?.trim() || undefined });

  const actorName = useActorName();
  const bundle = (i18n.getResourceBundle(i18n.language, 'audit') ?? {}) as {
    entities?: Record<string, string>;
    events?: Record<string, Record<string, string>>;
  };
  const eventName = (action: string) =>
    i18n.exists(`audit:events.${action}`) ? t(`events.${action}`) : t('otherEvent');
  const entityName = (type: string) =>
    i18n.exists(`audit:entities.${type}`) ? t(`entities.${type}`) : t('entity');
  const columns: ColumnsType<AuditEntryView> = [
    { title: t('at'), render: (_v, e) => formatDateTime(e.at), width: 150 },
    { title: t('actor'), render: (_v, e) => actorName(e.actor), width: 160 },
    { title: t('action'), render: (_v, e) => <Tag title={e.action}>{eventName(e.action)}</Tag> },
    {
      title: t('entity'),
      render: (_v, e) => {
        const text = t('record', { type: entityName(e.entityType), id: e.entityId });
        const page = recordPages[e.entityType];
        return page ? <Link to={`${page}/${e.entityId}`}>{text}</Link> : text;
      },
    },
    { title: t('street'), render: (_v, e) => e.street?.name ?? t('district'), responsive: ['lg'] },
    { title: t('chain'), render: (_v, e) => `${e.chain}/${e.seq}`, responsive: ['xl'], width: 90 },
  ];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          can('audit.verify') && (
            <Button
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
              data-testid="audit-verify"
            >
              {t('verify')}
            </Button>
          )
        }
      />
      {verify.data && (
        <Alert
          style={{ marginBottom: 16 }}
          type={verify.data.ok ? 'success' : 'error'}
          icon={verify.data.ok ? <CheckCircleOutlined /> : <WarningOutlined />}
          showIcon
          data-testid="audit-verify-result"
          title={
            verify.data.ok
              ? t('verifyOk', { rows: verify.data.rows, chains: verify.data.chains })
              : t('verifyBroken', {
                  chain: verify.data.broken?.chain,
                  seq: verify.data.broken?.seq,
                  reason: t(`reasons.${verify.data.broken?.reason}`),
                })
          }
        />
      )}
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('entityTypeAll')}
            style={{ width: 160 }}
            onChange={(v?: string) => set('entityType', v)}
            options={Object.keys(bundle.entities ?? {}).map((k) => ({ value: k, label: entityName(k) }))}
            data-testid="audit-filter-entity"
          />
          <Input
            allowClear
            placeholder={t('entityId')}
            style={{ width: 120 }}
            onBlur={(e) => set('entityId', e.target.value)}
            onPressEnter={(e) => set('entityId', e.currentTarget.value)}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('actionAll')}
            style={{ width: 220 }}
            onChange={(v?: string) => set('action', v)}
            options={Object.entries(bundle.events ?? {}).map(([group, events]) => ({
              label: t(`eventGroups.${group}`),
              title: t(`eventGroups.${group}`),
              options: Object.keys(events).map((e) => ({
                value: `${group}.${e}`,
                label: eventName(`${group}.${e}`),
              })),
            }))}
            data-testid="audit-filter-action"
          />
          <Input
            allowClear
            placeholder={t('actor')}
            style={{ width: 150 }}
            onBlur={(e) => set('actor', e.target.value)}
            onPressEnter={(e) => set('actor', e.currentTarget.value)}
          />
          <DatePicker.RangePicker
            showTime
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              setFilters({
                ...filters,
                from: range?.[0] ? pickerToInstant(range[0]) : undefined,
                to: range?.[1] ? pickerToInstant(range[1]) : undefined,
              })
            }
          />
        </Flex>
        <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
          <Table
            rowKey={(e) => `${e.chain}-${e.seq}`}
            size="small"
            columns={columns}
            dataSource={list.items}
            loading={list.isFetching}
            pagination={false}
            expandable={{ expandedRowRender: (e) => <Diff entry={e} /> }}
            data-testid="audit-table"
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
