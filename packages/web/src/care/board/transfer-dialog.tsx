import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TEXT_LIMITS } from '@tuyendau/domain';
import { Alert, App, Flex, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListPage, messageOf } from '../../app/api.ts';
import type { BoardAlert, FacilityOption } from './types.ts';

/**
 * Transfer of a person with an alert to a treatment facility of the province: each facility with
 * its tier and its free beds (a full one cannot be chosen); the server takes the bed under the
 * facility's lock and answers 409 with the facility's words when another officer took the last one.
 */
export function TransferDialog({
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
  const queryClient = useQueryClient();
  const [facilityId, setFacilityId] = useState<string>();
  const [note, setNote] = useState('');
  const facilities = useQuery({
    queryKey: ['/facilities', 'treatment', 'available', alert.unit.code],
    queryFn: () =>
      api.get<ListPage<FacilityOption>>('/facilities', {
        kind: 'treatment',
        available: true,
        unit: alert.unit.code,
        limit: 200,
      }),
  });
  const transfer = useMutation({
    mutationFn: () =>
      api.post<{ facility: { name: string } }>(`/care/alerts/${alert.id}/transfer`, {
        facilityId,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: (out) => {
      message.success(
        t('careBoard.transferred', { name: alert.person.fullName, facility: out.facility.name }),
      );
      void queryClient.invalidateQueries({ queryKey: ['/facilities'] });
      void queryClient.invalidateQueries({ queryKey: ['/care/capacity'] });
      onDone();
    },
    onError: () => void facilities.refetch(),
  });
  const options = [...(facilities.data?.items ?? [])]
    .sort((a, b) => (a.tierNumber ?? 9) - (b.tierNumber ?? 9) || b.free - a.free)
    .map((f) => ({
      value: f.id,
      disabled: f.free <= 0,
      label: f.name,
      details: t('careBoard.facilityDetails', {
        tier: f.tierName ?? t('careBoard.noTier'),
        free: f.free,
        beds: f.beds,
      }),
    }));
  return (
    <Modal
      open
      width={600}
      title={t('careBoard.transferTitle', { name: alert.person.fullName })}
      okText={t('careBoard.transferConfirm')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => transfer.mutate()}
      okButtonProps={{ disabled: !facilityId, loading: transfer.isPending, id: 'transfer-confirm' }}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>{alert.signWords.join('; ')}</Typography.Text>
        {transfer.isError && <Alert type="error" showIcon message={messageOf(transfer.error)} />}
        {facilities.isError && <Alert type="error" showIcon message={messageOf(facilities.error)} />}
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('careBoard.facility')}</Typography.Text>
          <Select
            id="transfer-facility"
            data-testid="transfer-facility"
            aria-label={t('careBoard.facility')}
            showSearch={{ optionFilterProp: 'label' }}
            loading={facilities.isLoading}
            placeholder={t('careBoard.pickFacility')}
            value={facilityId}
            onChange={setFacilityId}
            options={options}
            // The name on the first line (what is searched and shown once chosen), tier and beds under it.
            optionRender={(option) => (
              <Flex vertical>
                <span>{option.data.label}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {option.data.details}
                </Typography.Text>
              </Flex>
            )}
            notFoundContent={t('careBoard.noFacility')}
            style={{ width: '100%' }}
          />
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('careBoard.note')}</Typography.Text>
          <Input.TextArea
            data-testid="transfer-note"
            value={note}
            maxLength={TEXT_LIMITS.note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('careBoard.transferNotePlaceholder')}
          />
        </Flex>
      </Flex>
    </Modal>
  );
}
