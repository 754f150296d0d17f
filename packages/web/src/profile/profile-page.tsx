import { Card, Descriptions, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccount } from '../app/account.ts';
import { PageHeader } from '../app/page-header.tsx';
import { ApiTokensCard } from './api-tokens-card.tsx';
import { ChangePasswordCard } from './change-password-card.tsx';

/** /profile: "Tài khoản của tôi". */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useAccount();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Flex vertical gap={16}>
        <Card data-testid="profile-info">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'username', label: t('accounts.username'), children: me.username },
              { key: 'fullName', label: t('accounts.fullName'), children: me.fullName },
              { key: 'role', label: t('accounts.role'), children: t(`roles.${me.role}`) },
              { key: 'unit', label: t('accounts.unit'), children: me.unit?.name ?? t('shell.wholeCountry') },
              ...(me.agency
                ? [{ key: 'agency', label: t('accounts.agency'), children: me.agency.name }]
                : []),
            ]}
          />
        </Card>
        <ChangePasswordCard />
        <ApiTokensCard />
      </Flex>
    </>
  );
}
