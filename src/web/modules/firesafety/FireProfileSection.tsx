import { Flex } from 'antd';
import type { CommunityProfile } from '../../../contracts/org';
import { Consultations, IntactRates } from './FireSafetyPage';

export function FireProfileSection({ community }: { community: CommunityProfile }) {
  return (
    <Flex vertical gap={12} data-testid="profile-fire">
      <IntactRates communityId={community.id} />
      <Consultations communityId={community.id} />
    </Flex>
  );
}
