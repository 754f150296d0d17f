import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { surveillanceRoutes } from '../surveillance/routes.tsx';
import { HomeRedirect } from './home-redirect.tsx';
import { LoginPage } from './login-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { RequirePermission } from './require-permission.tsx';
import { SignedIn } from './signed-in.tsx';

const UnitSearchPage = lazy(() =>
  import('../units/unit-search-page.tsx').then((m) => ({ default: m.UnitSearchPage })),
);
const UnitPage = lazy(() => import('../units/unit-page.tsx').then((m) => ({ default: m.UnitPage })));
const PersonListPage = lazy(() =>
  import('../persons/person-list-page.tsx').then((m) => ({ default: m.PersonListPage })),
);
const PersonPage = lazy(() => import('../persons/person-page.tsx').then((m) => ({ default: m.PersonPage })));
const PersonFormPage = lazy(() =>
  import('../persons/person-form-page.tsx').then((m) => ({ default: m.PersonFormPage })),
);
const UserListPage = lazy(() =>
  import('../accounts/user-list-page.tsx').then((m) => ({ default: m.UserListPage })),
);
const AuditPage = lazy(() => import('../audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));
const ProfilePage = lazy(() =>
  import('../profile/profile-page.tsx').then((m) => ({ default: m.ProfilePage })),
);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<SignedIn />}>
        <Route index element={<HomeRedirect />} />
        <Route element={<RequirePermission permission="unit.read" />}>
          <Route path="units" element={<UnitSearchPage />} />
          <Route path="units/:code" element={<UnitPage />} />
        </Route>
        <Route element={<RequirePermission permission="person.read" />}>
          <Route path="persons" element={<PersonListPage />} />
          <Route path="persons/:id" element={<PersonPage />} />
        </Route>
        <Route element={<RequirePermission permission="person.write" />}>
          <Route path="persons/new" element={<PersonFormPage />} />
          <Route path="persons/:id/edit" element={<PersonFormPage />} />
        </Route>
        <Route element={<RequirePermission permission="user.admin" />}>
          <Route path="accounts" element={<UserListPage />} />
        </Route>
        <Route element={<RequirePermission permission="audit.read" />}>
          <Route path="audit" element={<AuditPage />} />
        </Route>
        {surveillanceRoutes()}
        <Route path="profile" element={<ProfilePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
