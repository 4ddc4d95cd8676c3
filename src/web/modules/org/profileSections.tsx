import type { ComponentType } from 'react';
import type { CommunityProfile } from '../../../contracts/org';
import type { Permission } from '../../../contracts/permissions';
import { CommunityCasesSection } from '../cases/CommunityCasesSection';

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
];
