import { BankOutlined, FileProtectOutlined, NotificationOutlined } from '@ant-design/icons';
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
    color: '#13a8a8',
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
