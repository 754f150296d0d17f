import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type PersonOption, PersonPicker } from '../shared/person-picker.tsx';

interface MemberPickerProps {
  value?: PersonOption[];
  onChange?: (value: PersonOption[]) => void;
  max: number;
}

/** A list of people built one search at a time (a form control: value and onChange). */
export function MemberPicker({ value = [], onChange, max }: MemberPickerProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <PersonPicker
        data-testid="pool-person"
        value={null}
        disabled={value.length >= max}
        placeholder={t('tests.poolAddPerson')}
        onChange={(_, option) => {
          if (option && !value.some((member) => member.value === option.value))
            onChange?.([...value, option]);
        }}
      />
      <List
        data-testid="pool-members"
        size="small"
        bordered
        dataSource={value}
        locale={{ emptyText: t('tests.poolNoMembers') }}
        renderItem={(member, index) => (
          <List.Item
            key={member.value}
            actions={[
              <Button
                key="remove"
                type="text"
                danger
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('tests.poolRemove')}
                onClick={() => onChange?.(value.filter((other) => other.value !== member.value))}
              />,
            ]}
          >
            <Typography.Text>
              {index + 1}. {member.label}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Flex>
  );
}
