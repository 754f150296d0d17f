import { useMutation } from '@tanstack/react-query';
import { TEXT_LIMITS } from '@tuyendau/domain';
import { Alert, App, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, messageOf } from '../../app/api.ts';
import type { BoardAlert } from './types.ts';

/** Dismissal of an alert that needs no transfer: the reason is required and kept with it. */
export function DismissDialog({
  alert,
  onClose,
  onDone,
}: {
  alert: BoardAlert;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const dismiss = useMutation({
    mutationFn: () => api.post(`/care/alerts/${alert.id}/dismiss`, { note: note.trim() }),
    onSuccess: () => {
      message.success(t('careBoard.dismissed', { name: alert.person.fullName }));
      onDone();
    },
  });
  return (
    <Modal
      open
      title={t('careBoard.dismissTitle', { name: alert.person.fullName })}
      okText={t('careBoard.dismissConfirm')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => dismiss.mutate()}
      okButtonProps={{ disabled: !note.trim(), loading: dismiss.isPending }}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>{alert.signWords.join('; ')}</Typography.Text>
        {dismiss.isError && <Alert type="error" showIcon message={messageOf(dismiss.error)} />}
        <Input.TextArea
          data-testid="dismiss-note"
          aria-label={t('careBoard.dismissReason')}
          value={note}
          maxLength={TEXT_LIMITS.note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('careBoard.dismissReason')}
        />
      </Flex>
    </Modal>
  );
}
