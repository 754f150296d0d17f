import { Alert, Button, Flex, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../app/api.ts';
import { formatDate } from '../app/format.ts';
import type { PersonCandidate } from './types.ts';

/** The people a 409 possible_duplicate names, or undefined for any other error. */
export function duplicateCandidates(error: unknown): PersonCandidate[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'possible_duplicate') return undefined;
  const candidates = error.details.candidates;
  return Array.isArray(candidates) ? (candidates as PersonCandidate[]) : [];
}

/** The person already holding an identity number (409 duplicate_id_number), when the account may see them. */
export function existingPersonId(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'duplicate_id_number') return undefined;
  const id = error.details.existingId;
  return typeof id === 'string' ? id : undefined;
}

/** A link to the person already registered with the identity number typed. */
export function ExistingPersonLink({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Link data-testid="duplicate-id-link" to={`/persons/${id}`}>
      {t('duplicates.openExisting')}
    </Link>
  );
}

interface DuplicatePromptProps {
  candidates: PersonCandidate[];
  /** Says which person of a form is meant ("Người thứ 2"), when the form has several. */
  title?: string;
  /** The registered person is the one meant: use them instead of registering again. */
  onPick: (candidate: PersonCandidate) => void;
  /** None of them: register a new person anyway. */
  onConfirmNew: () => void;
  /** A save is on its way (after confirming). */
  saving?: boolean;
}

/**
 * People already registered who may be the one being registered (same name, birth date and
 * commune, or same phone): pick one, or confirm a new person. A question, not an error.
 */
export function DuplicatePrompt({ candidates, title, onPick, onConfirmNew, saving }: DuplicatePromptProps) {
  const { t } = useTranslation();
  return (
    <Alert
      data-testid="duplicate-prompt"
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={title ?? t('duplicates.title')}
      description={
        <Flex vertical gap={8}>
          <Typography.Text>{t('duplicates.hint')}</Typography.Text>
          <List
            size="small"
            dataSource={candidates}
            renderItem={(c) => (
              <List.Item
                key={c.id}
                data-testid="duplicate-candidate"
                actions={[
                  <Button key="pick" data-testid="duplicate-pick" size="small" onClick={() => onPick(c)}>
                    {t('duplicates.pick')}
                  </Button>,
                ]}
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong>{c.fullName}</Typography.Text>
                  <Typography.Text type="secondary">
                    {[formatDate(c.birthDate), t(`sex.${c.sex}`), c.unitName].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  {(c.phone || c.idNumber) && (
                    <Typography.Text type="secondary">
                      {[
                        c.phone && `${t('persons.phone')}: ${c.phone}`,
                        c.idNumber && `${t('persons.idNumberShort')}: ${c.idNumber}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Text>
                  )}
                  <Space size={4} wrap>
                    {c.reasons.map((reason) => (
                      <Tag key={reason} color="gold">
                        {t(`duplicates.reason.${reason}`)}
                      </Tag>
                    ))}
                  </Space>
                </Flex>
              </List.Item>
            )}
          />
          <div>
            <Button data-testid="duplicate-confirm-new" onClick={onConfirmNew} loading={saving}>
              {t('duplicates.confirmNew')}
            </Button>
          </div>
        </Flex>
      }
    />
  );
}
