import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { languageReady } from './app/i18n/i18n.ts';
import { prefetchSignedIn } from './app/prefetch.ts';

prefetchSignedIn(window.location.pathname);
await languageReady;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
