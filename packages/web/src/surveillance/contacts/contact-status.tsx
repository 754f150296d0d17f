import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Contact } from '../shared/types.ts';

export type ContactStatus = 'positive' | 'quarantined' | 'released' | 'monitoring';

/** Where a contact stands today: became a case, in quarantine, released, or only self-monitoring. */
export function contactStatus(contact: Contact, today = dayjs()): ContactStatus {
  if (contact.resultingCaseId) return 'positive';
  if (!contact.quarantine) return 'monitoring';
  return dayjs(contact.quarantine.end).isAfter(today, 'day') ? 'quarantined' : 'released';
}

const COLORS: Record<ContactStatus, string> = {
  positive: 'red',
  quarantined: 'orange',
  released: 'green',
  monitoring: 'blue',
};

export function ContactStatusTag({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const status = contactStatus(contact);
  const tag = <Tag color={COLORS[status]}>{t(`contacts.status.${status}`)}</Tag>;
  return contact.resultingCaseId ? <Link to={`/cases/${contact.resultingCaseId}`}>{tag}</Link> : tag;
}
