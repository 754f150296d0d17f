import { useTranslation } from 'react-i18next';
import { ImportPage } from '../shared/import-page.tsx';

/** /cases/import: a line list of cases from a CSV or XLSX file. */
export function CaseImportPage() {
  const { t } = useTranslation();
  return (
    <ImportPage
      path="/cases/import"
      title={t('cases.importTitle')}
      testId="case-import"
      back="/cases"
      refresh="/cases"
    />
  );
}
