import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useAccount } from '../../app/account.ts';
import { CursorList } from '../../app/cursor-list.tsx';
import { PageHeader } from '../../app/page-header.tsx';
import { useCursorList } from '../../app/use-cursor-list.ts';
import type { Case } from '../shared/types.ts';
import { caseHref, caseKey, useCaseColumns } from './case-columns.tsx';
import { CaseCounts } from './case-counts.tsx';
import { CaseFilters } from './case-filters.tsx';
import { filterQueryString, useCaseFilters } from './use-case-filters.ts';

/** /cases: the line list of F0 cases with its filters, weekly/monthly counts and the XLSX export. */
export function CaseListPage() {
  const { t } = useTranslation();
  const me = useAccount();
  const { filters, setFilters, clearFilters } = useCaseFilters();
  const cases = useCursorList<Case>('/cases', filters);
  const columns = useCaseColumns();
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
      <CursorList<Case>
        testId="case-table"
        list={cases}
        columns={columns}
        rowKey={caseKey}
        href={caseHref}
        empty={t('cases.empty')}
      />
    </>
  );
}
