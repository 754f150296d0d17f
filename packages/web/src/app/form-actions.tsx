import { Alert, Button, Flex } from 'antd';
import { type CSSProperties, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * The submit of a form that saves through `mutation`: one request at a time. A second click, or
 * Enter and a click, while a save is on its way is ignored (the button shows the save and takes no
 * click either: pass `mutation.isPending` as FormActions' `loading`). The API client sends the
 * same Idempotency-Key for the same body meanwhile, so even a request that slips through is
 * stored once.
 */
export function useSubmitOnce<V>(mutation: {
  mutate: (values: V, options?: { onSettled?: () => void }) => void;
  isPending: boolean;
}): (values: V) => void {
  const busy = useRef(false);
  return (values) => {
    if (busy.current || mutation.isPending) return;
    busy.current = true;
    mutation.mutate(values, {
      onSettled: () => {
        busy.current = false;
      },
    });
  };
}

/** The submit and cancel buttons that end every page form; the submit takes no click while saving. */
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
