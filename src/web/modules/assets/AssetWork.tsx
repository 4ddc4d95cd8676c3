import { Alert, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AssetBreachView, breachRules } from '../../../contracts/assets';
import type { CaseSummary } from '../../../contracts/cases';
import { useCan } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryState } from '../../components/QueryState';
import { useCursorPages } from '../../components/useCursorPages';
import { CaseStateTag } from '../cases/components';
import { badgeColors } from './tags';

/** The cases that name this asset, newest first: the asset page's list. */
export function AssetCasesCard({ assetId }: { assetId: number }) {
  const { t } = useTranslation('assets');
  const can = useCan();
  const pages = useCursorPages<CaseSummary>('/cases', { assetId }, 10);
  if (!can('cases.read')) return null;
  return (
    <Card title={t('breach.relatedCases')} size="small" data-testid="asset-cases">
      <QueryState loading={pages.isLoading} error={pages.error} retry={() => void pages.refetch()}>
        <Table<CaseSummary>
          size="small"
          rowKey="id"
          dataSource={pages.items}
          pagination={false}
          locale={{ emptyText: t('breach.noCases') }}
          columns={[
            {
              title: t('cases:field.number'),
              render: (_v, c) => <Link to={`/cases/${c.id}`}>{c.number}</Link>,
              width: 170,
            },
            { title: t('cases:field.title'), dataIndex: 'title', ellipsis: true },
            {
              title: t('cases:field.state'),
              render: (_v, c) => <CaseStateTag state={c.state} />,
              width: 110,
            },
            {
              title: t('cases:detail.channel'),
              render: (_v, c) => t(`cases:channel.${c.channel}`),
              width: 150,
            },
            { title: t('cases:field.createdAt'), render: (_v, c) => formatDateTime(c.createdAt), width: 160 },
          ]}
        />
        <Pager
          page={pages.page}
          total={pages.total}
          hasNext={pages.hasNext}
          onPrev={pages.prev}
          onNext={pages.next}
        />
      </QueryState>
    </Card>
  );
}

function useBreachColumns(showAsset: boolean): ColumnsType<AssetBreachView> {
  const { t } = useTranslation('assets');
  return [
    ...(showAsset
      ? ([
          {
            title: t('breach.asset'),
            render: (_v, b) => (
              <Space direction="vertical" size={0}>
                <Link to={`/assets/${b.asset.id}`}>{b.asset.name}</Link>
                <Typography.Text type="secondary">
                  {b.asset.code} · {t(`kind.${b.asset.kind}`)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('breach.community'),
            render: (_v, b) => `${b.street.name} · ${b.community.name}`,
          },
        ] as ColumnsType<AssetBreachView>)
      : []),
    {
      title: t('breach.rule'),
      render: (_v, b) => <Tag color={badgeColors[b.rule]}>{t(`badge.${b.rule}`)}</Tag>,
      width: 130,
    },
    {
      title: t('breach.maintainer'),
      render: (_v, b) => `${b.maintainer.name} (${t(`maintainerKind.${b.maintainer.kind}`)})`,
    },
    { title: t('breach.openedOn'), dataIndex: 'openedOn', width: 110 },
    {
      title: t('breach.state'),
      render: (_v, b) =>
        b.status === 'open' ? (
          <Tag color="orange">{t('breach.status.open')}</Tag>
        ) : (
          <Tag color="green">
            {t('breach.status.cured')} {b.curedOn}
          </Tag>
        ),
      width: 150,
    },
    {
      title: t('breach.case'),
      render: (_v, b) =>
        b.case ? (
          <Link to={`/cases/${b.case.id}`}>{b.case.number}</Link>
        ) : b.status === 'open' ? (
          <Typography.Text type="secondary">
            {t('breach.escalateOn')} {b.escalateOn}
          </Typography.Text>
        ) : null,
      width: 190,
    },
    {
      title: t('breach.renewal'),
      render: (_v, b) =>
        b.renewalPath && b.status === 'open' ? (
          <Space size={4} wrap>
            <Link to={`/assets/${b.asset.id}`}>{t('breach.recordAssessment')}</Link>
            <Link to="/fund-uses">{t('breach.applyFund')}</Link>
          </Space>
        ) : null,
      width: 170,
    },
  ];
}

/** This asset's tasks, open and cleared. */
export function AssetBreachesTable({ assetId }: { assetId: number }) {
  const { t } = useTranslation('assets');
  const pages = useCursorPages<AssetBreachView>('/asset-breaches', { assetId }, 10);
  const columns = useBreachColumns(false);
  return (
    <QueryState loading={pages.isLoading} error={pages.error} retry={() => void pages.refetch()}>
      <Table<AssetBreachView>
        size="small"
        rowKey="id"
        dataSource={pages.items}
        pagination={false}
        locale={{ emptyText: t('breach.noBreaches') }}
        columns={columns}
        data-testid="asset-breaches"
      />
      <Pager
        page={pages.page}
        total={pages.total}
        hasNext={pages.hasNext}
        onPrev={pages.prev}
        onNext={pages.next}
      />
    </QueryState>
  );
}

/**
 * Asset tasks: the work the daily sweep made of rule breaches, for the maintainers, the street, and the
 * owners' committee (an elevator past 15 years: assessment, then renewal through the maintenance fund).
 */
export default function AssetBreachesPage() {
  const { t } = useTranslation('assets');
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [rule, setRule] = useState<string | undefined>();
  const pages = useCursorPages<AssetBreachView>('/asset-breaches', {
    status: status === 'open' ? 'open' : undefined,
    rule,
  });
  const columns = useBreachColumns(true);
  return (
    <>
      <PageHeader title={t('breach.title')} subtitle={t('breach.subtitle')} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as 'open' | 'all')}
            options={[
              { value: 'open', label: t('breach.onlyOpen') },
              { value: 'all', label: t('common:all') },
            ]}
          />
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('breach.allRules')}
            value={rule}
            onChange={setRule}
            options={breachRules.map((r) => ({ value: r, label: t(`badge.${r}`) }))}
            data-testid="breach-rule"
          />
        </Space>
        {rule === 'risk_assessment_required' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('breach.renewalHelp')} />
        )}
        <QueryState loading={pages.isLoading} error={pages.error} retry={() => void pages.refetch()}>
          <Table<AssetBreachView>
            size="small"
            rowKey="id"
            dataSource={pages.items}
            pagination={false}
            locale={{ emptyText: t('breach.empty') }}
            columns={columns}
            scroll={{ x: 1100 }}
            data-testid="breach-list"
          />
          <Pager
            page={pages.page}
            total={pages.total}
            hasNext={pages.hasNext}
            onPrev={pages.prev}
            onNext={pages.next}
          />
        </QueryState>
      </Card>
    </>
  );
}
