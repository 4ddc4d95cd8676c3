import {
  BankOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  NotificationOutlined,
  ToolOutlined,
} from '@ant-design/icons';
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

export const mobileTiles: MobileTile[] = [
  {
    key: 'report',
    path: '/m/report',
    label: 'resident:tiles.report',
    icon: <ToolOutlined />,
    color: '#1677ff',
    permission: 'cases.report',
  },
  {
    key: 'my-reports',
    path: '/m/reports',
    label: 'resident:tiles.myReports',
    icon: <FileSearchOutlined />,
    color: '#13a8a8',
    permission: 'cases.report',
  },
  {
    key: 'votes',
    path: '/m/votes',
    label: 'votes:mobile.tile',
    icon: <FileProtectOutlined />,
    color: '#1f5fbf',
    permission: 'me.read',
  },
  {
    key: 'fund',
    path: '/m/fund',
    label: 'funds:mobile.tile',
    icon: <BankOutlined />,
    color: '#389e0d',
    permission: 'me.read',
  },
  {
    key: 'disclosures',
    path: '/m/disclosures',
    label: 'owners:mobile.tile',
    icon: <NotificationOutlined />,
    color: '#d4a017',
    permission: 'me.read',
  },
];
