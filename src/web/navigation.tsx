import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FireOutlined,
  HistoryOutlined,
  IdcardOutlined,
  MobileOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  PhoneOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  UsergroupAddOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../contracts/permissions';

/** One entry of the side navigation; shown only to users holding `permission`. */
export interface NavItem {
  key: string;
  path: string;
  /** key in the `nav` namespace */
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

/** Every module adds its pages here, in the order they appear. */
export const navItems: NavItem[] = [
  { key: 'home', path: '/', label: 'home', icon: <DashboardOutlined />, permission: 'org.read' },
  { key: 'cases', path: '/cases', label: 'cases', icon: <SolutionOutlined />, permission: 'cases.report' },
  {
    key: 'supervision',
    path: '/supervision',
    label: 'supervision',
    icon: <BellOutlined />,
    permission: 'cases.read',
  },
  {
    key: 'communities',
    path: '/communities',
    label: 'communities',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
  },
  {
    key: 'duties',
    path: '/duties',
    label: 'duties',
    icon: <OrderedListOutlined />,
    permission: 'cases.read',
  },
  {
    key: 'calendar',
    path: '/calendar',
    label: 'calendar',
    icon: <CalendarOutlined />,
    permission: 'cases.read',
  },
  {
    key: 'hotline',
    path: '/hotline',
    label: 'hotline',
    icon: <PhoneOutlined />,
    permission: 'hotline.import',
  },
  // safety (seed 二(一), 二(四))
  {
    key: 'field',
    path: '/field',
    label: 'field',
    icon: <MobileOutlined />,
    permission: 'inspections.perform',
  },
  {
    key: 'inspections',
    path: '/inspections',
    label: 'inspections',
    icon: <ScheduleOutlined />,
    permission: 'inspections.read',
  },
  {
    key: 'hazards',
    path: '/hazards',
    label: 'hazards',
    icon: <WarningOutlined />,
    permission: 'hazards.read',
  },
  { key: 'assets', path: '/assets', label: 'assets', icon: <ToolOutlined />, permission: 'assets.read' },
  {
    key: 'emergency',
    path: '/emergency',
    label: 'emergency',
    icon: <AlertOutlined />,
    permission: 'emergency.read',
  },
  {
    key: 'fire-safety',
    path: '/fire-safety',
    label: 'fireSafety',
    icon: <FireOutlined />,
    permission: 'firesafety.read',
  },
  {
    key: 'warranties',
    path: '/warranties',
    label: 'warranties',
    icon: <FileProtectOutlined />,
    permission: 'warranties.read',
  },
  { key: 'legacy', path: '/legacy', label: 'legacy', icon: <HistoryOutlined />, permission: 'legacy.read' },
  {
    key: 'waterlogging',
    path: '/waterlogging',
    label: 'waterlogging',
    icon: <CloudOutlined />,
    permission: 'waterlogging.read',
  },
  { key: 'owners', path: '/owners', label: 'owners', icon: <IdcardOutlined />, permission: 'owners.read' },
  {
    key: 'ownersCommittees',
    path: '/owners-committees',
    label: 'ownersCommittees',
    icon: <ClusterOutlined />,
    permission: 'owners_committee.read',
  },
  {
    key: 'disclosures',
    path: '/disclosures',
    label: 'disclosures',
    icon: <NotificationOutlined />,
    permission: 'disclosures.read',
  },
  { key: 'votes', path: '/votes', label: 'votes', icon: <CheckSquareOutlined />, permission: 'votes.read' },
  { key: 'funds', path: '/funds', label: 'funds', icon: <BankOutlined />, permission: 'funds.read' },
  {
    key: 'fundUses',
    path: '/fund-uses',
    label: 'fundUses',
    icon: <ToolOutlined />,
    permission: 'fund_use.read',
  },
  { key: 'fees', path: '/fees', label: 'fees', icon: <AccountBookOutlined />, permission: 'fees.read' },
  {
    key: 'fiveInOne',
    path: '/five-in-one',
    label: 'fiveInOne',
    icon: <UsergroupAddOutlined />,
    permission: 'five_in_one.read',
  },
  {
    key: 'liaisonTraining',
    path: '/liaison-training',
    label: 'liaisonTraining',
    icon: <ReadOutlined />,
    permission: 'training.read',
  },
  {
    key: 'mediation',
    path: '/mediation',
    label: 'mediation',
    icon: <CommentOutlined />,
    permission: 'mediation.read',
  },
  { key: 'users', path: '/users', label: 'users', icon: <TeamOutlined />, permission: 'users.manage' },
  { key: 'audit', path: '/audit', label: 'audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { key: 'account', path: '/account', label: 'account', icon: <SafetyCertificateOutlined /> },
];
