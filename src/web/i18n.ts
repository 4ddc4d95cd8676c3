import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, languages } from '../contracts/auth';
import { resources } from '../contracts/locales';
import { apiState } from './api/client';

const STORAGE_KEY = 'anju.lang';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (languages as readonly string[]).includes(stored)) return stored as Language;
  return 'zh-CN'; // Chinese first, whatever the browser says
}

export function applyLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  apiState.setLanguage(lang);
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

const lang = initialLanguage();
void i18next.use(initReactI18next).init({
  resources,
  lng: lang,
  fallbackLng: 'zh-CN',
  ns: Object.keys(resources['zh-CN']),
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initAsync: false,
});
applyLanguage(lang);

export default i18next;
