import enAssessment from './en-US/assessment.json';
import enAssets from './en-US/assets.json';
import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCalendar from './en-US/calendar.json';
import enCases from './en-US/cases.json';
import enCommon from './en-US/common.json';
import enDuties from './en-US/duties.json';
import enEmergency from './en-US/emergency.json';
import enErrors from './en-US/errors.json';
import enFiresafety from './en-US/firesafety.json';
import enFunds from './en-US/funds.json';
import enHazards from './en-US/hazards.json';
import enHome from './en-US/home.json';
import enHotline from './en-US/hotline.json';
import enInspections from './en-US/inspections.json';
import enLegacy from './en-US/legacy.json';
import enMediation from './en-US/mediation.json';
import enMobile from './en-US/mobile.json';
import enNav from './en-US/nav.json';
import enNotifications from './en-US/notifications.json';
import enOrg from './en-US/org.json';
import enOwners from './en-US/owners.json';
import enPlan from './en-US/plan.json';
import enProgress from './en-US/progress.json';
import enProjects from './en-US/projects.json';
import enResident from './en-US/resident.json';
import enScreen from './en-US/screen.json';
import enUsers from './en-US/users.json';
import enVotes from './en-US/votes.json';
import enWarranties from './en-US/warranties.json';
import enWaterlogging from './en-US/waterlogging.json';
import zhAssessment from './zh-CN/assessment.json';
import zhAssets from './zh-CN/assets.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCalendar from './zh-CN/calendar.json';
import zhCases from './zh-CN/cases.json';
import zhCommon from './zh-CN/common.json';
import zhDuties from './zh-CN/duties.json';
import zhEmergency from './zh-CN/emergency.json';
import zhErrors from './zh-CN/errors.json';
import zhFiresafety from './zh-CN/firesafety.json';
import zhFunds from './zh-CN/funds.json';
import zhHazards from './zh-CN/hazards.json';
import zhHome from './zh-CN/home.json';
import zhHotline from './zh-CN/hotline.json';
import zhInspections from './zh-CN/inspections.json';
import zhLegacy from './zh-CN/legacy.json';
import zhMediation from './zh-CN/mediation.json';
import zhMobile from './zh-CN/mobile.json';
import zhNav from './zh-CN/nav.json';
import zhNotifications from './zh-CN/notifications.json';
import zhOrg from './zh-CN/org.json';
import zhOwners from './zh-CN/owners.json';
import zhPlan from './zh-CN/plan.json';
import zhProgress from './zh-CN/progress.json';
import zhProjects from './zh-CN/projects.json';
import zhResident from './zh-CN/resident.json';
import zhScreen from './zh-CN/screen.json';
import zhUsers from './zh-CN/users.json';
import zhVotes from './zh-CN/votes.json';
import zhWarranties from './zh-CN/warranties.json';
import zhWaterlogging from './zh-CN/waterlogging.json';

/**
 * Every UI and API text, by language and namespace (one namespace per domain). Both the web app
 * and the server (error messages, Excel headers) read these; nothing else holds UI strings.
 * Generated order: one namespace per line, alphabetical.
 */
export const resources = {
  'zh-CN': {
    assessment: zhAssessment,
    assets: zhAssets,
    audit: zhAudit,
    auth: zhAuth,
    calendar: zhCalendar,
    cases: zhCases,
    common: zhCommon,
    duties: zhDuties,
    emergency: zhEmergency,
    errors: zhErrors,
    firesafety: zhFiresafety,
    funds: zhFunds,
    hazards: zhHazards,
    home: zhHome,
    hotline: zhHotline,
    inspections: zhInspections,
    legacy: zhLegacy,
    mediation: zhMediation,
    mobile: zhMobile,
    nav: zhNav,
    notifications: zhNotifications,
    org: zhOrg,
    owners: zhOwners,
    plan: zhPlan,
    progress: zhProgress,
    projects: zhProjects,
    resident: zhResident,
    screen: zhScreen,
    users: zhUsers,
    votes: zhVotes,
    warranties: zhWarranties,
    waterlogging: zhWaterlogging,
  },
  'en-US': {
    assessment: enAssessment,
    assets: enAssets,
    audit: enAudit,
    auth: enAuth,
    calendar: enCalendar,
    cases: enCases,
    common: enCommon,
    duties: enDuties,
    emergency: enEmergency,
    errors: enErrors,
    firesafety: enFiresafety,
    funds: enFunds,
    hazards: enHazards,
    home: enHome,
    hotline: enHotline,
    inspections: enInspections,
    legacy: enLegacy,
    mediation: enMediation,
    mobile: enMobile,
    nav: enNav,
    notifications: enNotifications,
    org: enOrg,
    owners: enOwners,
    plan: enPlan,
    progress: enProgress,
    projects: enProjects,
    resident: enResident,
    screen: enScreen,
    users: enUsers,
    votes: enVotes,
    warranties: enWarranties,
    waterlogging: enWaterlogging,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
