import type { CommunityProfile } from '../../../contracts/org';
import LegacyPage from './LegacyPage';

export function LegacyProfileSection({ community }: { community: CommunityProfile }) {
  return <LegacyPage communityId={community.id} />;
}
