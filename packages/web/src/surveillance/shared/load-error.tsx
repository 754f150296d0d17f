import { Alert, Result } from 'antd';
import { ApiError, messageOf } from '../../app/api.ts';

/** A 404, or a 400 on the id itself (not a UUID): nothing this account may open. */
function isMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.status === 404 || (error.status === 400 && error.field === 'id'))
  );
}

/** Why a record could not be opened; outside the jurisdiction reads the same as missing. */
export function LoadError({ error, notFound, testId }: { error: unknown; notFound: string; testId: string }) {
  if (isMissing(error)) return <Result data-testid={testId} status="404" title="404" subTitle={notFound} />;
  return <Alert type="error" showIcon title={messageOf(error)} />;
}
