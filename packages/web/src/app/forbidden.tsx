import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** What an account sees on a page its role may not open. */
export function Forbidden() {
  const { t } = useTranslation();
  return <Result data-testid="forbidden" status="403" title="403" subTitle={t('errors.forbidden')} />;
}
