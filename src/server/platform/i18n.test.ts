import { describe, expect, it } from 'vitest';
import { resources } from '../../contracts/locales';
import { pickLanguage } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    keys(v, prefix ? `${prefix}.${k}` : k),
  );
}

describe('locales', () => {
  it('English has every key Chinese has, and no more', () => {
    const zh = resources['zh-CN'];
    const en = resources['en-US'];
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const ns of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(keys(en[ns]).sort(), `namespace ${ns}`).toEqual(keys(zh[ns]).sort());
    }
  });

  it('no English text is empty and no Chinese text was left in the English files', () => {
    for (const [ns, bundle] of Object.entries(resources['en-US'])) {
      for (const key of keys(bundle)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], bundle);
        expect(typeof value === 'string' && value.trim().length > 0, `${ns}:${key}`).toBe(true);
        expect(/[\u4e00-\u9fff]/.test(value as string), `${ns}:${key} holds Chinese`).toBe(false);
      }
    }
  });

  it('Accept-Language picks Chinese first, English when asked', () => {
    expect(pickLanguage(undefined)).toBe('zh-CN');
    expect(pickLanguage('en-US,en;q=0.9')).toBe('en-US');
    expect(pickLanguage('fr-FR, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(pickLanguage('de')).toBe('zh-CN');
  });
});
