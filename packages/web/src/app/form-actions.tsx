import { Button, Flex } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The submit and cancel buttons that end every page form. */
export function FormActions({
  submitTestId,
  submitLabel,
  loading,
  cancelTo,
  style,
}: {
  submitTestId: string;
  submitLabel: string;
  loading: boolean;
  cancelTo: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap style={style}>
      <Button data-testid={submitTestId} type="primary" htmlType="submit" loading={loading}>
        {submitLabel}
      </Button>
      <Link to={cancelTo}>
        <Button>{t('common.cancel')}</Button>
      </Link>
    </Flex>
  );
}
