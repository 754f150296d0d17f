import { lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from '../app/require-permission.tsx';

const CaseListPage = lazy(() =>
  import('./cases/case-list-page.tsx').then((m) => ({ default: m.CaseListPage })),
);
const CaseNewPage = lazy(() => import('./cases/case-new-page.tsx').then((m) => ({ default: m.CaseNewPage })));
const CasePage = lazy(() => import('./cases/case-page.tsx').then((m) => ({ default: m.CasePage })));
const CaseImportPage = lazy(() =>
  import('./cases/case-import-page.tsx').then((m) => ({ default: m.CaseImportPage })),
);
const AddContactsPage = lazy(() =>
  import('./contacts/add-contacts-page.tsx').then((m) => ({ default: m.AddContactsPage })),
);
const ContactListPage = lazy(() =>
  import('./contacts/contact-list-page.tsx').then((m) => ({ default: m.ContactListPage })),
);
const ChainPage = lazy(() => import('./chain/chain-page.tsx').then((m) => ({ default: m.ChainPage })));
const ClusterListPage = lazy(() =>
  import('./clusters/cluster-list-page.tsx').then((m) => ({ default: m.ClusterListPage })),
);
const ClusterNewPage = lazy(() =>
  import('./clusters/cluster-new-page.tsx').then((m) => ({ default: m.ClusterNewPage })),
);
const ClusterPage = lazy(() =>
  import('./clusters/cluster-page.tsx').then((m) => ({ default: m.ClusterPage })),
);
const TestListPage = lazy(() =>
  import('./lab-tests/test-list-page.tsx').then((m) => ({ default: m.TestListPage })),
);
const TestNewPage = lazy(() =>
  import('./lab-tests/test-new-page.tsx').then((m) => ({ default: m.TestNewPage })),
);
const TestImportPage = lazy(() =>
  import('./lab-tests/test-import-page.tsx').then((m) => ({ default: m.TestImportPage })),
);
const WorklistPage = lazy(() =>
  import('./lab-tests/worklist-page.tsx').then((m) => ({ default: m.WorklistPage })),
);
const PoolNewPage = lazy(() =>
  import('./lab-tests/pool-new-page.tsx').then((m) => ({ default: m.PoolNewPage })),
);
const PoolPage = lazy(() => import('./lab-tests/pool-page.tsx').then((m) => ({ default: m.PoolPage })));

/**
 * Case surveillance pages: cases (F0), contacts (F1), clusters, chains and tests. Called as a
 * function inside the signed-in <Route> of the app, since <Routes> takes <Route> elements only.
 */
export function surveillanceRoutes() {
  return (
    <>
      <Route element={<RequirePermission permission="case.read" />}>
        <Route path="cases" element={<CaseListPage />} />
        <Route path="cases/:id" element={<CasePage />} />
        <Route path="cases/:id/chain" element={<ChainPage key="cases" scope="cases" />} />
        <Route path="contacts" element={<ContactListPage />} />
        <Route path="clusters" element={<ClusterListPage />} />
        <Route path="clusters/:id" element={<ClusterPage />} />
        <Route path="clusters/:id/chain" element={<ChainPage key="clusters" scope="clusters" />} />
        <Route path="tests" element={<TestListPage />} />
        <Route path="tests/worklist" element={<WorklistPage />} />
        <Route path="tests/pools/:id" element={<PoolPage />} />
      </Route>
      <Route element={<RequirePermission permission="case.write" />}>
        <Route path="cases/new" element={<CaseNewPage />} />
        <Route path="cases/import" element={<CaseImportPage />} />
        <Route path="cases/:id/contacts/new" element={<AddContactsPage />} />
        <Route path="tests/new" element={<TestNewPage />} />
        <Route path="tests/import" element={<TestImportPage />} />
        <Route path="tests/pools/new" element={<PoolNewPage />} />
      </Route>
      <Route element={<RequirePermission permission="cluster.write" />}>
        <Route path="clusters/new" element={<ClusterNewPage />} />
      </Route>
    </>
  );
}
