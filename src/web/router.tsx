import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

// Everything is loaded lazily, layouts too: /m and /field do not load the console's frame, and the
// route table can be read without a browser (a test loads every route directly).
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const AppLayout = named(() => import('./layout/AppLayout'), 'AppLayout');
const NotFoundPage = named(() => import('./layout/NotFoundPage'), 'NotFoundPage');
const MobileLayout = named(() => import('./mobile/MobileLayout'), 'MobileLayout');
const LoginPage = named(() => import('./modules/auth/LoginPage'), 'LoginPage');
const FieldLayout = named(() => import('./modules/inspections/FieldLayout'), 'FieldLayout');

const HomePage = lazy(() => import('./modules/home/HomePage'));
const AccountPage = lazy(() => import('./modules/auth/AccountPage'));
const MobileLoginPage = lazy(() => import('./modules/auth/mobile/MobileLoginPage'));
const MobileHomePage = lazy(() => import('./mobile/MobileHomePage'));
const MobileMePage = lazy(() => import('./modules/auth/mobile/MobileMePage'));
const ReportPage = lazy(() => import('./modules/resident/ReportPage'));
const MyReportsPage = lazy(() => import('./modules/resident/MyReportsPage'));
const MyReportPage = lazy(() => import('./modules/resident/MyReportPage'));
const NotificationsPage = lazy(() => import('./modules/resident/NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('./modules/resident/NotificationSettingsPage'));
const CommunityListPage = lazy(() => import('./modules/org/CommunityListPage'));
const CommunityProfilePage = lazy(() => import('./modules/org/CommunityProfilePage'));
const UsersPage = lazy(() => import('./modules/users/UsersPage'));
const CaseConsolePage = lazy(() => import('./modules/cases/CaseConsolePage'));
const CaseNewPage = lazy(() => import('./modules/cases/CaseNewPage'));
const CaseDetailPage = lazy(() => import('./modules/cases/CaseDetailPage'));
const SupervisionPage = lazy(() => import('./modules/cases/SupervisionPage'));
const DutiesPage = lazy(() => import('./modules/duties/DutiesPage'));
const CalendarPage = lazy(() => import('./modules/calendar/CalendarPage'));
const AuditPage = lazy(() => import('./modules/audit/AuditPage'));
const AssetListPage = lazy(() => import('./modules/assets/AssetListPage'));
const AssetDetailPage = lazy(() => import('./modules/assets/AssetDetailPage'));
const AssetBreachesPage = lazy(() => import('./modules/assets/AssetWork'));
const InspectionsPage = lazy(() => import('./modules/inspections/InspectionsPage'));
const FieldHomePage = lazy(() => import('./modules/inspections/FieldHomePage'));
const RoundFormPage = lazy(() => import('./modules/inspections/RoundFormPage'));
const HazardListPage = lazy(() => import('./modules/hazards/HazardListPage'));
const HazardDetailPage = lazy(() => import('./modules/hazards/HazardDetailPage'));
const EmergencyPage = lazy(() => import('./modules/emergency/EmergencyPage'));
const FireSafetyPage = lazy(() => import('./modules/firesafety/FireSafetyPage'));
const WarrantiesPage = lazy(() => import('./modules/warranties/WarrantiesPage'));
const LegacyPage = lazy(() => import('./modules/legacy/LegacyPage'));
const PlanPage = lazy(() => import('./modules/plan/PlanPage'));
const KpiPage = lazy(() => import('./modules/assessment/KpiPage'));
const ScreenPage = lazy(() => import('./modules/screen/ScreenPage'));
const WaterloggingPage = lazy(() => import('./modules/waterlogging/WaterloggingPage'));
const HotlinePage = lazy(() => import('./modules/hotline/HotlinePage'));
const OwnersRegisterPage = lazy(() => import('./modules/owners/OwnersRegisterPage'));
const OwnersCommitteesPage = lazy(() => import('./modules/owners/OwnersCommitteesPage'));
const OwnersCommitteeDetailPage = lazy(() => import('./modules/owners/OwnersCommitteeDetailPage'));
const DisclosuresPage = lazy(() => import('./modules/owners/DisclosuresPage'));
const FiveInOnePage = lazy(() => import('./modules/owners/FiveInOnePage'));
const LiaisonTrainingPage = lazy(() => import('./modules/owners/LiaisonTrainingPage'));
const VotesPage = lazy(() => import('./modules/votes/VotesPage'));
const VoteDetailPage = lazy(() => import('./modules/votes/VoteDetailPage'));
const RecordHeldVotePage = lazy(() => import('./modules/votes/RecordHeldVotePage'));
const FundsPage = lazy(() => import('./modules/funds/FundsPage'));
const FundCommunityPage = lazy(() => import('./modules/funds/FundCommunityPage'));
const RecollectionPage = lazy(() => import('./modules/funds/RecollectionPage'));
const FundUsesPage = lazy(() => import('./modules/funds/FundUsesPage'));
const FundUseDetailPage = lazy(() => import('./modules/funds/FundUseDetailPage'));
const FeesPage = lazy(() => import('./modules/funds/FeesPage'));
const FeeContractPage = lazy(() => import('./modules/funds/FeeContractPage'));
const MediationPage = lazy(() => import('./modules/mediation/MediationPage'));
const MediationCasePage = lazy(() => import('./modules/mediation/MediationCasePage'));
const MobileVotesPage = lazy(() => import('./modules/votes/mobile/MobileVotesPage'));
const MobileVoteDetailPage = lazy(() => import('./modules/votes/mobile/MobileVoteDetailPage'));
const MobileFundPage = lazy(() => import('./modules/funds/mobile/MobileFundPage'));
const MobileDisclosuresPage = lazy(() => import('./modules/owners/mobile/MobileDisclosuresPage'));
const MobileDisclosurePage = named(
  () => import('./modules/owners/mobile/MobileDisclosuresPage'),
  'MobileDisclosurePage',
);

const page = (element: React.ReactNode) => <Suspense fallback={null}>{element}</Suspense>;

/** Staff console routes under the layout; every module adds its pages here. */
const consoleRoutes: RouteObject[] = [
  { index: true, element: page(<HomePage />) },
  { path: 'communities', element: page(<CommunityListPage />) },
  { path: 'communities/:id', element: page(<CommunityProfilePage />) },
  { path: 'assets', element: page(<AssetListPage />) },
  { path: 'assets/:id', element: page(<AssetDetailPage />) },
  { path: 'asset-breaches', element: page(<AssetBreachesPage />) },
  { path: 'inspections', element: page(<InspectionsPage />) },
  { path: 'hazards', element: page(<HazardListPage />) },
  { path: 'hazards/:id', element: page(<HazardDetailPage />) },
  { path: 'emergency', element: page(<EmergencyPage />) },
  { path: 'fire-safety', element: page(<FireSafetyPage />) },
  { path: 'warranties', element: page(<WarrantiesPage />) },
  { path: 'legacy', element: page(<LegacyPage />) },
  { path: 'waterlogging', element: page(<WaterloggingPage />) },
  { path: 'cases', element: page(<CaseConsolePage />) },
  { path: 'cases/new', element: page(<CaseNewPage />) },
  { path: 'cases/:id', element: page(<CaseDetailPage />) },
  { path: 'supervision', element: page(<SupervisionPage />) },
  { path: 'kpis', element: page(<KpiPage />) },
  { path: 'plan', element: page(<PlanPage />) },
  { path: 'duties', element: page(<DutiesPage />) },
  { path: 'calendar', element: page(<CalendarPage />) },
  { path: 'users', element: page(<UsersPage />) },
  { path: 'audit', element: page(<AuditPage />) },
  { path: 'hotline', element: page(<HotlinePage />) },
  { path: 'owners', element: page(<OwnersRegisterPage />) },
  { path: 'owners-committees', element: page(<OwnersCommitteesPage />) },
  { path: 'owners-committees/:id', element: page(<OwnersCommitteeDetailPage />) },
  { path: 'disclosures', element: page(<DisclosuresPage />) },
  { path: 'five-in-one', element: page(<FiveInOnePage />) },
  { path: 'liaison-training', element: page(<LiaisonTrainingPage />) },
  { path: 'votes', element: page(<VotesPage />) },
  { path: 'votes/held', element: page(<RecordHeldVotePage />) },
  { path: 'votes/:id', element: page(<VoteDetailPage />) },
  { path: 'funds', element: page(<FundsPage />) },
  { path: 'funds/recollections/:id', element: page(<RecollectionPage />) },
  { path: 'funds/:communityId', element: page(<FundCommunityPage />) },
  { path: 'fund-uses', element: page(<FundUsesPage />) },
  { path: 'fund-uses/:id', element: page(<FundUseDetailPage />) },
  { path: 'fees', element: page(<FeesPage />) },
  { path: 'fees/contracts/:id', element: page(<FeeContractPage />) },
  { path: 'mediation', element: page(<MediationPage />) },
  { path: 'mediation/:id', element: page(<MediationCasePage />) },
  { path: 'account', element: page(<AccountPage />) },
];

/** Resident pages at /m; every module adds its pages here. */
const mobileRoutes: RouteObject[] = [
  { index: true, element: page(<MobileHomePage />) },
  { path: 'me', element: page(<MobileMePage />) },
  { path: 'report', element: page(<ReportPage />) },
  { path: 'reports', element: page(<MyReportsPage />) },
  { path: 'reports/:id', element: page(<MyReportPage />) },
  { path: 'notifications', element: page(<NotificationsPage />) },
  { path: 'notifications/settings', element: page(<NotificationSettingsPage />) },
  { path: 'votes', element: page(<MobileVotesPage />) },
  { path: 'votes/:id', element: page(<MobileVoteDetailPage />) },
  { path: 'fund', element: page(<MobileFundPage />) },
  { path: 'disclosures', element: page(<MobileDisclosuresPage />) },
  { path: 'disclosures/:id', element: page(<MobileDisclosurePage />) },
];

/** Every page route of the web app (tests load each one directly). */
export const appRoutes: RouteObject[] = [
  { path: '/m/login', element: page(<MobileLoginPage />) },
  { path: '/m', element: page(<MobileLayout />), children: mobileRoutes },
  { path: '/login', element: page(<LoginPage />) },
  // field work on a phone (inspection rounds), outside the console frame
  {
    path: '/field',
    element: page(<FieldLayout />),
    children: [
      { index: true, element: page(<FieldHomePage />) },
      { path: 'rounds/:id', element: page(<RoundFormPage />) },
      { path: 'hazards/:id', element: page(<HazardDetailPage />) },
    ],
  },
  // the command room's wall screen, full-screen outside the console frame
  { path: '/screen', element: page(<ScreenPage />) },
  {
    path: '/',
    element: page(<AppLayout />),
    children: [...consoleRoutes, { path: '*', element: page(<NotFoundPage />) }],
  },
];

export const createAppRouter = () => createBrowserRouter(appRoutes);
