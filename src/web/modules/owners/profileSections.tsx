import { Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CommunityProfile } from '../../../contracts/org';
import { useCursorPages } from '../../components/useCursorPages';
import type { CommitteeSummary } from './api';
import { ComplianceBar, TermText } from './OwnersCommitteesPage';

/** The community's owners' committee on its profile page: term, members, the eight systems. */
export function OwnersCommitteeSection({ community }: { community: CommunityProfile }) {
  const { t } = useTranslation('owners');
  const list = useCursorPages<CommitteeSummary>(
    '/owners-committees',
    { communityId: community.id, status: 'active' },
    5,
  );
  const c = list.items[0];
  if (list.isLoading) return null;
  if (!c) return <Empty description={t('profile.noCommittee')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={12} data-testid="profile-owners-committee">
      <Flex justify="space-between" wrap gap={8}>
        <Link to={`/owners-committees/${c.id}`}>{c.name}</Link>
        <Typography.Text type="secondary">
          {t('profile.members', { count: c.memberCount, cross: c.crossAppointedCount })}
        </Typography.Text>
      </Flex>
      <Flex gap={24} wrap>
        <Flex vertical>
          <Typography.Text type="secondary">{t('committees.term')}</Typography.Text>
          <TermText c={c} />
        </Flex>
        <Flex vertical style={{ minWidth: 220 }}>
          <Typography.Text type="secondary">
            {t('field.compliance')} {c.compliance.percent}%
          </Typography.Text>
          <ComplianceBar compliance={c.compliance} />
        </Flex>
      </Flex>
      {c.reelectionDue && (
        <Tag color="orange" style={{ width: 'fit-content' }}>
          {t('profile.reelection')}
        </Tag>
      )}
    </Flex>
  );
}
