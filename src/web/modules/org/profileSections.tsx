import type { ComponentType } from 'react';
import type { CommunityProfile } from '../../../contracts/org';
import type { Permission } from '../../../contracts/permissions';
import { CommunityCasesSection } from '../cases/CommunityCasesSection';
import { FundSection } from '../funds/profileSections';
import { OwnersCommitteeSection } from '../owners/profileSections';
import { OpenVotesSection } from '../votes/profileSections';

/**
 * Sections other modules add to the community profile page (一小区一档): cases, assets,
 * inspections, the fund ... Each is shown only to users holding its permission.
 */
export interface ProfileSection {
  key: string;
  /** key of the section title, e.g. `cases:profile.title` */
  title: string;
  permission: Permission;
  Component: ComponentType<{ community: CommunityProfile }>;
}

export const profileSections: ProfileSection[] = [
  { key: 'cases', title: 'cases:profile.title', permission: 'cases.read', Component: CommunityCasesSection },
  {
    key: 'ownersCommittee',
    title: 'owners:profile.title',
    permission: 'owners_committee.read',
    Component: OwnersCommitteeSection,
  },
  { key: 'fund', title: 'funds:profile.title', permission: 'funds.read', Component: FundSection },
  { key: 'votes', title: 'votes:profile.title', permission: 'votes.read', Component: OpenVotesSection },
];
