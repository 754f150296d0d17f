import { ApartmentOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { formatDate } from '../../app/format.ts';
import {
  CONTACT_SETTING_LABELS,
  type ContactSetting,
  labelOf,
  QUARANTINE_PLACE_LABELS,
  VACCINATION_STATUS_LABELS,
  type VaccinationStatus,
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
      <Table<Contact>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={kase.contacts}
        locale={{ emptyText: t('contacts.empty') }}
        columns={[
          {
            title: t('contacts.name'),
            dataIndex: 'personName',
            render: (name: string, contact) => (
              <>
                <Link to={`/persons/${contact.personId}`}>{name}</Link>
                <Typography.Text type="secondary"> · F{contact.degree}</Typography.Text>
              </>
            ),
          },
          {
            title: t('contacts.setting'),
            dataIndex: 'setting',
            render: (setting: ContactSetting) => labelOf(CONTACT_SETTING_LABELS, setting),
          },
          { title: t('contacts.exposureDate'), dataIndex: 'exposureDate', render: formatDate },
          {
            title: t('contacts.vaccination'),
            dataIndex: 'vaccination',
            // The doses decide when known; else the declared status did.
            render: (status: VaccinationStatus, contact) =>
              contact.doses != null
                ? contact.lastDoseOn
                  ? t('contacts.dosesSummary', { count: contact.doses, date: formatDate(contact.lastDoseOn) })
                  : t('contacts.dosesCount', { count: contact.doses })
                : labelOf(VACCINATION_STATUS_LABELS, status),
          },
          {
            title: t('contacts.quarantinePlace'),
            key: 'place',
            render: (_, contact) =>
              contact.quarantine
                ? labelOf(QUARANTINE_PLACE_LABELS, contact.quarantine.place)
                : t('contacts.noQuarantine'),
          },
          {
            title: t('contacts.quarantineEnd'),
            key: 'end',
            render: (_, contact) =>
              contact.quarantine
                ? t('contacts.quarantineDays', {
                    end: formatDate(contact.quarantine.end),
                    days: contact.quarantine.days,
                  })
                : '—',
          },
          {
            title: t('contacts.policy'),
            key: 'policy',
            // The document and its "chưa xác nhận" mark wrap instead of widening the table.
            width: 200,
            render: (_, contact) => {
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
            title: t('contacts.statusTitle'),
            key: 'status',
            render: (_, contact) => <ContactStatusTag contact={contact} />,
          },
        ]}
      />
    </Card>
  );
}
