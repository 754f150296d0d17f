import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccount } from './account.ts';

/** Who is signed in: full name, role and jurisdiction. */
export function UserInfo() {
  const { t } = useTranslation();
  const me = useAccount();
  return (
    <Flex vertical data-testid="user-info" style={{ lineHeight: 1.3, minWidth: 0 }}>
      <Typography.Text strong ellipsis data-testid="user-name">
        {me.fullName || me.username}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
        <span data-testid="user-role">{t(`roles.${me.role}`)}</span>
        {' · '}
        <span data-testid="user-unit">
          {t('shell.jurisdiction', { unit: me.unit?.name ?? t('shell.wholeCountry') })}
        </span>
      </Typography.Text>
    </Flex>
  );
}
