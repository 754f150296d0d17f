import { Card, Checkbox, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format.ts';
import type { HouseholdMember } from '../../persons/types.ts';
import { OwnDoses, ROW_OWN_DOSES, RowToggle } from './contact-row.tsx';

interface HouseholdTicksProps {
  /** The members of the case's household who are neither the case nor already its contacts. */
  members: HouseholdMember[];
  /** Where each ticked member's row sits in `people` (its Form.List field name). */
  rowOf: (memberId: string) => number | undefined;
  onTick: (member: HouseholdMember) => void;
  onUntick: (row: number) => void;
}

/** A member's line; inside a Form.Item (a ticked member's row) it shows that row's errors under it. */
function MemberTick({
  member,
  checked,
  onToggle,
}: {
  member: HouseholdMember;
  checked: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  // The test id sits on a wrapper: antd gives a Checkbox's own attributes to its <input>, not its label.
  return (
    <span data-testid="household-member">
      <Checkbox checked={checked} onChange={onToggle}>
        {member.fullName}
        <Typography.Text type="secondary">
          {' · '}
          {formatDate(member.birthDate)} · {t(`sex.${member.sex}`)}
        </Typography.Text>
      </Checkbox>
    </span>
  );
}

/** The people living with the case, one tick each: a ticked member becomes a contact of the batch. */
export function HouseholdTicks({ members, rowOf, onTick, onUntick }: HouseholdTicksProps) {
  const { t } = useTranslation();
  return (
    <Card
      data-testid="household-members"
      size="small"
      title={t('contacts.householdTitle', { count: members.length })}
      style={{ marginBottom: 12 }}
    >
      <Flex vertical gap={4}>
        {members.map((member) => {
          const row = rowOf(member.id);
          if (row === undefined) {
            return (
              <MemberTick key={member.id} member={member} checked={false} onToggle={() => onTick(member)} />
            );
          }
          return (
            <div key={member.id}>
              <Flex wrap align="center" gap={16}>
                <Form.Item name={[row, 'personId']} style={{ marginBottom: 0 }}>
                  <MemberTick member={member} checked onToggle={() => onUntick(row)} />
                </Form.Item>
                <RowToggle
                  name={row}
                  field={ROW_OWN_DOSES}
                  label={t('contacts.ownDoses')}
                  testId={`contact-row-own-doses-${row}`}
                />
              </Flex>
              <OwnDoses name={row} index={row} />
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
