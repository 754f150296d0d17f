import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { messageOf } from '../../app/api.ts';
import { LoadMore } from '../../app/load-more.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { Case } from '../shared/types.ts';
import { CaseCounts } from './case-counts.tsx';
import { CaseFilters } from './case-filters.tsx';
import { CaseTable } from './case-table.tsx';
import { filterQueryString, useCaseFilters } from './use-case-filters.ts';

/** /cases: the line list of F0 cases with its filters, weekly/monthly counts and the XLSX export. */
export function CaseListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { filters, setFilters, clearFilters } = useCaseFilters();
  const cases = useCursorList<Case>('/cases', filters);
  return (
    <>
      <PageHeader
        title={t('cases.title')}
        extra={
          <Flex wrap gap={8}>
            <Button
              data-testid="case-export"
              icon={<DownloadOutlined />}
              href={`/api/v1/cases/export.xlsx${filterQueryString(filters)}`}
              download="danh-sach-f0.xlsx"
            >
              {t('cases.export')}
            </Button>
            {can(me, 'case.write') && (
              <>
                <Link to="/cases/import">
                  <Button data-testid="case-import-link" icon={<UploadOutlined />}>
                    {t('cases.import')}
                  </Button>
                </Link>
                <Link to="/cases/new">
                  <Button data-testid="case-new-link" type="primary" icon={<PlusOutlined />}>
                    {t('cases.new')}
                  </Button>
                </Link>
              </>
            )}
          </Flex>
        }
      />
      <CaseCounts unit={filters.unit} />
      <CaseFilters filters={filters} onChange={setFilters} onClear={clearFilters} />
      {cases.isError && (
        <Alert type="error" showIcon title={messageOf(cases.error)} style={{ marginBottom: 16 }} />
      )}
      <div data-testid="case-table">
        <CaseTable loading={cases.isPending} dataSource={cases.items} />
      </div>
      <LoadMore
        hasMore={cases.hasNextPage}
        loading={cases.isFetchingNextPage}
        onLoadMore={() => cases.fetchNextPage()}
      />
    </>
  );
}
