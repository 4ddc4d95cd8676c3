import i18next, { type i18n, type TFunction } from 'i18next';
import { type Language, languages } from '../../contracts/auth';
import { resources } from '../../contracts/locales';

let instance: i18n | undefined;

function server(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: 'zh-CN',
      fallbackLng: 'zh-CN',
      supportedLngs: [...languages],
      ns: Object.keys(resources['zh-CN']),
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  return instance;
}

export function translator(lang: Language): TFunction {
  return server().getFixedT(lang);
}

/** Picks zh-CN or en-US from an Accept-Language header; Chinese first. */
export function pickLanguage(header: string | undefined, fallback: Language = 'zh-CN'): Language {
  if (!header) return fallback;
  const tags = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((t) => t.tag && t.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return fallback;
}
