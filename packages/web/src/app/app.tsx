import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import viVN from 'antd/locale/vi_VN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { queryClient } from './query-client.ts';
import { AppRoutes } from './routes.tsx';

/** Ant Design's own texts: Vietnamese at once, English fetched when chosen. */
function useAntLocale(language: string): Locale {
  const [english, setEnglish] = useState<Locale | null>(null);
  useEffect(() => {
    if (language === 'en' && !english) void import('antd/locale/en_US').then((m) => setEnglish(m.default));
  }, [language, english]);
  return language === 'en' && english ? english : viVN;
}

export function App() {
  const { i18n } = useTranslation();
  const locale = useAntLocale(i18n.language);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
