import type { ComponentType } from 'react';
import type { CommunityProfile } from '../../../contracts/org';
import type { Permission } from '../../../contracts/permissions';
import { AssetsProfileSection } from '../assets/AssetsProfileSection';
import { CommunityCasesSection } from '../cases/CommunityCasesSection';
import { FireProfileSection } from '../firesafety/FireProfileSection';
import { FundSection } from '../funds/profileSections';
import { HazardsProfileSection } from '../hazards/HazardsProfileSection';
import { LegacyProfileSection } from '../legacy/LegacyProfileSection';
import { OwnersCommitteeSection } from '../owners/profileSections';
import { OpenVotesSection } from '../votes/profileSections';
import { WarrantiesProfileSection } from '../warranties/WarrantiesProfileSection';
import { WaterloggingProfileSection } from '../waterlogging/WaterloggingProfileSection';

/**
 * Sections other modules add to the community profile page (one file per community): cases, assets,
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
  // safety (seed sections 2.1 and 2.4)
  {
    key: 'hazards',
    title: 'hazards:profile.title',
    permission: 'hazards.read',
    Component: HazardsProfileSection,
  },
  {
    key: 'assets',
    title: 'assets:profile.title',
    permission: 'assets.read',
    Component: AssetsProfileSection,
  },
  {
    key: 'fire-safety',
    title: 'firesafety:profile.title',
    permission: 'firesafety.read',
    Component: FireProfileSection,
  },
  {
    key: 'warranties',
    title: 'warranties:profile.title',
    permission: 'warranties.read',
    Component: WarrantiesProfileSection,
  },
  {
    key: 'legacy',
    title: 'legacy:profile.title',
    permission: 'legacy.read',
    Component: LegacyProfileSection,
  },
  {
    key: 'waterlogging',
    title: 'waterlogging:profile.title',
    permission: 'waterlogging.read',
    Component: WaterloggingProfileSection,
  },
  {
    key: 'ownersCommittee',
    title: 'owners:profile.title',
    permission: 'owners_committee.read',
    Component: OwnersCommitteeSection,
  },
  { key: 'fund', title: 'funds:profile.title', permission: 'funds.read', Component: FundSection },
  { key: 'votes', title: 'votes:profile.title', permission: 'votes.read', Component: OpenVotesSection },
];
