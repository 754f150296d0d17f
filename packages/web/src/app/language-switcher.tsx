import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from './i18n/i18n.ts';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      data-testid="language-switcher"
      aria-label={t('language.label')}
      size="small"
      value={i18n.language === 'en' ? 'en' : 'vi'}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={(language) => i18n.changeLanguage(language)}
    />
  );
}
