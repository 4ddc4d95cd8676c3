import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Language, languages } from '../../contracts/auth';
import { api } from '../api/client';
import { applyLanguage } from '../i18n';

/** The language switch (each language named in itself): switches at once, remembered in this browser and, when signed in, on the account. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Segmented
      size="small"
      data-testid="language-switch"
      value={i18n.language}
      options={languages.map((lang) => ({
        label: i18n.t('common:languageName', { lng: lang }),
        value: lang,
      }))}
      onChange={(value) => {
        const lang = value as Language;
        applyLanguage(lang);
        if (signedIn) void api.put('/auth/preferences', { lang }).catch(() => undefined);
      }}
    />
  );
}
