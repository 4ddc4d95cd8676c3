import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Col, Flex, Progress, Row, Table, Tag, Typography } from 'antd';
import { MarkLineComponent } from 'echarts/components';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Threshold, VoteRequirement, VoteStatus } from '../../../contracts/votes';
import { EChart, echarts } from '../../components/EChart';
import { formatArea } from '../../components/format';
import type { TallyView } from './api';

echarts.use([MarkLineComponent]);

export const thresholdPercent = (th: Threshold) => (th.num / th.den) * 100;

/** "≥ 2/3" or "> 1/2": short enough for a chart line. */
export function thresholdText(_t: TFunction, th: Threshold) {
  return `${th.strict ? '>' : '≥'} ${th.num}/${th.den}`;
}

/** { cmp: "at least" | "more than", share: "two thirds" ... } for the sentences of the requirement. */
export function thresholdWords(t: TFunction, th: Threshold) {
  return {
    cmp: t(th.strict ? 'votes:cmp.moreThan' : 'votes:cmp.atLeast'),
    share: t(`votes:share.${th.num}_${th.den}`),
  };
}

/** The two lines a vote must pass, in words: quorum (if any) and approval. */
export function RequirementText({ requirement }: { requirement: VoteRequirement }) {
  const { t } = useTranslation('votes');
  return (
    <Flex vertical gap={2} data-testid="vote-requirement">
      <span>
        {requirement.quorum
          ? t('requirement.quorumLine', thresholdWords(t, requirement.quorum))
          : t('requirement.noQuorum')}
      </span>
      <span>
        {t(
          requirement.approval.base === 'participating'
            ? 'requirement.approvalParticipating'
            : 'requirement.approvalTotal',
          thresholdWords(t, requirement.approval),
        )}
      </span>
    </Flex>
  );
}

export function VoteStatusTag({ status, passed }: { status: VoteStatus; passed: boolean | null }) {
  const { t } = useTranslation('votes');
  if (status === 'closed')
    return (
      <Tag color={passed ? 'green' : 'red'} data-testid="vote-result-tag">
        {t(passed ? 'result.passed' : 'result.failed')}
      </Tag>
    );
  const color = { draft: 'default', open: 'blue', cancelled: 'default', closed: 'default' }[status];
  return <Tag color={color}>{t(`status.${status}`)}</Tag>;
}

function MetIcon({ met }: { met: boolean }) {
  return met ? (
    <CheckCircleFilled style={{ color: '#52c41a' }} />
  ) : (
    <CloseCircleFilled style={{ color: '#ff4d4f' }} />
  );
}

/** Two bars (by area, by owner count) against the line they must reach. */
function LineChart({
  title,
  area,
  owners,
  threshold,
  testId,
}: {
  title: string;
  area: { percent: string; met: boolean };
  owners: { percent: string; met: boolean };
  threshold: Threshold;
  testId: string;
}) {
  const { t } = useTranslation('votes');
  const line = thresholdPercent(threshold);
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 56, top: 22, bottom: 4, containLabel: true },
      xAxis: { type: 'value', max: 100, interval: 25, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: [t('tally.byArea'), t('tally.byOwners')] },
      series: [
        {
          type: 'bar',
          barWidth: 18,
          data: [area, owners].map((x) => ({
            value: Number(x.percent),
            itemStyle: { color: x.met ? '#52c41a' : '#ff7a45' },
          })),
          label: { show: true, position: 'right', formatter: '{c}%' },
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#1f1f1f', type: 'dashed', width: 1.5 },
            label: { formatter: thresholdText(t, threshold), position: 'start', fontWeight: 600 },
            data: [{ xAxis: line }],
          },
        },
      ],
    }),
    [area, owners, line, threshold, t],
  );
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>{title}</Typography.Text>
      <EChart option={option} height={120} testId={testId} />
    </Flex>
  );
}

/**
 * The count of a vote: totals, participation and approval by exclusive area and by owner count,
 * with the lines of SPEC 5.5 they must pass. Percentages are for display; `met` comes from the
 * server's exact fractions.
 */
