import { InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  KpiCell,
  KpiDefinitionOut,
  KpiLevel,
  KpiValuesOut,
  kpiUnits,
} from '../../../contracts/assessment';
import { kpiLevels } from '../../../contracts/assessment';
import type { Role } from '../../../contracts/roles';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { formatDateTime, formatNumber, SHANGHAI } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

type PeriodKind = 'month' | 'quarter' | 'year';
type Row = KpiValuesOut['rows'][number];

/** The level a role looks at first: its own. */
function defaultLevel(roles: Role[]): KpiLevel {
  if (roles.some((r) => r === 'district_admin' || r === 'district_leader' || r === 'street')) return 'street';
  if (roles.includes('committee')) return 'committee';
  if (roles.includes('department')) return 'department';
  if (roles.includes('property')) return 'property';
  return 'community';
}

/** The periods offered: this one and the ones before it, in Asia/Shanghai. */
function periodsOf(kind: PeriodKind): string[] {
  const now = dayjs().tz(SHANGHAI);
  if (kind === 'year') return Array.from({ length: 5 }, (_, i) => String(now.year() - i));
  if (kind === 'quarter')
    return Array.from({ length: 8 }, (_, i) => {
      const m = now.subtract(i * 3, 'month');
      return `${m.year()}-Q${Math.floor(m.month() / 3) + 1}`;
    });
  return Array.from({ length: 24 }, (_, i) => now.subtract(i, 'month').format('YYYY-MM'));
}

function Value({ cell, unit }: { cell: KpiCell | undefined; unit: (typeof kpiUnits)[number] }) {
  const { t } = useTranslation('assessment');
  if (!cell || cell.value === null)
    return (
      <Typography.Text type="secondary" data-testid="kpi-no-value">
        {t('noValue')}
      </Typography.Text>
    );
  return (
    <span data-testid="kpi-value">
      <Typography.Text strong>{formatNumber(cell.value)}</Typography.Text>
      {unit === 'percent' ? '' : ' '}
      <Typography.Text type="secondary">{t(`unitKind.${unit}`)}</Typography.Text>
    </span>
  );
}

function Fraction({ cell }: { cell: KpiCell | undefined }) {
  const { t } = useTranslation('assessment');
  if (!cell || cell.denominator === null) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
      {t('cellTitle', {
        numerator: formatNumber(cell.numerator),
        denominator: formatNumber(cell.denominator),
      })}
    </Typography.Text>
  );
}

