import { CheckCircleOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AuditEntryView, auditVerifyResult } from '../../../contracts/audit';
import { api } from '../../api/client';
import { useCan } from '../../api/session';
import { formatDateTime, pickerToInstant } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';

type Verify = z.infer<typeof auditVerifyResult>;

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
  const { t } = useTranslation('audit');
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

  const columns: ColumnsType<AuditEntryView> = [
    { title: t('at'), render: (_v, e) => formatDateTime(e.at), width: 150 },
    { title: t('actor'), dataIndex: 'actor', width: 140 },
    { title: t('action'), render: (_v, e) => <Tag>{e.action}</Tag> },
    { title: t('entity'), render: (_v, e) => `${e.entityType} #${e.entityId}` },
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
          <Input
            allowClear
            placeholder={t('entityType')}
            style={{ width: 150 }}
            onBlur={(e) => set('entityType', e.target.value)}
            onPressEnter={(e) => set('entityType', e.currentTarget.value)}
          />
          <Input
            allowClear
            placeholder={t('entityId')}
            style={{ width: 120 }}
            onBlur={(e) => set('entityId', e.target.value)}
            onPressEnter={(e) => set('entityId', e.currentTarget.value)}
          />
          <Input
            allowClear
            placeholder={t('actionPrefix')}
            style={{ width: 170 }}
            onBlur={(e) => set('action', e.target.value)}
            onPressEnter={(e) => set('action', e.currentTarget.value)}
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
