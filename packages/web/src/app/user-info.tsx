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
      {/* Two lines at most, so that a long role does not hide the jurisdiction on a phone. */}
      <Typography.Text
        type="secondary"
        style={{
          fontSize: 12,
          display: '-webkit-box',
          WebkitLineClamp: 2,
          WebkitBoxOrient: 'vertical',
          overflow: 'hidden',
        }}
      >
        <span data-testid="user-role">{t(`roles.${me.role}`)}</span>
        {' · '}
        <span data-testid="user-unit">
          {t('shell.jurisdiction', { unit: me.unit?.name ?? t('shell.wholeCountry') })}
        </span>
      </Typography.Text>
    </Flex>
  );
}
