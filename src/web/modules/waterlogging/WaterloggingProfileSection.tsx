import type { CommunityProfile } from '../../../contracts/org';
import WaterloggingPage from './WaterloggingPage';

export function WaterloggingProfileSection({ community }: { community: CommunityProfile }) {
  return <WaterloggingPage communityId={community.id} />;
}
