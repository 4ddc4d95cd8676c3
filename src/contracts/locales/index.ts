import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCases from './en-US/cases.json';
import enCommon from './en-US/common.json';
import enErrors from './en-US/errors.json';
import enHome from './en-US/home.json';
import enHotline from './en-US/hotline.json';
import enMobile from './en-US/mobile.json';
import enNav from './en-US/nav.json';
import enNotifications from './en-US/notifications.json';
import enOrg from './en-US/org.json';
import enProgress from './en-US/progress.json';
import enResident from './en-US/resident.json';
import enUsers from './en-US/users.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCases from './zh-CN/cases.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhHome from './zh-CN/home.json';
import zhHotline from './zh-CN/hotline.json';
import zhMobile from './zh-CN/mobile.json';
import zhNav from './zh-CN/nav.json';
import zhNotifications from './zh-CN/notifications.json';
import zhOrg from './zh-CN/org.json';
import zhProgress from './zh-CN/progress.json';
import zhResident from './zh-CN/resident.json';
import zhUsers from './zh-CN/users.json';

/**
 * Every UI and API text, by language and namespace (one namespace per domain). Both the web app
 * and the server (error messages, Excel headers) read these; nothing else holds UI strings.
 * Keep one namespace per line, in alphabetical order.
 */
export const resources = {
  'zh-CN': {
    audit: zhAudit,
    auth: zhAuth,
    cases: zhCases,
    common: zhCommon,
    errors: zhErrors,
    home: zhHome,
    hotline: zhHotline,
    mobile: zhMobile,
    nav: zhNav,
    notifications: zhNotifications,
    org: zhOrg,
    progress: zhProgress,
    resident: zhResident,
    users: zhUsers,
  },
  'en-US': {
    audit: enAudit,
    auth: enAuth,
    cases: enCases,
    common: enCommon,
    errors: enErrors,
    home: enHome,
    hotline: enHotline,
    mobile: enMobile,
    nav: enNav,
    notifications: enNotifications,
    org: enOrg,
    progress: enProgress,
    resident: enResident,
    users: enUsers,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
