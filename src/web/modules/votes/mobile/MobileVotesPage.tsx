import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { useMyVotes, type VoteDetail } from '../api';
import { VoteStatusTag } from '../tally';

/** What the resident still has to decide, and what was decided, in one list. */
function MyBallotTag({ vote }: { vote: VoteDetail }) {
  const { t } = useTranslation('votes');
  const pending = vote.myUnits.filter((u) => u.canCast).length;
  if (vote.status === 'open' && pending > 0) return <Tag color="orange">{t('mobile.toVote')}</Tag>;
  const cast = vote.myUnits.find((u) => u.choice);
  if (cast?.choice)
    return <Tag color="green">{t('mobile.voted', { choice: t(`choice.${cast.choice}`) })}</Tag>;
  return null;
}

/** /m/votes: open votes for my units first, then results still on the board. */
export default function MobileVotesPage() {
  const { t } = useTranslation('votes');
  const navigate = useNavigate();
  const votes = useMyVotes();
  const items = [...(votes.data?.items ?? [])].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open') || b.id - a.id,
  );
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: '4px 0 0' }}>
        {t('mobile.title')}
      </Typography.Title>
      <QueryState loading={votes.isLoading} error={votes.error} retry={() => void votes.refetch()}>
        {items.length === 0 ? (
          <Card size="small">
            <Empty description={t('mobile.empty')} />
          </Card>
        ) : (
          items.map((v) => (
            <Card
              key={v.id}
              size="small"
              hoverable
              onClick={() => navigate(`/m/votes/${v.id}`)}
              data-testid="m-vote-card"
            >
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{v.title}</Typography.Text>
                  <Flex gap={4} wrap>
                    <VoteStatusTag status={v.status} passed={v.passed} />
                    <MyBallotTag vote={v} />
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.status === 'open'
                      ? t('mobile.closes', { at: formatDateTime(v.closesAt) })
                      : t('mobile.publicUntil', { date: v.publicUntil ?? '' })}
                  </Typography.Text>
                </Flex>
                <RightOutlined style={{ color: '#bbb' }} />
              </Flex>
            </Card>
          ))
        )}
      </QueryState>
    </Flex>
  );
}
