import { FileProtectOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../contracts/permissions';

/** Tabs of the resident pages at /m; every module adds its own, in order. */
export interface MobileTab {
  key: string;
  path: string;
  /** key in the `mobile` namespace */
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

export const mobileTabs: MobileTab[] = [
  { key: 'home', path: '/m', label: 'tabs.home', icon: <HomeOutlined /> },
  {
    key: 'votes',
    path: '/m/votes',
    label: 'votes:mobile.tab',
    icon: <FileProtectOutlined />,
    permission: 'me.read',
  },
  { key: 'me', path: '/m/me', label: 'tabs.me', icon: <UserOutlined /> },
];
