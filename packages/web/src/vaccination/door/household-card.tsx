import { EditOutlined, HomeOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../../app/format.ts';
import type { DoorHousehold, DoorPerson, Marked } from './types.ts';

const STATUS_COLOR = { overdue: 'red', due: 'orange', soon: 'blue' } as const;
const MARK_COLOR: Record<string, string> = {
  vaccinated_here: 'green',
  vaccinated_elsewhere: 'green',
  refused: 'volcano',
  deferred: 'gold',
  moved_away: 'default',
  deceased: 'default',
};

interface HouseholdCardProps {
  household: DoorHousehold;
  /** Marks made on this page, by person id: the card shows them at once. */
  marked: Record<string, Marked>;
  canMark: boolean;
  onMark: (person: DoorPerson) => void;
}

/** A household of the list: its address, then each person due with their doses, next dose and latest mark. */
export function HouseholdCard({ household, marked, canMark, onMark }: HouseholdCardProps) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="door-household"
      title={
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <HomeOutlined />
          <Typography.Text ellipsis style={{ fontWeight: 600 }}>
            {household.address || t('vaccinationDoor.noAddress')}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Typography.Text type="secondary">
          {t('vaccinationDoor.people', { count: household.persons.length })}
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
    >
      {household.persons.map((p, i) => (
        <PersonRow
          key={p.id}
          person={p}
          marked={marked[p.id]}
          canMark={canMark}
          onMark={onMark}
          first={i === 0}
        />
      ))}
    </Card>
  );
}

function PersonRow({
  person: listed,
  marked,
  canMark,
  onMark,
  first,
}: {
  person: DoorPerson;
  marked?: Marked;
  canMark: boolean;
  onMark: (person: DoorPerson) => void;
  first: boolean;
}) {
  const { t } = useTranslation();
  const gone = marked && marked.person === null;
  const person = marked?.person ?? listed;
  const mark = gone ? null : person.lastMark;
  const next = person.next;
  return (
    <div
      data-testid="door-person"
      data-person={listed.id}
      style={{
        padding: '10px 12px',
        borderTop: first ? undefined : '1px solid #f0f0f0',
        opacity: gone ? 0.6 : 1,
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Link to={`/persons/${listed.id}`} style={{ fontWeight: 600, fontSize: 15 }}>
            <span style={{ textDecoration: gone ? 'line-through' : undefined }}>{listed.fullName}</span>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t(`vaccinationDoor.sex.${listed.sex === 'female' ? 'female' : 'male'}`)} ·{' '}
            {t('vaccinationDoor.age', { count: listed.age })} · {formatDate(listed.birthDate)}
            {listed.phone && (
              <>
                {' · '}
                <a href={`tel:${listed.phone}`}>
                  <PhoneOutlined /> {listed.phone}
                </a>
              </>
            )}
          </Typography.Text>
        </Flex>
        {canMark && !gone && (
          <Button
            data-testid="door-mark"
            type="primary"
            ghost
            icon={<EditOutlined />}
            onClick={() => onMark(person)}
            style={{ flexShrink: 0 }}
          >
            {t('vaccinationDoor.mark')}
          </Button>
        )}
      </Flex>
      <Typography.Text style={{ display: 'block', fontSize: 13, marginTop: 4 }} data-testid="door-doses">
        {person.doses.length === 0
          ? t('vaccinationDoor.noDose')
          : t('vaccinationDoor.dosesSoFar', {
              list: person.doses
                .map((d) =>
                  t('vaccinationDoor.doseShort', {
                    number: d.doseNumber,
                    date: formatDate(d.givenOn),
                    product: d.productName,
                  }),
                )
                .join('; '),
            })}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 6 }} data-testid="door-status">
        {gone && marked && <Tag>{t(`vaccinationDoor.marks.${marked.kind}`)}</Tag>}
        {!gone && next && (
          <Tag color={STATUS_COLOR[next.status]} style={{ marginInlineEnd: 0 }}>
            {t('vaccinationDoor.doseLabel', { number: next.doseNumber })} ·{' '}
            {next.status === 'overdue'
              ? t('vaccinationDoor.overdue', { days: formatNumber(next.overdueDays) })
              : next.status === 'due'
                ? t('vaccinationDoor.dueToday')
                : t('vaccinationDoor.dueOn', { date: formatDate(next.dueOn) })}
          </Tag>
        )}
        {!gone && !next && <Tag color="green">{t('vaccinationDoor.nothingDue')}</Tag>}
        {mark && (
          <Tag color={MARK_COLOR[mark.mark]} style={{ marginInlineEnd: 0 }} data-testid="door-last-mark">
            {t(`vaccinationDoor.marks.${mark.mark}`)}
            {mark.until ? ` ${t('vaccinationDoor.untilShort', { date: formatDate(mark.until) })}` : ''}
            {' · '}
            {formatDate(mark.markedAt)}
          </Tag>
        )}
      </Flex>
      {mark?.reason && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
          {mark.reason}
        </Typography.Text>
      )}
    </div>
  );
}
