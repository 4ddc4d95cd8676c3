import { Card, Flex, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { accountabilityRecord, CaseSummary, supervisionOrder } from '../../../contracts/cases';
import { useSupervisionReason } from '../../components/actorName';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { DueText, SlaTag } from './components';
import { SupervisionList } from './SupervisionList';

type Order = z.infer<typeof supervisionOrder>;
type Accountability = z.infer<typeof accountabilityRecord>;

/** Supervision orders awaiting or holding a response, suspensions past review, accountability records. */
export default function SupervisionPage() {
  const { t } = useTranslation('cases');
  const reasonOf = useSupervisionReason();
  const [tab, setTab] = useState('orders');
  const [open, setOpen] = useState<'true' | 'false' | undefined>('true');
  const orders = useCursorPages<Order>('/supervision-orders', { open }, 20);
  const records = useCursorPages<Accountability>('/accountability-records', {}, 20);
  const suspensions = useCursorPages<CaseSummary>('/cases', { queue: 'suspension_review_due' }, 20);
  return (
    <>
      <PageHeader title={t('supervision.title')} subtitle={t('supervision.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'orders',
              label: t('supervision.orders'),
              children: (
                <>
                  <Segmented
                    value={open ?? 'all'}
                    onChange={(v) => setOpen(v === 'all' ? undefined : (v as 'true' | 'false'))}
                    options={[
                      { value: 'true', label: t('supervision.open') },
                      { value: 'false', label: t('supervision.answered') },
                      { value: 'all', label: t('common:all') },
                    ]}
                    style={{ marginBottom: 12 }}
                  />
                  <QueryState loading={orders.isLoading} error={orders.error}>
                    <Table
                      rowKey="id"
                      size="middle"
                      pagination={false}
                      dataSource={orders.items}
                      expandable={{ expandedRowRender: (o) => <SupervisionList orders={[o]} /> }}
                      columns={[
                        {
                          title: t('field.title'),
                          render: (_v, o) => (
                            <Link to={`/cases/${o.caseId}`}>
                              {o.caseTitle}
                              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                                {o.caseNumber}
                              </Typography.Text>
                            </Link>
                          ),
                        },
                        {
                          title: t('supervision.level'),
                          render: (_v, o) => (
                            <Tag color={o.level === 'district' ? 'red' : 'orange'}>
                              {t(`supervisionLevel.${o.level}`)}
                            </Tag>
                          ),
                        },
                        {
                          title: t('supervision.reason'),
                          render: (_v, o) => reasonOf(o.reason),
                          responsive: ['lg'],
                        },
                        {
                          title: t('supervision.issued'),
                          render: (_v, o) =>
                            `${t(`supervision.source.${o.source}`)} · ${formatDateTime(o.createdAt)}`,
                          responsive: ['md'],
                        },
                        {
                          title: t('supervision.dueBy'),
                          render: (_v, o) =>
                            o.respondedAt ? (
                              <Tag color="green">{t('supervision.answered')}</Tag>
                            ) : (
                              <>
                                <DueText at={o.dueAt} sla={o.sla} /> <SlaTag sla={o.sla} />
                              </>
                            ),
                        },
                      ]}
                    />
                    <Pager
                      page={orders.page}
                      total={null}
                      hasNext={orders.hasNext}
                      onPrev={orders.prev}
                      onNext={orders.next}
                    />
                  </QueryState>
                </>
              ),
            },
            {
              key: 'suspensions',
              label: t('supervision.suspensions'),
              children: (
                <QueryState loading={suspensions.isLoading} error={suspensions.error}>
                  <Table
                    rowKey="id"
                    size="middle"
                    pagination={false}
                    dataSource={suspensions.items}
                    data-testid="suspensions-past-review"
                    columns={[
                      {
                        title: t('field.number'),
                        render: (_v, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
                      },
                      { title: t('field.title'), dataIndex: 'title' },
                      { title: t('field.community'), render: (_v, c) => c.community.name },
                      { title: t('detail.unit'), render: (_v, c) => c.lead?.name ?? '' },
                    ]}
                  />
                  <Pager
                    page={suspensions.page}
                    total={suspensions.total}
                    hasNext={suspensions.hasNext}
                    onPrev={suspensions.prev}
                    onNext={suspensions.next}
                  />
                </QueryState>
              ),
            },
            {
              key: 'accountability',
              label: t('supervision.accountability'),
              children: (
                <QueryState loading={records.isLoading} error={records.error}>
                  <Table
                    rowKey="id"
                    size="middle"
                    pagination={false}
                    dataSource={records.items}
                    columns={[
                      {
                        title: t('field.number'),
                        render: (_v, r) =>
                          r.caseId ? (
                            <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link>
                          ) : (
                            <Flex gap={4} wrap data-testid="accountability-evidence">
                              {r.evidence.map((e) => (
                                <Link key={e.caseId} to={`/cases/${e.caseId}`}>
                                  {e.number}
                                </Link>
                              ))}
                            </Flex>
                          ),
                      },
                      { title: t('detail.unit'), render: (_v, r) => r.unit?.name ?? '' },
                      {
                        title: t('field.stage'),
                        render: (_v, r) =>
                          r.stage
                            ? t(`stage.${r.stage}`)
                            : r.period
                              ? t('supervision.period', { period: r.period })
                              : '',
                      },
                      {
                        title: t('supervision.reason'),
                        render: (_v, r) =>
                          t(`accountabilityReason.${r.reason}`, {
                            defaultValue: reasonOf(r.reason),
                            count: r.evidence.length,
                          }),
                      },
                      { title: t('field.createdAt'), render: (_v, r) => formatDateTime(r.createdAt) },
                    ]}
                  />
                  <Pager
                    page={records.page}
                    total={null}
                    hasNext={records.hasNext}
                    onPrev={records.prev}
                    onNext={records.next}
                  />
                </QueryState>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
