import enAuth from './en-US/auth.json';
import enCases from './en-US/cases.json';
import enCommon from './en-US/common.json';
import enErrors from './en-US/errors.json';
import enNav from './en-US/nav.json';
import enOrg from './en-US/org.json';
import zhAuth from './zh-CN/auth.json';
import zhCases from './zh-CN/cases.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhNav from './zh-CN/nav.json';
import zhOrg from './zh-CN/org.json';

/**
 * Every UI and API text, by language and namespace (one namespace per domain). Both the web app
 * and the server (error messages, Excel headers) read these; nothing else holds UI strings.
 */
export const resources = {
  'zh-CN': { common: zhCommon, errors: zhErrors, nav: zhNav, auth: zhAuth, org: zhOrg, cases: zhCases },
  'en-US': { common: enCommon, errors: enErrors, nav: enNav, auth: enAuth, org: enOrg, cases: enCases },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
