import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Flex, Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FundUseState } from '../../../contracts/funds';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { Money } from '../owners/common';
import type { AccountStatement, EntryDetail } from './api';

/** Balance against the first deposit; red below the 30% line of SPEC 5.6. */
export function BalancePercent({ percent, depleted }: { percent: string; depleted: boolean }) {
  const pct = Number(percent);
  return (
    <Flex align="center" gap={8} style={{ minWidth: 130 }}>
      <Progress
        percent={Math.min(pct, 100)}
        size="small"
        showInfo={false}
        strokeColor={depleted ? '#ff4d4f' : pct < 50 ? '#faad14' : '#52c41a'}
        style={{ flex: 1, margin: 0 }}
      />
      <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{percent}%</span>
    </Flex>
  );
}

const useColor: Record<FundUseState, string> = {
  draft: 'default',
  voting: 'processing',
  committee_confirmed: 'cyan',
  submitted: 'gold',
  bureau_approved: 'lime',
  bureau_rejected: 'red',
  disbursing: 'blue',
  accepted: 'geekblue',
  disclosed: 'green',
  cancelled: 'default',
};

export function FundUseStatusTag({ status }: { status: FundUseState }) {
  const { t } = useTranslation('funds');
  return (
    <Tag color={useColor[status]} data-testid="fund-use-status">
      {t(`useStatus.${status}`)}
    </Tag>
  );
}

/** A journal entry with its lines: which accounts were debited and credited. */
export function EntryDrawer({ entryId, onClose }: { entryId: number; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const { data, isLoading, error } = useQuery({
    queryKey: ['fund-entry', entryId],
    queryFn: () => api.get<EntryDetail>(`/funds/entries/${entryId}`),
  });
  return (
    <Drawer open onClose={onClose} size="large" title={t('journal.entryTitle', { id: entryId })}>
      <QueryState loading={isLoading} error={error}>
        {data && (
          <Flex vertical gap={16}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('journal.date')}>{data.entryDate}</Descriptions.Item>
              <Descriptions.Item label={t('journal.kind')}>{t(`entryKind.${data.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.community')}>{data.community.name}</Descriptions.Item>
              <Descriptions.Item label={t('journal.total')}>
                <Money fen={data.totalFen} strong />
              </Descriptions.Item>
              <Descriptions.Item label={t('journal.memo')} span={2}>
                {data.memo}
              </Descriptions.Item>
              {data.ref?.type === 'fund_use' && (
                <Descriptions.Item label={t('journal.ref')} span={2}>
                  <Link to={`/fund-uses/${data.ref.id}`}>{t('journal.fundUseRef', { id: data.ref.id })}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('journal.recorded')} span={2}>
                {formatDateTime(data.createdAt)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('journal.balanced')}</Typography.Text>
            <Table
              rowKey={(l) => `${l.account.id}`}
              size="small"
              dataSource={data.lines}
              pagination={data.lines.length > 20 ? { pageSize: 20 } : false}
              columns={[
                {
                  title: t('journal.account'),
                  render: (_v, l) => (
                    <span>
                      {l.account.label}{' '}
                      <Typography.Text type="secondary">
                        {t(`accountKind.${l.account.kind}`)}
                        {l.account.fundType ? ` · ${t(`fundType.${l.account.fundType}`)}` : ''}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('journal.debit'),
                  render: (_v, l) => (l.debitFen ? <Money fen={l.debitFen} /> : ''),
                  align: 'right',
                },
                {
                  title: t('journal.credit'),
                  render: (_v, l) => (l.creditFen ? <Money fen={l.creditFen} /> : ''),
                  align: 'right',
                },
              ]}
              summary={(lines) => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('journal.sum')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <Money fen={lines.reduce((s, l) => s + l.debitFen, 0)} strong />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Money fen={lines.reduce((s, l) => s + l.creditFen, 0)} strong />
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}

/** An account's movements, newest first, with its balance. */
export function StatementDrawer({ accountId, onClose }: { accountId: number; onClose: () => void }) {
  const { t } = useTranslation('funds');
  const { data, isLoading, error } = useQuery({
    queryKey: ['fund-statement', accountId],
    queryFn: () => api.get<AccountStatement>(`/funds/accounts/${accountId}/statement`, { limit: 200 }),
  });
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={data ? `${data.account.label} · ${t('units.statement')}` : ''}
    >
      <QueryState loading={isLoading} error={error}>
        {data && (
          <Flex vertical gap={12}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('journal.account')}>
                {t(`accountKind.${data.account.kind}`)}
                {data.account.fundType ? ` · ${t(`fundType.${data.account.fundType}`)}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('units.balance')}>
                <Money fen={data.balanceFen} strong />
              </Descriptions.Item>
            </Descriptions>
            <Table
              rowKey={(r) => `${r.entryId}-${r.debitFen}-${r.creditFen}`}
              size="small"
              dataSource={data.items}
              pagination={false}
              data-testid="statement-table"
              columns={[
                { title: t('journal.date'), dataIndex: 'entryDate', width: 110 },
                { title: t('journal.kind'), render: (_v, r) => t(`entryKind.${r.kind}`) },
                { title: t('journal.memo'), dataIndex: 'memo' },
                {
                  title: t('units.in'),
                  render: (_v, r) => (r.creditFen ? <Money fen={r.creditFen} /> : ''),
                  align: 'right',
                },
                {
                  title: t('units.out'),
                  render: (_v, r) => (r.debitFen ? <Money fen={r.debitFen} /> : ''),
                  align: 'right',
                },
              ]}
            />
          </Flex>
        )}
      </QueryState>
    </Drawer>
  );
}
