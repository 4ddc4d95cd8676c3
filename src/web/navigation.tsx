import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudOutlined,
  ClusterOutlined,
  CommentOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FireOutlined,
  FundProjectionScreenOutlined,
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

/** One entry of the side navigation; shown only to users holding (one of) `permission`. */
export interface NavItem {
  key: string;
  path: string;
  /** key in the `nav` namespace */
  label: string;
  icon: ReactNode;
  /** the permission that lets the caller read the page; several: any of them (none: everyone) */
  permission?: Permission | Permission[];
  /** heading the item is listed under (key in the `nav` namespace, `groups.*`); none: at the top */
  group?: NavGroup;
}

/** Headings of the side navigation, in their order. */
export const navGroups = ['cases', 'safety', 'selfGovernance', 'funds', 'system'] as const;
export type NavGroup = (typeof navGroups)[number];

/** Every module adds its pages here, in the order they appear. */
export const navItems: NavItem[] = [
  { key: 'home', path: '/', label: 'home', icon: <DashboardOutlined />, permission: 'org.read' },
  {
    key: 'cases',
    path: '/cases',
    label: 'cases',
    icon: <SolutionOutlined />,
    // readers see the queues; reporters without it (departments, teams, mediators) their own reports
    permission: ['cases.read', 'cases.report'],
    group: 'cases',
  },
  {
    key: 'supervision',
    path: '/supervision',
    label: 'supervision',
    icon: <BellOutlined />,
    permission: 'cases.read',
    group: 'cases',
  },
  {
    key: 'kpis',
    path: '/kpis',
    label: 'kpis',
    icon: <BarChartOutlined />,
    permission: 'kpis.read',
    group: 'cases',
  },
  {
    key: 'plan',
    path: '/plan',
    label: 'plan',
    icon: <ScheduleOutlined />,
    permission: 'plan.read',
    group: 'cases',
  },
  {
    key: 'screen',
    path: '/screen',
    label: 'screen',
    icon: <FundProjectionScreenOutlined />,
    permission: 'screen.read',
    group: 'cases',
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
    group: 'cases',
  },
  {
    key: 'calendar',
    path: '/calendar',
    label: 'calendar',
    icon: <CalendarOutlined />,
    permission: 'cases.read',
    group: 'cases',
  },
  {
    key: 'hotline',
    path: '/hotline',
    label: 'hotline',
    icon: <PhoneOutlined />,
    permission: 'hotline.import',
    group: 'cases',
  },
  // safety (seed sections 2.1 and 2.4)
  {
    key: 'field',
    path: '/field',
    label: 'field',
    icon: <MobileOutlined />,
    permission: 'inspections.perform',
    group: 'safety',
  },
  {
    key: 'inspections',
    path: '/inspections',
    label: 'inspections',
    icon: <ScheduleOutlined />,
    permission: 'inspections.read',
    group: 'safety',
  },
  {
    key: 'hazards',
    path: '/hazards',
    label: 'hazards',
    icon: <WarningOutlined />,
    permission: 'hazards.read',
    group: 'safety',
  },
  {
    key: 'assets',
    path: '/assets',
    label: 'assets',
    icon: <ToolOutlined />,
    permission: 'assets.read',
    group: 'safety',
  },
  {
    key: 'assetBreaches',
    path: '/asset-breaches',
    label: 'assetBreaches',
    icon: <CarryOutOutlined />,
    permission: 'assets.read',
    group: 'safety',
  },
  {
    key: 'emergency',
    path: '/emergency',
    label: 'emergency',
    icon: <AlertOutlined />,
    permission: 'emergency.read',
    group: 'safety',
  },
  {
    key: 'fire-safety',
    path: '/fire-safety',
    label: 'fireSafety',
    icon: <FireOutlined />,
    permission: 'firesafety.read',
    group: 'safety',
  },
  {
    key: 'warranties',
    path: '/warranties',
    label: 'warranties',
    icon: <FileProtectOutlined />,
    permission: 'warranties.read',
    group: 'safety',
  },
  {
    key: 'legacy',
    path: '/legacy',
    label: 'legacy',
    icon: <HistoryOutlined />,
    permission: 'legacy.read',
    group: 'safety',
  },
  {
    key: 'waterlogging',
    path: '/waterlogging',
    label: 'waterlogging',
    icon: <CloudOutlined />,
    permission: 'waterlogging.read',
    group: 'safety',
  },
  {
    key: 'owners',
    path: '/owners',
    label: 'owners',
    icon: <IdcardOutlined />,
    permission: 'owners.read',
    group: 'selfGovernance',
  },
  {
    key: 'ownersCommittees',
    path: '/owners-committees',
    label: 'ownersCommittees',
    icon: <ClusterOutlined />,
    permission: 'owners_committee.read',
    group: 'selfGovernance',
  },
  {
    key: 'disclosures',
    path: '/disclosures',
    label: 'disclosures',
    icon: <NotificationOutlined />,
    permission: 'disclosures.read',
    group: 'selfGovernance',
  },
  {
    key: 'votes',
    path: '/votes',
    label: 'votes',
    icon: <CheckSquareOutlined />,
    permission: 'votes.read',
    group: 'selfGovernance',
  },
  {
    key: 'funds',
    path: '/funds',
    label: 'funds',
    icon: <BankOutlined />,
    permission: 'funds.read',
    group: 'funds',
  },
  {
    key: 'fundUses',
    path: '/fund-uses',
    label: 'fundUses',
    icon: <ToolOutlined />,
    permission: 'fund_use.read',
    group: 'funds',
  },
  {
    key: 'fees',
    path: '/fees',
    label: 'fees',
    icon: <AccountBookOutlined />,
    permission: 'fees.read',
    group: 'funds',
  },
  {
    key: 'fiveInOne',
    path: '/five-in-one',
    label: 'fiveInOne',
    icon: <UsergroupAddOutlined />,
    permission: 'five_in_one.read',
    group: 'selfGovernance',
  },
  {
    key: 'liaisonTraining',
    path: '/liaison-training',
    label: 'liaisonTraining',
    icon: <ReadOutlined />,
    permission: 'training.read',
    group: 'selfGovernance',
  },
  {
    key: 'mediation',
    path: '/mediation',
    label: 'mediation',
    icon: <CommentOutlined />,
    permission: 'mediation.read',
    group: 'selfGovernance',
  },
  {
    key: 'users',
    path: '/users',
    label: 'users',
    icon: <TeamOutlined />,
    permission: 'users.manage',
    group: 'system',
  },
  {
    key: 'audit',
    path: '/audit',
    label: 'audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    group: 'system',
  },
  {
    key: 'account',
    path: '/account',
    label: 'account',
    icon: <SafetyCertificateOutlined />,
    group: 'system',
  },
];

/** Whether a holder of these permissions sees the item in the menu. */
export function navItemShown(item: NavItem, permissions: readonly string[]): boolean {
  if (!item.permission) return true;
  return [item.permission].flat().some((p) => permissions.includes(p));
}

/** The items as the menu lists them: ungrouped first, then each heading's items in `navGroups` order. */
export function inMenuOrder(items: NavItem[]): NavItem[] {
  const rank = (i: NavItem) => (i.group ? navGroups.indexOf(i.group) + 1 : 0);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}
