import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Flex, List, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useAccount } from '../../app/account.ts';
import { messageOf } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { DoseModal } from './dose-modal.tsx';
import { DoseFlags, ReviewTag, SyncTag } from './dose-tags.tsx';
import type { Dose, SupersededDose } from './types.ts';
import { usePersonDoses } from './use-person-doses.ts';

/** "Mũi 2 · Pfizer-BioNTech (Comirnaty) · 25/08/2021" and where, lot, who. */
function DoseLine({ dose, onCorrect }: { dose: Dose; onCorrect?: () => void }) {
  const { t } = useTranslation();
  const details = [
    dose.site,
    dose.lot && t('vaccinationDoses.lotShort', { lot: dose.lot }),
    dose.kind !== 'primary' && t(`vaccinationDoses.kinds.${dose.kind}`),
  ].filter(Boolean);
  return (
    <List.Item data-testid="dose-line" data-dose-number={dose.doseNumber}>
      <Flex vertical gap={4} style={{ minWidth: 0, width: '100%' }}>
        <Flex justify="space-between" align="start" gap={8} wrap>
          <Typography.Text strong>
            {t('vaccinationDoses.doseLabel', { number: dose.doseNumber })} · {dose.productName} ·{' '}
            {formatDate(dose.givenOn)}
          </Typography.Text>
          <Space size={4} wrap>
            <ReviewTag status={dose.reviewStatus} />
            <SyncTag dose={dose} />
            {onCorrect && (
              <Button
                data-testid="dose-correct"
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={onCorrect}
                style={{ paddingInline: 4 }}
              >
                {t('vaccinationDoses.correct')}
              </Button>
            )}
          </Space>
        </Flex>
        {details.length > 0 && <Typography.Text type="secondary">{details.join(' · ')}</Typography.Text>}
        <DoseFlags dose={dose} />
        {dose.reviewNote && (
          <Typography.Text type="secondary">
            {t('vaccinationDoses.reviewNote', { note: dose.reviewNote, by: dose.reviewedBy ?? '' })}
          </Typography.Text>
        )}
      </Flex>
    </List.Item>
  );
}

/** A dose replaced by a correction: what it said, what replaced it, and why. */
function SupersededLine({ dose }: { dose: SupersededDose }) {
  const { t } = useTranslation();
  const by = dose.supersededBy;
  return (
    <List.Item data-testid="dose-superseded">
      <Flex vertical gap={2}>
        <Typography.Text delete type="secondary">
          {t('vaccinationDoses.doseLabel', { number: dose.doseNumber })} · {dose.productName} ·{' '}
          {formatDate(dose.givenOn)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {by.doseNumber !== null && by.givenOn
            ? t('vaccinationDoses.replacedBy', {
                number: by.doseNumber,
                date: formatDate(by.givenOn),
              })
            : t('vaccinationDoses.replaced')}
          {by.reason ? ` — ${t('vaccinationDoses.because', { reason: by.reason })}` : ''}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/**
 * The "Tiêm chủng" section of a person's page: the doses in order with their review and sync
 * state, the corrections kept as history, and (for who records doses) a form for the next dose.
 */
export function PersonDoses({ personId, birthDate }: { personId: string; birthDate: string }) {
  const { t } = useTranslation();
  const me = useAccount();
  const doses = usePersonDoses(personId);
  const [modal, setModal] = useState<{ correcting?: Dose } | null>(null);
  const write = can(me, 'vaccination.write');
  const body = () => {
    if (doses.isPending) return <Skeleton active />;
    if (doses.isError) return <Alert type="error" showIcon title={messageOf(doses.error)} />;
    const { doses: current, superseded, next } = doses.data;
    return (
      <>
        {current.length === 0 ? (
          <Typography.Text type="secondary">{t('vaccinationDoses.none')}</Typography.Text>
        ) : (
          <List size="small" split data-testid="dose-list">
            {current.map((dose) => (
              <DoseLine
                key={dose.id}
                dose={dose}
                onCorrect={write ? () => setModal({ correcting: dose }) : undefined}
              />
            ))}
          </List>
        )}
        {next && (
          <Typography.Paragraph data-testid="dose-next" type="secondary" style={{ margin: '8px 0 0' }}>
            {t(next.overdue ? 'vaccinationDoses.nextOverdue' : 'vaccinationDoses.nextDue', {
              number: next.doseNumber,
              kind: t(`vaccinationDoses.kinds.${next.kind}`),
              date: formatDate(next.dueOn),
            })}
          </Typography.Paragraph>
        )}
        {superseded.length > 0 && (
          <Collapse
            ghost
            size="small"
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'history',
                label: t('vaccinationDoses.history', { count: superseded.length }),
                children: (
                  <List size="small" split>
                    {superseded.map((dose) => (
                      <SupersededLine key={dose.id} dose={dose} />
                    ))}
                  </List>
                ),
              },
            ]}
          />
        )}
      </>
    );
  };
  return (
    <Card
      data-testid="person-doses"
      title={t('vaccinationDoses.section')}
      size="small"
      style={{ marginTop: 16 }}
      extra={
        write &&
        doses.isSuccess && (
          <Button
            data-testid="dose-record"
            size="small"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal({})}
          >
            {t('vaccinationDoses.record')}
          </Button>
        )
      }
    >
      {body()}
      {modal && doses.isSuccess && (
        <DoseModal
          personId={personId}
          birthDate={birthDate}
          doses={doses.data}
          correcting={modal.correcting}
          onClose={() => setModal(null)}
        />
      )}
    </Card>
  );
}
