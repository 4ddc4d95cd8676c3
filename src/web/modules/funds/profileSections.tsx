import { Col, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityProfile } from '../../../contracts/org';
import { formatFen } from '../../components/format';
import { useCursorPages } from '../../components/useCursorPages';
import { Money } from '../owners/common';
import { type FundUseSummary, useCommunityFund } from './api';
import { BalancePercent, FundUseStatusTag } from './components';
import { BalanceChart } from './FundCommunityPage';

const finished = new Set(['disclosed', 'cancelled', 'bureau_rejected']);

/** The community's maintenance fund on its profile page: balance, its history, fund uses under way. */
export function FundSection({ community }: { community: CommunityProfile }) {
  const { t } = useTranslation('funds');
  const fund = useCommunityFund(community.id);
  const uses = useCursorPages<FundUseSummary>('/fund-uses', { communityId: community.id }, 20);
  const d = fund.data;
  if (fund.isLoading) return null;
  if (!d) return <Empty description={t('profile.noFund')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const open = uses.items.filter((u) => !finished.has(u.status));
  return (
    <Row gutter={[16, 16]} data-testid="profile-fund">
      <Col xs={24} lg={8}>
        <Flex vertical gap={12}>
          <Statistic title={t('field.balance')} value={formatFen(d.balanceFen)} />
          <Flex vertical>
            <Typography.Text type="secondary">{t('field.balancePercent')}</Typography.Text>
            <BalancePercent percent={d.balancePercent} depleted={d.depleted} />
          </Flex>
          <Flex gap={4} wrap>
            <Tag>{t(`scheme.${d.scheme}`)}</Tag>
            {d.depleted && <Tag color="red">{t('ledger.depletedTag')}</Tag>}
            {d.depletedUnits > 0 && (
              <Tag color="orange">{t('ledger.depletedUnits', { count: d.depletedUnits })}</Tag>
            )}
            {d.developerShareStatus === 'uncollected' && (
              <Tag color="volcano">{t('developerShare.uncollected')}</Tag>
            )}
          </Flex>
          <Link to={`/funds/${community.id}`}>{t('profile.ledger')}</Link>
        </Flex>
      </Col>
      <Col xs={24} lg={16}>
        <BalanceChart communityId={community.id} height={200} />
      </Col>
      <Col span={24}>
        <Typography.Text strong>{t('profile.openUses', { count: open.length })}</Typography.Text>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={open}
          locale={{ emptyText: t('profile.noOpenUses') }}
          style={{ marginTop: 8 }}
          columns={[
            { title: t('field.title'), render: (_v, u) => <Link to={`/fund-uses/${u.id}`}>{u.title}</Link> },
            { title: t('field.path'), render: (_v, u) => t(`path.${u.path}`) },
            { title: t('field.status'), render: (_v, u) => <FundUseStatusTag status={u.status} /> },
            {
              title: t('uses.budget'),
              render: (_v, u) => <Money fen={u.approvedFen ?? u.budgetFen} />,
              align: 'right',
            },
          ]}
        />
      </Col>
    </Row>
  );
}
