import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { surveillanceRoutes } from '../surveillance/routes.tsx';
import { LoginPage } from './login-page.tsx';
import { RequirePermission } from './require-permission.tsx';

// The login page is the only one in the first download: a commune phone on a slow network opens
// it at once; the signed-in shell and every page come after, each in its own file.
const SignedIn = lazy(() => import('./signed-in.tsx').then((m) => ({ default: m.SignedIn })));
const HomeRedirect = lazy(() => import('./home-redirect.tsx').then((m) => ({ default: m.HomeRedirect })));
const NotFoundPage = lazy(() => import('./not-found-page.tsx').then((m) => ({ default: m.NotFoundPage })));

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
const TodayPage = lazy(() => import('../situation/today-page.tsx').then((m) => ({ default: m.TodayPage })));
const SituationPage = lazy(() =>
  import('../situation/situation-page.tsx').then((m) => ({ default: m.SituationPage })),
);
const DoseReviewPage = lazy(() =>
  import('../vaccination/doses/review-page.tsx').then((m) => ({ default: m.DoseReviewPage })),
);
const CoveragePage = lazy(() =>
  import('../vaccination/coverage/coverage-page.tsx').then((m) => ({ default: m.CoveragePage })),
);
const DoorPage = lazy(() =>
  import('../vaccination/door/door-page.tsx').then((m) => ({ default: m.DoorPage })),
);
const TargetsPage = lazy(() =>
  import('../vaccination/coverage/targets-page.tsx').then((m) => ({ default: m.TargetsPage })),
);
const BacklogPage = lazy(() =>
  import('../vaccination/backlog/backlog-page.tsx').then((m) => ({ default: m.BacklogPage })),
);
const CleaningPage = lazy(() =>
  import('../vaccination/cleaning/cleaning-page.tsx').then((m) => ({ default: m.CleaningPage })),
);
const VaccinationImportPage = lazy(() =>
  import('../vaccination/import/import-page.tsx').then((m) => ({ default: m.VaccinationImportPage })),
);
const CareBoardPage = lazy(() =>
  import('../care/board/board-page.tsx').then((m) => ({ default: m.BoardPage })),
);
const MonitoringPage = lazy(() =>
  import('../care/monitoring/monitoring-page.tsx').then((m) => ({ default: m.MonitoringPage })),
);
const MonitoringLinkPage = lazy(() =>
  import('../public/monitoring/monitoring-link-page.tsx').then((m) => ({ default: m.MonitoringLinkPage })),
);
const HotlineBoardPage = lazy(() =>
  import('../care/hotline/hotline-board-page.tsx').then((m) => ({ default: m.HotlineBoardPage })),
);
const HotlinePublicPage = lazy(() =>
  import('../public/hotline/hotline-public-page.tsx').then((m) => ({ default: m.HotlinePublicPage })),
);
const VerifyPage = lazy(() =>
  import('../public/verify/verify-page.tsx').then((m) => ({ default: m.VerifyPage })),
);
const FacilityListPage = lazy(() =>
  import('../care/facilities/facility-list-page.tsx').then((m) => ({ default: m.FacilityListPage })),
);
const FacilityPage = lazy(() =>
  import('../care/facilities/facility-page.tsx').then((m) => ({ default: m.FacilityPage })),
);
const CapacityPage = lazy(() =>
  import('../care/facilities/capacity-page.tsx').then((m) => ({ default: m.CapacityPage })),
);
const EpisodeListPage = lazy(() =>
  import('../care/episodes/episode-list-page.tsx').then((m) => ({ default: m.EpisodeListPage })),
);
const EpisodePage = lazy(() =>
  import('../care/episodes/episode-page.tsx').then((m) => ({ default: m.EpisodePage })),
);
const ProfilePage = lazy(() =>
  import('../profile/profile-page.tsx').then((m) => ({ default: m.ProfilePage })),
);

export function AppRoutes() {
  return (
    <Suspense fallback={null}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/duong-day-nong" element={<HotlinePublicPage />} />
        <Route path="/xac-minh/:code" element={<VerifyPage />} />
        <Route path="/theo-doi/:token" element={<MonitoringLinkPage />} />
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
          <Route element={<RequirePermission permission="case.read" />}>
            <Route path="today" element={<TodayPage />} />
            <Route path="situation" element={<SituationPage />} />
          </Route>
          <Route element={<RequirePermission permission="vaccination.read" />}>
            <Route path="vaccination/coverage" element={<CoveragePage />} />
            <Route path="vaccination/backlog" element={<BacklogPage />} />
          </Route>
          <Route element={<RequirePermission permission="vaccination.write" />}>
            <Route path="vaccination/door" element={<DoorPage />} />
          </Route>
          <Route element={<RequirePermission permission="vaccination.manage" />}>
            <Route path="vaccination/reviews" element={<DoseReviewPage />} />
            <Route path="vaccination/targets" element={<TargetsPage />} />
            <Route path="vaccination/import" element={<VaccinationImportPage />} />
            <Route path="vaccination/cleaning" element={<CleaningPage />} />
          </Route>
          <Route element={<RequirePermission permission="care.read" />}>
            <Route path="care/board" element={<CareBoardPage />} />
            <Route path="care/episodes/:id/monitoring" element={<MonitoringPage />} />
            <Route path="care/facilities" element={<FacilityListPage />} />
            <Route path="care/facilities/:id" element={<FacilityPage />} />
            <Route path="care/capacity" element={<CapacityPage />} />
            <Route path="care/episodes" element={<EpisodeListPage />} />
            <Route path="care/episodes/:id" element={<EpisodePage />} />
          </Route>
          <Route element={<RequirePermission permission="hotline.handle" />}>
            <Route path="care/hotline" element={<HotlineBoardPage />} />
          </Route>
          {surveillanceRoutes()}
          <Route path="profile" element={<ProfilePage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
