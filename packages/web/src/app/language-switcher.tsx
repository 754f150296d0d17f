import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, setLanguage } from './i18n/i18n.ts';

/** VI / EN: two small buttons (the first download of the login page carries them). */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <Space.Compact data-testid="language-switcher" aria-label={t('language.label')} role="group">
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          size="small"
          type={language === current ? 'primary' : 'default'}
          aria-pressed={language === current}
          onClick={() => void setLanguage(language)}
        >
          {t(`language.${language}`)}
        </Button>
      ))}
    </Space.Compact>
  );
}
