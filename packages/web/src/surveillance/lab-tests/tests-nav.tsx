import { ExperimentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { PageHeader } from '../../app/page-header.tsx';

const TABS = ['/tests', '/tests/worklist'] as const;

function TestsActions() {
  const { t } = useTranslation();
  const me = useAccount();
  if (!can(me, 'case.write')) return null;
  return (
    <Flex wrap gap={8}>
      <Link to="/tests/import">
        <Button data-testid="test-import-link" icon={<UploadOutlined />}>
          {t('tests.import')}
        </Button>
      </Link>
      <Link to="/tests/pools/new">
        <Button data-testid="pool-new-link" icon={<ExperimentOutlined />}>
          {t('tests.poolNew')}
        </Button>
      </Link>
      <Link to="/tests/new">
        <Button data-testid="test-new-link" type="primary" icon={<PlusOutlined />}>
          {t('tests.new')}
        </Button>
      </Link>
    </Flex>
  );
}

/** The title, actions and tabs (list, retest worklist) of the testing pages. */
export function TestsHeader() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('tests.title')} extra={<TestsActions />} />
      <Tabs
        data-testid="tests-tabs"
        activeKey={TABS.find((tab) => pathname === tab) ?? '/tests'}
        onChange={(key) => navigate(key)}
        items={[
          { key: '/tests', label: t('tests.tabList') },
          { key: '/tests/worklist', label: t('tests.tabWorklist') },
        ]}
      />
    </>
  );
}
