import { Flex, Progress, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityProfile } from '../../../contracts/org';
import { formatDateTime } from '../../components/format';
import { useCursorPages } from '../../components/useCursorPages';
import type { VoteSummary } from './api';
import { VoteStatusTag } from './tally';

/** Open votes of the community on its profile page, with the latest results. */
export function OpenVotesSection({ community }: { community: CommunityProfile }) {
  const { t } = useTranslation('votes');
  const open = useCursorPages<VoteSummary>('/votes', { communityId: community.id, status: 'open' }, 10);
  const recent = useCursorPages<VoteSummary>('/votes', { communityId: community.id, status: 'closed' }, 3);
  const rows = [...open.items, ...recent.items];
  return (
    <Flex vertical gap={8} data-testid="profile-votes">
      <Typography.Text type="secondary">{t('profile.summary', { count: open.items.length })}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={open.isFetching || recent.isFetching}
        dataSource={rows}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          { title: t('field.title'), render: (_v, v) => <Link to={`/votes/${v.id}`}>{v.title}</Link> },
          {
            title: t('field.matterType'),
            render: (_v, v) => t(`matter.${v.matterType}`),
            responsive: ['lg'],
          },
          {
            title: t('field.status'),
            render: (_v, v) => <VoteStatusTag status={v.status} passed={v.passed} />,
          },
          {
            title: t('list.turnout'),
            render: (_v, v) => (
              <Progress
                percent={v.rollUnits ? Math.round((v.ballots / v.rollUnits) * 100) : 0}
                size="small"
                style={{ minWidth: 120 }}
              />
            ),
          },
          {
            title: t('field.closesAt'),
            render: (_v, v) => formatDateTime(v.closedAt ?? v.closesAt),
            responsive: ['md'],
          },
        ]}
      />
    </Flex>
  );
}
