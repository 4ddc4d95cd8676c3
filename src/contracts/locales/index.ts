import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCommon from './en-US/common.json';
import enErrors from './en-US/errors.json';
import enHome from './en-US/home.json';
import enMobile from './en-US/mobile.json';
import enNav from './en-US/nav.json';
import enOrg from './en-US/org.json';
import enUsers from './en-US/users.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhHome from './zh-CN/home.json';
import zhMobile from './zh-CN/mobile.json';
import zhNav from './zh-CN/nav.json';
import zhOrg from './zh-CN/org.json';
import zhUsers from './zh-CN/users.json';

/**
 * Every UI and API text, by language and namespace (one namespace per domain). Both the web app
 * and the server (error messages, Excel headers) read these; nothing else holds UI strings.
 */
export const resources = {
  'zh-CN': {
    common: zhCommon,
    errors: zhErrors,
    nav: zhNav,
    auth: zhAuth,
    org: zhOrg,
    home: zhHome,
    mobile: zhMobile,
    users: zhUsers,
    audit: zhAudit,
  },
  'en-US': {
    common: enCommon,
    errors: enErrors,
    nav: enNav,
    auth: enAuth,
    org: enOrg,
    home: enHome,
    mobile: enMobile,
    users: enUsers,
    audit: enAudit,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
