import { ApartmentOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { ResponsiveList } from '../../app/cursor-list.tsx';
import { formatDate } from '../../app/format.ts';
import {
  CONTACT_SETTING_LABELS,
  labelOf,
  QUARANTINE_PLACE_LABELS,
  VACCINATION_STATUS_LABELS,
} from '../shared/labels.ts';
import { PolicyBasis } from '../shared/policy-basis.tsx';
import type { CaseDetail, Contact } from '../shared/types.ts';
import { ContactStatusTag } from './contact-status.tsx';

/** The people exposed to a case, each with the quarantine the policy of their exposure date orders. */
export function CaseContacts({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const me = useAccount();
  return (
    <Card
      data-testid="case-contacts"
      title={t('contacts.title', { count: kase.contacts.length })}
      size="small"
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Link to={`/cases/${kase.id}/chain`} data-testid="case-chain-link">
          <Button size="small" icon={<ApartmentOutlined />}>
            {t('chain.open')}
          </Button>
        </Link>
        {can(me, 'case.write') && (
          <Link to={`/cases/${kase.id}/contacts/new`}>
            <Button data-testid="add-contacts" size="small" type="primary" icon={<UsergroupAddOutlined />}>
              {t('contacts.add')}
            </Button>
          </Link>
        )}
      </Flex>
      <ResponsiveList<Contact>
        testId="case-contact-list"
        size="small"
        items={kase.contacts}
        rowKey={(contact) => contact.id}
        href={(contact) => `/persons/${contact.personId}`}
        empty={t('contacts.empty')}
        columns={[
          {
            key: 'name',
            title: t('contacts.name'),
            card: 'title',
            render: (contact) => (
              <>
                <Link to={`/persons/${contact.personId}`}>{contact.personName}</Link>
                <Typography.Text type="secondary"> · F{contact.degree}</Typography.Text>
              </>
            ),
          },
          {
            key: 'setting',
            title: t('contacts.setting'),
            table: false,
            render: (contact) => labelOf(CONTACT_SETTING_LABELS, contact.setting),
          },
          {
            key: 'exposureDate',
            title: t('contacts.exposureDate'),
            card: 'primary',
            table: false,
            render: (contact) => formatDate(contact.exposureDate),
          },
          {
            // In the table the day and the setting share a column, so that the table fits 1440 px.
            key: 'exposure',
            title: t('contacts.exposureDate'),
            card: 'hidden',
            render: (contact) => (
              <>
                {formatDate(contact.exposureDate)}
                <br />
                <Typography.Text type="secondary">
                  {labelOf(CONTACT_SETTING_LABELS, contact.setting)}
                </Typography.Text>
              </>
            ),
          },
          {
            key: 'vaccination',
            title: t('contacts.vaccination'),
            width: 150,
            // The doses decide when known; else the declared status did.
            render: (contact) =>
              contact.doses != null
                ? contact.lastDoseOn
                  ? t('contacts.dosesSummary', { count: contact.doses, date: formatDate(contact.lastDoseOn) })
                  : t('contacts.dosesCount', { count: contact.doses })
                : labelOf(VACCINATION_STATUS_LABELS, contact.vaccination),
          },
          {
            key: 'place',
            title: t('contacts.quarantinePlace'),
            card: 'primary',
            render: (contact) =>
              contact.quarantine
                ? labelOf(QUARANTINE_PLACE_LABELS, contact.quarantine.place)
                : t('contacts.noQuarantine'),
          },
          {
            key: 'end',
            title: t('contacts.quarantineEnd'),
            card: 'primary',
            render: (contact) =>
              contact.quarantine
                ? t('contacts.quarantineDays', {
                    end: formatDate(contact.quarantine.end),
                    days: contact.quarantine.days,
                  })
                : '—',
          },
          {
            key: 'policy',
            title: t('contacts.policy'),
            // The document and its "chưa xác nhận" mark wrap instead of widening the table.
            width: 200,
            render: (contact) => {
              const policy = contact.quarantine?.policy;
              return policy?.source ? (
                <PolicyBasis
                  policy={{ ...policy, code: policy.code ?? '', source: policy.source }}
                  prefix="contacts.policySource"
                />
              ) : (
                '—'
              );
            },
          },
          {
            key: 'status',
            title: t('contacts.statusTitle'),
            card: 'extra',
            render: (contact) => <ContactStatusTag contact={contact} />,
          },
        ]}
      />
    </Card>
  );
}
