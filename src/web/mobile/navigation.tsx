import {
  BellOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  HomeOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../contracts/permissions';
import { UnreadBadge } from '../modules/resident/UnreadBadge';

/** Tabs of the resident pages at /m; every module adds its own, in order. */
export interface MobileTab {
  key: string;
  path: string;
  /** key in the `mobile` namespace */
  label: string;
  icon: ReactNode;
  permission?: Permission;
  /** wraps the icon, e.g. with a live count */
  decorate?: ComponentType<{ children: ReactNode }>;
}

export const mobileTabs: MobileTab[] = [
  { key: 'home', path: '/m', label: 'tabs.home', icon: <HomeOutlined /> },
  {
    key: 'reports',
    path: '/m/reports',
    label: 'resident:tabs.reports',
    icon: <FileTextOutlined />,
    permission: 'cases.report',
  },
  {
    key: 'votes',
    path: '/m/votes',
    label: 'votes:mobile.tab',
    icon: <FileProtectOutlined />,
    permission: 'me.read',
  },
  {
    key: 'notifications',
    path: '/m/notifications',
    label: 'resident:tabs.notifications',
    icon: <BellOutlined />,
    decorate: UnreadBadge,
  },
  { key: 'me', path: '/m/me', label: 'tabs.me', icon: <UserOutlined /> },
];
