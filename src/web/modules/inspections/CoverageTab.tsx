import { LeftOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EChart } from '../../components/EChart';
import { formatNumber } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useCoverage, usePlans } from './api';
import { PlanTypeTag } from './tags';

const rateColor = (rate: number | null) =>
  rate === null ? undefined : rate >= 95 ? '#389e0d' : rate >= 80 ? '#d48806' : '#cf1322';

/** Share of targets inspected on time per plan and cycle, by street and community. */
export function CoverageTab() {
  const { t } = useTranslation('inspections');
  const plans = usePlans();
  const [planId, setPlanId] = useState<number>();
  const [on, setOn] = useState<string>();
  const chosen = planId ?? plans.data?.items[0]?.id;
  const coverage = useCoverage(chosen, on);
  const data = coverage.data;
  const today = dayjs().format('YYYY-MM-DD');
  const current = data ? data.cycle.start <= today && today <= data.cycle.end : false;
  const chart = useMemo(
    () =>
      data && {
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', data: data.byStreet.map((s) => s.street.name), inverse: true },
        series: [
          {
            type: 'bar',
            data: data.byStreet.map((s) => ({ value: s.rate ?? 0, itemStyle: { color: rateColor(s.rate) } })),
            label: { show: true, position: 'right', formatter: '{c}%' },
          },
        ],
      },
    [data],
  );
  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex gap={12} wrap align="center">
          <Select
            value={chosen}
            onChange={setPlanId}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            style={{ width: 260 }}
            data-testid="coverage-plan"
          />
          <DatePicker
            value={on ? dayjs(on) : null}
            onChange={(d) => setOn(d ? d.format('YYYY-MM-DD') : undefined)}
            placeholder={t('coverage.anyDay')}
            style={{ width: 220 }}
            data-testid="coverage-day"
          />
          {data && (
            <Button
              icon={<LeftOutlined />}
              onClick={() => setOn(dayjs(data.cycle.start).subtract(1, 'day').format('YYYY-MM-DD'))}
              data-testid="coverage-previous"
            >
              {t('coverage.previous')}
            </Button>
          )}
          {on && <Button onClick={() => setOn(undefined)}>{t('coverage.currentCycle')}</Button>}
        </Flex>
      </Card>
      <QueryState loading={coverage.isLoading || plans.isLoading} error={coverage.error ?? plans.error}>
        {!data ? (
          <Empty />
        ) : (
          <>
            <Card data-testid="coverage-headline">
              <Flex vertical gap={8}>
                <Flex gap={8} wrap align="center">
                  <PlanTypeTag type={data.plan.type} />
                  <Typography.Text type="secondary">
                    {t('coverage.cycle', { start: data.cycle.start, end: data.cycle.end })}
                  </Typography.Text>
                  {current && <Tag color="blue">{t('coverage.current')}</Tag>}
                </Flex>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  {data.total.rate === null
                    ? t('coverage.nothing', { plan: data.plan.name })
                    : t('coverage.headline', {
                        plan: data.plan.name,
                        rate: data.total.rate.toFixed(1),
                        covered: formatNumber(data.total.covered),
                        total: formatNumber(data.total.total),
                      })}
                </Typography.Title>
                <Progress
                  percent={data.total.rate ?? 0}
                  showInfo={false}
                  strokeColor={rateColor(data.total.rate)}
                />
              </Flex>
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic title={t('coverage.targets')} value={data.total.total} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic
                    title={t('coverage.covered')}
                    value={data.total.covered}
                    valueStyle={{ color: '#389e0d' }}
                  />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic title={t('coverage.pending')} value={data.total.pending} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic
                    title={t('coverage.late')}
                    value={data.total.late}
                    valueStyle={{ color: '#cf1322' }}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={t('coverage.byStreet')}>
                  {chart && (
                    <EChart
                      option={chart}
                      height={Math.max(200, data.byStreet.length * 36)}
                      testId="coverage-chart"
                    />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={14}>
                <Card title={t('coverage.byCommunity')}>
                  <Table
                    rowKey={(r) => r.community.id}
                    size="small"
                    dataSource={data.byCommunity}
                    pagination={{ pageSize: 12, showSizeChanger: false }}
                    data-testid="coverage-table"
                    columns={[
                      {
                        title: t('coverage.community'),
                        render: (_v, r) => (
                          <Link to={`/communities/${r.community.id}`}>{r.community.name}</Link>
                        ),
                      },
                      { title: t('round.street'), render: (_v, r) => r.street.name, responsive: ['md'] },
                      {
                        title: t('coverage.coveredOfTotal'),
                        align: 'right',
                        render: (_v, r) => `${r.covered} / ${r.total}`,
                      },
                      {
                        title: t('coverage.rate'),
                        align: 'right',
                        render: (_v, r) => (
                          <span style={{ color: rateColor(r.rate) }}>
                            {r.rate === null ? '' : `${r.rate.toFixed(1)}%`}
                          </span>
                        ),
                      },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </>
        )}
      </QueryState>
    </Flex>
  );
}
