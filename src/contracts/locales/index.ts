import enAssets from './en-US/assets.json';
import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCases from './en-US/cases.json';
import enCommon from './en-US/common.json';
import enErrors from './en-US/errors.json';
import enHazards from './en-US/hazards.json';
import enHome from './en-US/home.json';
import enMobile from './en-US/mobile.json';
import enNav from './en-US/nav.json';
import enOrg from './en-US/org.json';
import enUsers from './en-US/users.json';
import zhAssets from './zh-CN/assets.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCases from './zh-CN/cases.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhHazards from './zh-CN/hazards.json';
import zhHome from './zh-CN/home.json';
import zhMobile from './zh-CN/mobile.json';
import zhNav from './zh-CN/nav.json';
import zhOrg from './zh-CN/org.json';
import zhUsers from './zh-CN/users.json';

/**
 * Every UI and API text, by language and namespace (one namespace per domain). Both the web app
 * and the server (error messages, Excel headers) read these; nothing else holds UI strings.
 * Keep one namespace per line, in alphabetical order.
 */
export const resources = {
  'zh-CN': {
    assets: zhAssets,
    audit: zhAudit,
    auth: zhAuth,
    cases: zhCases,
    common: zhCommon,
    errors: zhErrors,
    hazards: zhHazards,
    home: zhHome,
    mobile: zhMobile,
    nav: zhNav,
    org: zhOrg,
    users: zhUsers,
  },
  'en-US': {
    assets: enAssets,
    audit: enAudit,
    auth: enAuth,
    cases: enCases,
    common: enCommon,
    errors: enErrors,
    hazards: enHazards,
    home: enHome,
    mobile: enMobile,
    nav: enNav,
    org: enOrg,
    users: enUsers,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
