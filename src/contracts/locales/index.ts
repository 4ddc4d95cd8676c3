import enAuth from './en-US/auth.json';
import enCommon from './en-US/common.json';
import enErrors from './en-US/errors.json';
import enFunds from './en-US/funds.json';
import enMediation from './en-US/mediation.json';
import enNav from './en-US/nav.json';
import enOrg from './en-US/org.json';
import enOwners from './en-US/owners.json';
import enVotes from './en-US/votes.json';
import zhAuth from './zh-CN/auth.json';
import zhCommon from './zh-CN/common.json';
import zhErrors from './zh-CN/errors.json';
import zhFunds from './zh-CN/funds.json';
import zhMediation from './zh-CN/mediation.json';
import zhNav from './zh-CN/nav.json';
import zhOrg from './zh-CN/org.json';
import zhOwners from './zh-CN/owners.json';
import zhVotes from './zh-CN/votes.json';

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
    owners: zhOwners,
    votes: zhVotes,
    funds: zhFunds,
    mediation: zhMediation,
  },
  'en-US': {
    common: enCommon,
    errors: enErrors,
    nav: enNav,
    auth: enAuth,
    org: enOrg,
    owners: enOwners,
    votes: enVotes,
    funds: enFunds,
    mediation: enMediation,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
