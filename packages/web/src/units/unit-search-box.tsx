import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SearchInput } from '../app/search-input.tsx';

/** Searches units by name, with or without diacritics; results open at /units?q=. */
export function UnitSearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <SearchInput
      key={initial}
      testId="unit-search"
      label={t('units.search')}
      placeholder={t('units.searchPlaceholder')}
      initial={initial}
      onSearch={(q) => navigate(q ? `/units?q=${encodeURIComponent(q)}` : '/units')}
      style={{ maxWidth: 480, marginBottom: 16 }}
    />
  );
}
