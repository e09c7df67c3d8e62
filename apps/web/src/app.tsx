import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { createBrowserRouter, matchPath, matchRoutes, Navigate, RouterProvider, useParams, type RouteObject } from 'react-router';
import type { MenuKey } from '@fazhi/contracts';
import { LocaleProvider, useLocale } from './i18n/locale-context.tsx';
import { prefetchGet } from './api/client.ts';
import { caseTypesPath, casePath, casesPath, tasksPath } from './features/cases/cases-api.ts';
import { mePath } from './features/auth/auth-api.ts';
import { unreadCountPath } from './features/notifications/notifications-api.ts';
import { apiQuery } from './features/cases/case-filters.ts';
import { dueOf, tasksQuery } from './features/tasks/tasks-query.ts';
import { firstPage } from './shared/pagination.ts';
import { FullPageSpin, RequireSession, SessionRoute } from './features/auth/require-session.tsx';
import { NotFoundPage } from './layout/not-found-page.tsx';
import { RequireMenu } from './layout/require-menu.tsx';
import { RouteError } from './layout/route-error.tsx';

const reloadedKey = 'fazhi.chunk-reload';

/**
 * After a new version is deployed, an open tab still asks for the old page chunks, which no
 * longer exist: reload once to fetch the new index.html instead of showing a broken page.
 */
const loadOrReload = async <T,>(load: () => Promise<T>): Promise<T> => {
  try {
    const module = await load();
    sessionStorage.removeItem(reloadedKey);
    return module;
  } catch (error) {
    if (sessionStorage.getItem(reloadedKey)) throw error;
    sessionStorage.setItem(reloadedKey, '1');
    window.location.reload();
    return new Promise<T>(() => {});
  }
};

/** What starts loading a page's code, by the route element that shows it (see `preloadRoute`). */
const preloads = new WeakMap<object, () => void>();

/**
 * Pages loaded on first visit, so the public portal does not carry the whole console. Once a
 * page's module is there it is rendered at once: a lazy page that suspends shows its fallback
 * first, and React holds the content back for up to 300 ms after a fallback appeared — paid
 * again for the console's frame and for the page inside it (docs/performance.md, "The console
 * on a clerk's office PC").
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const start = (): Promise<ComponentType> => (loading ??= loadOrReload(load).then((module: Record<K, ComponentType>) => {
    loaded = module[name];
    return loaded;
  }));
  const Lazy = lazy<ComponentType>(async () => ({ default: await start() }));
  const Page = () => {
    // Chosen once per mount: switching from the lazy to the loaded component later would mount
    // the page anew and lose its state.
    const [Shown] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Suspense fallback={<FullPageSpin />}><Shown /></Suspense>;
  };
  const element = <Page />;
  preloads.set(element, () => void start().catch(() => undefined));
  return element;
};

/** An old address of a case's page (the mediation work page): the one case page now. */
const ToCasePage = () => <Navigate to={`/console/cases/${useParams().id ?? ''}`} replace />;

const guarded = (menuKey: MenuKey, path: string, element: ReactNode): RouteObject => ({
  element: <RequireMenu menuKey={menuKey} />,
  children: [{ path, element }],
});