export function TallyPanel({ tally, live }: { tally: TallyView; live?: boolean }) {
  const { t } = useTranslation('votes');
  return (
    <Flex vertical gap={12} data-testid="vote-tally">
      <Flex gap={8} align="center" wrap>
        {live ? (
          <Tag color="processing">{t('tally.live')}</Tag>
        ) : (
          <Tag color={tally.passed ? 'green' : 'red'}>
            {t(tally.passed ? 'result.passed' : 'result.failed')}
          </Tag>
        )}
        <Typography.Text data-testid="tally-verdict">
          {live
            ? t(tally.passed ? 'tally.wouldPass' : 'tally.wouldFail')
            : t(tally.passed ? 'tally.passedText' : 'tally.failedText')}
        </Typography.Text>
      </Flex>
      <Row gutter={[24, 12]}>
        {tally.quorum && tally.requirement.quorum && (
          <Col span={24}>
            <LineChart
              title={t('tally.quorum')}
              area={tally.quorum.area}
              owners={tally.quorum.owners}
              threshold={tally.requirement.quorum}
              testId="tally-quorum-chart"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <MetIcon met={tally.quorum.met} /> {t('tally.quorumExplain')}
            </Typography.Text>
          </Col>
        )}
        <Col span={24}>
          <LineChart
            title={t('tally.approval')}
            area={tally.approval.area}
            owners={tally.approval.owners}
            threshold={tally.requirement.approval}
            testId="tally-approval-chart"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <MetIcon met={tally.approval.met} />{' '}
            {t(
              tally.requirement.approval.base === 'participating'
                ? 'tally.approvalExplain'
                : 'tally.approvalTotalExplain',
            )}
          </Typography.Text>
        </Col>
      </Row>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        data-testid="tally-table"
        dataSource={(['total', 'participating', 'for', 'against', 'abstain'] as const).map((key) => ({
          key,
          ...tally[key],
        }))}
        columns={[
          {
            title: '',
            render: (_v, r) =>
              t(r.key === 'total' || r.key === 'participating' ? `tally.${r.key}` : `choice.${r.key}`),
          },
          { title: t('tally.area'), render: (_v, r) => formatArea(r.area), align: 'right' },
          { title: t('tally.owners'), dataIndex: 'owners', align: 'right' },
          { title: t('tally.units'), dataIndex: 'units', align: 'right' },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tally.ownersNote')} · {t(`ruleSet.${tally.ruleSet}`)}
      </Typography.Text>
    </Flex>
  );
}

/** The result in a few bars, for phones and the disclosure board (no chart library needed). */
export function TallySummary({ tally }: { tally: TallyView }) {
  const { t } = useTranslation('votes');
  const bar = (label: string, x: { percent: string; met: boolean }, th: Threshold) => (
    <Flex vertical key={label}>
      <Flex justify="space-between">
        <Typography.Text style={{ fontSize: 13 }}>{label}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {thresholdText(t, th)}
        </Typography.Text>
      </Flex>
      <Progress
        percent={Number(x.percent)}
        format={(p) => `${p}%`}
        strokeColor={x.met ? '#52c41a' : '#ff7a45'}
        success={{ percent: 0 }}
        size="small"
      />
    </Flex>
  );
  return (
    <Flex vertical gap={4} data-testid="tally-summary">
      <Flex gap={8} align="center">
        <Tag color={tally.passed ? 'green' : 'red'}>
          {t(tally.passed ? 'result.passed' : 'result.failed')}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tally.turnout', { voted: tally.participating.units, total: tally.total.units })}
        </Typography.Text>
      </Flex>
      {tally.quorum &&
        tally.requirement.quorum && [
          bar(t('tally.quorumArea'), tally.quorum.area, tally.requirement.quorum),
          bar(t('tally.quorumOwners'), tally.quorum.owners, tally.requirement.quorum),
        ]}
      {bar(t('tally.approvalArea'), tally.approval.area, tally.requirement.approval)}
      {bar(t('tally.approvalOwners'), tally.approval.owners, tally.requirement.approval)}
    </Flex>
  );
}

/** A vote held on paper and entered afterwards, with the day of its owners' assembly. */
export function RecordedTag({ assemblyOn }: { assemblyOn: string }) {
  const { t } = useTranslation('votes');
  return (
    <Tag color="orange" data-testid="vote-recorded">
      {t('held.tag', { date: assemblyOn })}
    </Tag>
  );
}