/** The KPI page: every indicator's value for a level and period, next to its definition. */
export default function KpiPage() {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const session = useSession();
  const roles = (session.data?.roles ?? []).map((r) => r.role);
  const [level, setLevel] = useState<KpiLevel | null>(null);
  const [kind, setKind] = useState<PeriodKind>('month');
  const [period, setPeriod] = useState<string>(() => periodsOf('month')[0]!);
  const [unitId, setUnitId] = useState<number | null>(null);
  const shownLevel = level ?? defaultLevel(roles);

  const catalogue = useQuery({
    queryKey: ['kpis'],
    queryFn: () => api.get<{ items: KpiDefinitionOut[] }>('/kpis'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const values = useQuery({
    queryKey: ['kpis', 'values', shownLevel, period],
    queryFn: () => api.get<KpiValuesOut>('/kpis/values', { level: shownLevel, period }),
    enabled: session.isSuccess,
  });
  const defs = useMemo(() => {
    const byCode = new Map((catalogue.data?.items ?? []).map((d) => [d.code, d]));
    return (values.data?.kpis ?? []).flatMap((c) => (byCode.has(c) ? [byCode.get(c)!] : []));
  }, [catalogue.data, values.data]);
  const rows = values.data?.rows ?? [];
  // one source for every indicator shown: said once above the table rather than on every row
  const oneSource =
    defs.length > 0 && defs.every((d) => d.source === defs[0]!.source) ? defs[0]!.source : null;
  const selected = rows.find((r) => r.unit.id === unitId) ?? rows[0];

  const matrixColumns = [
    {
      key: 'unit',
      title: t('field.unit'),
      fixed: 'left' as const,
      width: 180,
      render: (_: unknown, r: Row) => (
        <div>
          <Typography.Text strong>{r.unit.name}</Typography.Text>
          {r.unit.streetName && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {r.unit.streetName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    ...defs.map((d) => ({
      key: d.code,
      width: 150,
      title: (
        <Tooltip title={d.definition[lang]}>
          <span data-testid={`kpi-col-${d.code}`}>
            {d.name[lang]} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />
          </span>
        </Tooltip>
      ),
      render: (_: unknown, r: Row) => (
        <div>
          <Value cell={r.values[d.code]} unit={d.unit} />
          <Fraction cell={r.values[d.code]} />
        </div>
      ),
    })),
  ];

  const explainColumns = [
    {
      key: 'name',
      title: t('field.kpi'),
      width: 190,
      render: (_: unknown, d: KpiDefinitionOut) => (
        <div>
          <Typography.Text strong>{d.name[lang]}</Typography.Text>
          <div>
            <Tag color={d.direction === 'higher' ? 'green' : 'orange'} style={{ marginTop: 4 }}>
              {t(`direction.${d.direction}`)}
            </Tag>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'value',
      title: t('field.value'),
      width: 150,
      render: (_: unknown, d: KpiDefinitionOut) => <Value cell={selected?.values[d.code]} unit={d.unit} />,
    },
    {
      key: 'definition',
      title: t('field.definition'),
      render: (_: unknown, d: KpiDefinitionOut) => {
        const cell = selected?.values[d.code];
        return (
          <div data-testid={`kpi-explain-${d.code}`}>
            <Typography.Paragraph style={{ marginBottom: 4 }}>{d.definition[lang]}</Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'n',
                  label: t('field.numerator'),
                  children: (
                    <span>
                      {d.numerator[lang]}
                      {cell && (
                        <Typography.Text strong data-testid="kpi-numerator">
                          {' = '}
                          {formatNumber(cell.numerator)}
                        </Typography.Text>
                      )}
                    </span>
                  ),
                },
                ...(cell?.denominator === null
                  ? []
                  : [
                      {
                        key: 'd',
                        label: t('field.denominator'),
                        children: (
                          <span>
                            {d.denominator[lang]}
                            {cell && (
                              <Typography.Text strong data-testid="kpi-denominator">
                                {' = '}
                                {formatNumber(cell.denominator)}
                              </Typography.Text>
                            )}
                          </span>
                        ),
                      },
                    ]),
                ...(oneSource
                  ? []
                  : [{ key: 's', label: t('field.source'), children: t(`source.${d.source}`) }]),
              ]}
            />
          </div>
        );
      },
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Flex gap={8} wrap align="center">
            <Select
              data-testid="kpi-level"
              aria-label={t('field.level')}
              style={{ width: 170 }}
              value={shownLevel}
              onChange={(v) => {
                setLevel(v);
                setUnitId(null);
              }}
              options={kpiLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            />
            <Select
              data-testid="kpi-period-kind"
              aria-label={t('field.periodKind')}
              style={{ width: 100 }}
              value={kind}
              onChange={(k: PeriodKind) => {
                setKind(k);
                setPeriod(periodsOf(k)[0]!);
              }}
              options={(['month', 'quarter', 'year'] as const).map((k) => ({
                value: k,
                label: t(`periodKind.${k}`),
              }))}
            />
            <Select
              data-testid="kpi-period"
              aria-label={t('field.period')}
              style={{ width: 120 }}
              value={period}
              onChange={setPeriod}
              options={periodsOf(kind).map((p) => ({ value: p, label: p }))}
            />
          </Flex>
        }
      />
      <QueryState
        loading={values.isLoading || catalogue.isLoading}
        error={values.error ?? catalogue.error}
        retry={() => values.refetch()}
      >
        <Typography.Text
          type="secondary"
          style={{ display: 'block', marginBottom: 8 }}
          data-testid="kpi-as-of"
        >
          {t('field.asOf')}: {values.data?.asOf ? formatDateTime(values.data.asOf) : t('field.notYet')}
        </Typography.Text>
        <Card size="small" title={t('tab.values')} style={{ marginBottom: 16 }}>
          {rows.length ? (
            <Table<Row>
              data-testid="kpi-matrix"
              rowKey={(r) => r.unit.id}
              size="small"
              columns={matrixColumns}
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 180 + defs.length * 150 }}
              onRow={(r) => ({
                onClick: () => setUnitId(r.unit.id),
                style: { cursor: 'pointer' },
                'data-unit': r.unit.name,
              })}
              rowClassName={(r) => (r.unit.id === selected?.unit.id ? 'ant-table-row-selected' : '')}
            />
          ) : (
            <Empty description={t('empty')} />
          )}
        </Card>
        {selected && (
          <Card
            size="small"
            title={
              <span data-testid="kpi-explain-unit">
                {t('tab.catalogue')}: {selected.unit.name}
              </span>
            }
          >
            {oneSource && (
              <Typography.Paragraph type="secondary" data-testid="kpi-source">
                {t('field.source')}: {t(`source.${oneSource}`)}
              </Typography.Paragraph>
            )}
            <Table<KpiDefinitionOut>
              data-testid="kpi-explain"
              rowKey="code"
              size="small"
              columns={explainColumns}
              dataSource={defs}
              pagination={false}
            />
          </Card>
        )}
      </QueryState>
    </div>
  );
}