const routes: RouteObject[] = [
  { path: '/', element: page(() => import('./features/portal/portal-page.tsx'), 'PortalPage'), errorElement: <RouteError /> },
  { path: '/track', element: page(() => import('./features/tracking/tracking-page.tsx'), 'TrackingPage'), errorElement: <RouteError /> },
  { path: '/apply/petition', element: page(() => import('./features/petitions/petition-apply-page.tsx'), 'PetitionApplyPage'), errorElement: <RouteError /> },
  { path: '/disclosure', element: page(() => import('./features/disclosure/public-items-page.tsx'), 'PublicItemsPage'), errorElement: <RouteError /> },
  { path: '/decisions', element: page(() => import('./features/decisions/public-decisions-page.tsx'), 'PublicDecisionsPage'), errorElement: <RouteError /> },
  { path: '/decisions/catalogue', element: page(() => import('./features/decisions/public-catalogue-page.tsx'), 'PublicCataloguePage'), errorElement: <RouteError /> },
  { path: '/decisions/:id', element: page(() => import('./features/decisions/public-decision-page.tsx'), 'PublicDecisionPage'), errorElement: <RouteError /> },
  { path: '/apply/disclosure', element: page(() => import('./features/disclosure/apply-page.tsx'), 'ApplyDisclosurePage'), errorElement: <RouteError /> },
  { path: '/apply/mediation', element: page(() => import('./features/portal-apply/apply-page.tsx'), 'ApplyMediationPage'), errorElement: <RouteError /> },
  { path: '/annual-reports', element: page(() => import('./features/annual-report/public-reports-page.tsx'), 'PublicReportsPage'), errorElement: <RouteError /> },
  { path: '/annual-reports/:id', element: page(() => import('./features/annual-report/public-report-page.tsx'), 'PublicReportPage'), errorElement: <RouteError /> },
  { path: '/apply/grid', element: page(() => import('./features/grid/grid-public-page.tsx'), 'GridPublicPage'), errorElement: <RouteError /> },
  { path: '/apply/complaint', element: page(() => import('./features/complaints/complaint-public-page.tsx'), 'ComplaintPublicPage'), errorElement: <RouteError /> },
  {
    path: '/console',
    element: <SessionRoute />,
    errorElement: <RouteError />,
    children: [
      { path: 'login', element: page(() => import('./features/auth/sign-in-page.tsx'), 'SignInPage') },
      {
        element: <RequireSession />,
        children: [
          {
            // The console's frame and everything in it load on the way in: a citizen on the
            // portal never downloads the menu, tabs and tables (docs/performance.md, "The portal").
            element: page(() => import('./layout/console-layout.tsx'), 'ConsoleLayout'),
            children: [
              {
                // A failing screen shows its error inside the console, menu and top bar intact.
                errorElement: <RouteError />,
                children: [
                  { index: true, element: page(() => import('./features/home/home-page.tsx'), 'HomePage') },
                  { path: 'change-password', element: page(() => import('./features/auth/change-password-page.tsx'), 'ChangePasswordPage') },
                  // The cockpit for staff whose home page is their work (the API asks for dashboard.read).
                  { path: 'cockpit', element: page(() => import('./features/cockpit/cockpit-view.tsx'), 'CockpitView') },
                  { path: 'profile', element: page(() => import('./features/profile/profile-page.tsx'), 'ProfilePage') },
                  guarded('orgs', 'orgs', page(() => import('./features/orgs/orgs-page.tsx'), 'OrgsPage')),
                  guarded('users', 'users', page(() => import('./features/users/users-page.tsx'), 'UsersPage')),
                  guarded('roles', 'roles', page(() => import('./features/roles/roles-page.tsx'), 'RolesPage')),
                  guarded('audit', 'audit', page(() => import('./features/audit/audit-page.tsx'), 'AuditPage')),
                  guarded('signins', 'sign-ins', page(() => import('./features/sign-ins/sign-ins-page.tsx'), 'SignInsPage')),
                  guarded('tasks', 'tasks', page(() => import('./features/tasks/tasks-page.tsx'), 'TasksPage')),
                  guarded('cases', 'cases', page(() => import('./features/cases/cases-page.tsx'), 'CasesPage')),
                  guarded('cases', 'cases/:id', page(() => import('./features/cases/case-detail-page.tsx'), 'CaseDetailPage')),
                  guarded('overdue', 'overdue', page(() => import('./features/overdue/overdue-page.tsx'), 'OverduePage')),
                  guarded('notifications', 'notifications', page(() => import('./features/notifications/notifications-page.tsx'), 'NotificationsPage')),
                  guarded('calendar', 'calendar', page(() => import('./features/calendar/calendar-page.tsx'), 'CalendarPage')),
                  guarded('mediation', 'mediation', page(() => import('./features/mediation/workbench-page.tsx'), 'WorkbenchPage')),
                  guarded('mediation', 'mediation/new', page(() => import('./features/mediation/register-page.tsx'), 'RegisterPage')),
                  // The mediation work page became part of the one case page: old links land there.
                  { path: 'mediation/cases/:id/sessions', element: <ToCasePage /> },
                  { path: 'mediation/cases/:id', element: <ToCasePage /> },
                  guarded('mediationCommittees', 'mediation/committees', page(() => import('./features/mediation/committees-page.tsx'), 'CommitteesPage')),
                  guarded('mediationScreening', 'mediation/screening', page(() => import('./features/mediation/screening-page.tsx'), 'ScreeningPage')),
                  guarded('disclosure', 'disclosure', page(() => import('./features/disclosure/desk-page.tsx'), 'DisclosureDeskPage')),
                  guarded('disclosure', 'disclosure/new', page(() => import('./features/disclosure/intake-page.tsx'), 'DisclosureIntakePage')),
                  guarded('disclosure', 'disclosure/report', page(() => import('./features/disclosure/transparency-report-page.tsx'), 'TransparencyReportPage')),
                  guarded('commandMap', 'command-map', page(() => import('./features/command-map/command-map-page.tsx'), 'CommandMapPage')),
                  guarded('decisions', 'decisions', page(() => import('./features/decisions/register-page.tsx'), 'DecisionRegisterPage')),
                  guarded('meetings', 'meetings', page(() => import('./features/governance/meetings-page.tsx'), 'MeetingsPage')),
                  guarded('advisors', 'advisors', page(() => import('./features/advisors/advisors-page.tsx'), 'AdvisorsPage')),
                  guarded('leadership', 'leadership', page(() => import('./features/governance/leadership-page.tsx'), 'LeadershipPage')),
                  // A disclosure request is on the one case page (features/disclosure/disclosure-case.tsx): old links land there.
                  { path: 'disclosure/cases/:id', element: <ToCasePage /> },
                  guarded('mediationStats', 'mediation/stats', page(() => import('./features/mediation/stats-page.tsx'), 'StatsPage')),
                  guarded('mediationFileReview', 'mediation/file-review', page(() => import('./features/mediation/file-review-page.tsx'), 'FileReviewPage')),
                  guarded('petitions', 'petitions', page(() => import('./features/petitions/desk-page.tsx'), 'PetitionDeskPage')),
                  guarded('petitions', 'petitions/new', page(() => import('./features/petitions/intake-page.tsx'), 'PetitionIntakePage')),
                  guarded('petitionSupervision', 'petitions/supervision', page(() => import('./features/petitions/supervision-page.tsx'), 'PetitionSupervisionPage')),
                  guarded('complaints', 'complaints', page(() => import('./features/complaints/complaint-desk-page.tsx'), 'ComplaintDeskPage')),
                  guarded('safetyRegisters', 'safety/registers', page(() => import('./features/safety/registers-page.tsx'), 'RegistersPage')),
                  guarded('safetyRegisters', 'safety/registers/:id', page(() => import('./features/safety/person-page.tsx'), 'PersonPage')),
                  guarded('safetyCameras', 'safety/cameras', page(() => import('./features/safety/cameras-page.tsx'), 'CamerasPage')),
                  guarded('grid', 'grid', page(() => import('./features/grid/grid-page.tsx'), 'GridPage')),
                  guarded('grid', 'grid/report', page(() => import('./features/grid/grid-report-page.tsx'), 'GridReportPage')),
                  guarded('annualReports', 'annual-reports', page(() => import('./features/annual-report/annual-reports-page.tsx'), 'AnnualReportsPage')),
                  guarded('complaints', 'complaints/new', page(() => import('./features/complaints/complaint-intake-page.tsx'), 'ComplaintIntakePage')),
                  { path: '*', element: <NotFoundPage /> },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
];

/**
 * Starts loading the code of every page on the way to `location` — for a console address, the
 * frame and the page — so that it runs while the session is checked (`/api/auth/me`), not after:
 * the page's own requests then leave together with the frame's, one step after the session.
 */
const preloadRoute = (location: string): void => {
  for (const m of matchRoutes(routes, location) ?? []) {
    const element: unknown = m.route.element;
    if (typeof element === 'object' && element !== null) preloads.get(element)?.();
  }
};
preloadRoute(window.location.pathname);

/**
 * On a full load of a console page, what the frame asks for on every page (the session check,
 * the bell's count, the case types the menu is built from) and the first request of the pages
 * most often opened by their address (a case from a notice or a link, the list, the to-do
 * list) leave at once, together, instead of one after another as each part renders; the parts'
 * own requests take the answers (api/client.ts `prefetchGet`). The addresses are the same the
 * parts use, built by the same functions. Not on the sign-in page, which asks for none of them.
 */
const frameRequests = [mePath, unreadCountPath, caseTypesPath];
const firstRequests: { path: string; request: (params: Partial<Record<string, string>>, search: URLSearchParams) => string | null }[] = [
  { path: '/console/cases/:id', request: (p) => (p.id ? casePath(p.id) : null) },
  { path: '/console/cases', request: (_p, sp) => casesPath(apiQuery(sp)) },
  { path: '/console/tasks', request: (_p, sp) => tasksPath(tasksQuery(firstPage, dueOf(sp.get('due')))) },
];
const prefetchFirstRequest = (location: string, search: string): void => {
  if (!location.startsWith('/console') || matchPath('/console/login', location)) return;
  for (const path of frameRequests) prefetchGet(path);
  for (const r of firstRequests) {
    const m = matchPath(r.path, location);
    const path = m ? r.request(m.params, new URLSearchParams(search)) : null;
    if (path) { prefetchGet(path); return; }
  }
};
prefetchFirstRequest(window.location.pathname, window.location.search);

// This data router's navigate() returns a promise that settles when the navigation is done and
// never rejects; the app does not wait for it, hence `void navigate(…)` throughout.
const router = createBrowserRouter(routes);

const Themed = () => {
  const { locale } = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1a4fa0',
          colorLink: '#1a4fa0',
          colorBgLayout: '#f0f2f5',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#001529', headerBg: '#ffffff', headerHeight: 56 },
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
};

export const App = () => (
  <LocaleProvider>
    <Themed />
  </LocaleProvider>
);
