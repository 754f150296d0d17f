import {
  EditOutlined,
  ExperimentOutlined,
  MedicineBoxOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, useAccount } from '../app/account.ts';
import { formatDate, formatDateTime } from '../app/format.ts';
import { PageHeader } from '../app/page-header.tsx';
import { PersonEpisodes } from '../care/episodes/person-episodes.tsx';
import { PersonDoses } from '../vaccination/doses/person-doses.tsx';
import { PersonLoadError } from './person-load-error.tsx';
import { type PersonRecords, PersonRecordsCards, usePersonRecords } from './person-records.tsx';
import type { PersonDetail } from './types.ts';
import { usePerson } from './use-person.ts';

/** Shown where a person has no value, so an empty field reads as known-empty. */
const EMPTY = '—';

function Household({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const household = person.household;
  if (!household) return null;
  return (
    <Card data-testid="household" title={t('persons.household')} style={{ marginTop: 16 }}>
      {household.address && <Typography.Paragraph>{household.address}</Typography.Paragraph>}
      <List
        data-testid="household-members"
        dataSource={household.members}
        renderItem={(member) => (
          <List.Item key={member.id}>
            {member.id === person.id ? (
              <Typography.Text strong>{member.fullName}</Typography.Text>
            ) : (
              <Link to={`/persons/${member.id}`}>{member.fullName}</Link>
            )}
            <Typography.Text type="secondary">
              {formatDate(member.birthDate)} · {t(`sex.${member.sex}`)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/**
 * The work that starts from a person, prefilled with them: a test, a case (when none is active),
 * the contacts of their active case, and an edit.
 */
function PersonActions({ personId, records }: { personId: string; records?: PersonRecords }) {
  const { t } = useTranslation();
  const me = useAccount();
  const activeCase = records?.cases.find((c) => c.status === 'active');
  const write = can(me, 'case.write');
  return (
    <Flex data-testid="person-actions" gap={8} wrap style={{ marginBottom: 16 }}>
      {write && (
        <Link to={`/tests/new?person=${personId}`}>
          <Button data-testid="person-new-test" type="primary" icon={<ExperimentOutlined />}>
            {t('personHub.registerTest')}
          </Button>
        </Link>
      )}
      {write && records && !activeCase && (
        <Link to={`/cases/new?person=${personId}`}>
          <Button data-testid="person-new-case" icon={<MedicineBoxOutlined />}>
            {t('personHub.openCase')}
          </Button>
        </Link>
      )}
      {write && activeCase && (
        <Link to={`/cases/${activeCase.id}/contacts/new`}>
          <Button data-testid="person-add-contacts" icon={<UsergroupAddOutlined />}>
            {t('personHub.addContacts')}
          </Button>
        </Link>
      )}
      {can(me, 'person.write') && (
        <Link to={`/persons/${personId}/edit`}>
          <Button data-testid="person-edit" icon={<EditOutlined />}>
            {t('common.edit')}
          </Button>
        </Link>
      )}
    </Flex>
  );
}

/**
 * /persons/:id: everything the registry knows about one person, their tests, cases and contacts,
 * and the work that starts from them. Opening it is audited.
 */
export function PersonPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { id } = useParams();
  const person = usePerson(id);
  const surveillance = can(me, 'case.read');
  const records = usePersonRecords(id ?? '', surveillance && person.isSuccess);
  if (person.isPending) return <Skeleton active />;
  if (person.isError) return <PersonLoadError error={person.error} />;
  const p = person.data;
  return (
    <>
      <PageHeader title={p.fullName} />
      <PersonActions personId={p.id} records={records.data} />
      <Card data-testid="person-detail">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'fullName', label: t('persons.fullName'), children: p.fullName },
            { key: 'birthDate', label: t('persons.birthDate'), children: formatDate(p.birthDate) },
            { key: 'sex', label: t('persons.sex'), children: t(`sex.${p.sex}`) },
            {
              key: 'idType',
              label: t('persons.idType'),
              children: p.idType ? t(`idType.${p.idType}`) : EMPTY,
            },
            { key: 'idNumber', label: t('persons.idNumber'), children: p.idNumber ?? EMPTY },
            { key: 'phone', label: t('persons.phone'), children: p.phone ?? EMPTY },
            {
              key: 'unit',
              // The path names the commune's level itself: a short label leaves it the width of a phone.
              label: t('persons.residenceShort'),
              span: 'filled',
              children: (
                <Breadcrumb
                  data-testid="person-unit-path"
                  items={p.unit.path.map((unit) => ({
                    key: unit.code,
                    title: <Link to={`/units/${unit.code}`}>{unit.name}</Link>,
                  }))}
                />
              ),
            },
            { key: 'address', label: t('persons.address'), span: 'filled', children: p.address ?? EMPTY },
            {
              key: 'flags',
              label: t('persons.flags'),
              span: 'filled',
              children: !p.flags.length ? (
                EMPTY
              ) : (
                <Space wrap>
                  {p.flags.map((flag) => (
                    <Tag key={flag} color="gold">
                      {t(`flags.${flag}`)}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { key: 'createdAt', label: t('common.createdAt'), children: formatDateTime(p.createdAt) },
            { key: 'updatedAt', label: t('common.updatedAt'), children: formatDateTime(p.updatedAt) },
          ]}
        />
      </Card>
      {surveillance && <PersonRecordsCards records={records} />}
      <PersonEpisodes personId={p.id} />
      {can(me, 'vaccination.read') && <PersonDoses personId={p.id} birthDate={p.birthDate} />}
      <Household person={p} />
    </>
  );
}
