import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tuyendau.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  dayjs.locale(language === 'en' ? 'en' : 'vi');
  localStorage.setItem(STORAGE_KEY, language);
}

export const i18n = i18next.createInstance();

// Vietnamese is in the first download; English is fetched the first time it is chosen.
i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi } },
  lng: 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  initAsync: false,
});
i18n.on('languageChanged', applyLanguage);

/** Switches the language, loading its texts first when they are not here yet. */
export async function setLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    const texts = (await import('./en.json')).default;
    i18n.addResourceBundle(language, 'translation', texts);
  }
  await i18n.changeLanguage(language);
}

/** Resolves when the language last chosen on this device is ready (English needs its texts). */
export const languageReady: Promise<void> = setLanguage(storedLanguage());
