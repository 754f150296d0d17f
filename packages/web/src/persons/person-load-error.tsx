import { Alert, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, messageOf } from '../app/api.ts';

/** A 404, or a 400 on the id itself (not a UUID): no such person for this account. */
function isMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.field === 'id'))
  );
}

/** Why a person could not be opened; outside the jurisdiction reads the same as missing. */
export function PersonLoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isMissing(error)) {
    return (
      <Result data-testid="person-not-found" status="404" title="404" subTitle={t('persons.notFound')} />
    );
  }
  return <Alert type="error" showIcon title={messageOf(error)} />;
}
