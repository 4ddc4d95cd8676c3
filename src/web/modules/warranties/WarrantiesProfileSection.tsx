import type { CommunityProfile } from '../../../contracts/org';
import WarrantiesPage from './WarrantiesPage';

export function WarrantiesProfileSection({ community }: { community: CommunityProfile }) {
  return <WarrantiesPage communityId={community.id} />;
}
