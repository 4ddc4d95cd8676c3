import type { ReactNode } from 'react';
import type { Permission } from '../../contracts/permissions';

/** Service tiles on the resident start page; each module adds its own (report a problem, vote ...). */
export interface MobileTile {
  key: string;
  path: string;
  /** key in the `mobile` namespace */
  label: string;
  icon: ReactNode;
  color: string;
  permission?: Permission;
}

export const mobileTiles: MobileTile[] = [];
