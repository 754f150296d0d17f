import { useTranslation } from 'react-i18next';
import { ImportPage } from '../shared/import-page.tsx';

/** /tests/import: tests from a laboratory's CSV or XLSX file. */
export function TestImportPage() {
  const { t } = useTranslation();
  return (
    <ImportPage
      path="/tests/import"
      title={t('tests.importTitle')}
      testId="test-import"
      back="/tests"
      refresh="/tests"
    />
  );
}
