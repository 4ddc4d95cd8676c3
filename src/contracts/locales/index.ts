import enAssets from './en-US/assets.json';
import enAudit from './en-US/audit.json';
import enAuth from './en-US/auth.json';
import enCases from './en-US/cases.json';
import enCommon from './en-US/common.json';
import enEmergency from './en-US/emergency.json';
import enErrors from './en-US/errors.json';
import enFiresafety from './en-US/firesafety.json';
import enHazards from './en-US/hazards.json';
import enHome from './en-US/home.json';
import enInspections from './en-US/inspections.json';
import enLegacy from './en-US/legacy.json';
import enMobile from './en-US/mobile.json';
import enNav from './en-US/nav.json';
import enOrg from './en-US/org.json';
import enUsers from './en-US/users.json';
import enWarranties from './en-US/warranties.json';
import enWaterlogging from './en-US/waterlogging.json';
import zhAssets from './zh-CN/assets.json';
import zhAudit from './zh-CN/audit.json';
import zhAuth from './zh-CN/auth.json';
import zhCases from './zh-CN/cases.json';
import zhCommon from './zh-CN/common.json';
import zhEmergency from './zh-CN/emergency.json';
import zhErrors from './zh-CN/errors.json';
import zhFiresafety from './zh-CN/firesafety.json';
import zhHazards from './zh-CN/hazards.json';
import zhHome from './zh-CN/home.json';
import zhInspections from './zh-CN/inspections.json';
import zhLegacy from './zh-CN/legacy.json';
import zhMobile from './zh-CN/mobile.json';
import zhNav from './zh-CN/nav.json';
import zhOrg from './zh-CN/org.json';
import zhUsers from './zh-CN/users.json';
import zhWarranties from './zh-CN/warranties.json';
import zhWaterlogging from './zh-CN/waterlogging.json';

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
    emergency: zhEmergency,
    errors: zhErrors,
    firesafety: zhFiresafety,
    hazards: zhHazards,
    home: zhHome,
    inspections: zhInspections,
    legacy: zhLegacy,
    mobile: zhMobile,
    nav: zhNav,
    org: zhOrg,
    users: zhUsers,
    warranties: zhWarranties,
    waterlogging: zhWaterlogging,
  },
  'en-US': {
    assets: enAssets,
    audit: enAudit,
    auth: enAuth,
    cases: enCases,
    common: enCommon,
    emergency: enEmergency,
    errors: enErrors,
    firesafety: enFiresafety,
    hazards: enHazards,
    home: enHome,
    inspections: enInspections,
    legacy: enLegacy,
    mobile: enMobile,
    nav: enNav,
    org: enOrg,
    users: enUsers,
    warranties: enWarranties,
    waterlogging: enWaterlogging,
  },
} as const;

export type Namespace = keyof (typeof resources)['zh-CN'];
