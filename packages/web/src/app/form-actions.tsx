import { Alert, Button, Flex } from 'antd';
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

/** A server error that names no field of the form, shown above it. */
export function FormErrorAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert data-testid="form-error" type="error" showIcon title={message} style={{ marginBottom: 16 }} />
  );
}
