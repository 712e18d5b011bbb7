import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Loading } from '../components/status.tsx';
import { AppShell } from './app-shell.tsx';
import { RequireSession } from './guards.tsx';
import { appModules } from './modules.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { PublicLayout } from './public-layout.tsx';
import { RootLayout, RouteErrorPage } from './root-layout.tsx';
import { SessionAwareLayout } from './session-aware-layout.tsx';

/**
 * Every feature page is its own lazy chunk: the entry holds only React, the router, the query
 * client, the session and the two layouts. Each chunk imports only its own module's contract.
 */
const routes: RouteObject[] = [
  {
    id: 'root',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        // Public pages of the role library, the advisors, the question library and the guides: the public layout for visitors, the
        // signed-in shell for members (its "Roles" item leads here).
        element: <SessionAwareLayout />,
        children: [
          { path: 'roles', lazy: () => import('../features/roles/library-page.tsx').then((m) => ({ Component: m.LibraryPage })) },
          { path: 'roles/:roleId', lazy: () => import('../features/roles/role-page.tsx').then((m) => ({ Component: m.RolePage })) },
          { path: 'compare/:a/:b', lazy: () => import('../features/roles/compare-page.tsx').then((m) => ({ Component: m.ComparePage })) },
          { path: 'compare/:a/:b/:c', lazy: () => import('../features/roles/compare-page.tsx').then((m) => ({ Component: m.ComparePage })) },
          { path: 'questions', lazy: () => import('../features/questions/question-library-page.tsx').then((m) => ({ Component: m.QuestionLibraryPage })) },
          { path: 'guides', lazy: () => import('../features/plans/guides-page.tsx').then((m) => ({ Component: m.GuidesPage })) },
          { path: 'guides/:roleId', lazy: () => import('../features/plans/guide-page.tsx').then((m) => ({ Component: m.GuidePage })) },
          {
            path: 'advisor/organization',
            lazy: () => import('../features/advisor/org-advisor-page.tsx').then((m) => ({ Component: m.OrgAdvisorPage })),
          },
          {
            path: 'advisor/individual',
            lazy: () => import('../features/advisor/individual-advisor-page.tsx').then((m) => ({ Component: m.IndividualAdvisorPage })),
          },
        ],
      },
      {
        element: <PublicLayout />,
        children: [
          { index: true, lazy: () => import('../features/home/home-page.tsx').then((m) => ({ Component: m.HomePage })) },
          { path: 'signup', lazy: () => import('../features/auth/signup-page.tsx').then((m) => ({ Component: m.SignupPage })) },
          { path: 'login', lazy: () => import('../features/auth/login-page.tsx').then((m) => ({ Component: m.LoginPage })) },
          {
            path: 'reset-password',
            lazy: () => import('../features/auth/reset-password-page.tsx').then((m) => ({ Component: m.RequestPasswordResetPage })),
          },
          {
            path: 'reset-password/:token',
            lazy: () => import('../features/auth/reset-password-page.tsx').then((m) => ({ Component: m.CompletePasswordResetPage })),
          },
          { path: 'invite/:token', lazy: () => import('../features/orgs/invite-page.tsx').then((m) => ({ Component: m.InvitePage })) },
          // A candidate's single-use link to give their availability (no account).
          {
            path: 'availability-links/:token',
            lazy: () => import('../features/scheduling/public-availability-page.tsx').then((m) => ({ Component: m.PublicAvailabilityPage })),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        children: [
          { path: 'dashboard', lazy: () => import('../features/home/dashboard-page.tsx').then((m) => ({ Component: m.DashboardPage })) },
          { path: 'org-roles', lazy: () => import('../features/roles/org-roles-page.tsx').then((m) => ({ Component: m.OrgRolesPage })) },
          { path: 'org-roles/:id', lazy: () => import('../features/roles/org-role-page.tsx').then((m) => ({ Component: m.OrgRolePage })) },
          { path: 'plans', lazy: () => import('../features/plans/plans-page.tsx').then((m) => ({ Component: m.PlansPage })) },
          { path: 'plans/:id', lazy: () => import('../features/plans/plan-editor-page.tsx').then((m) => ({ Component: m.PlanEditorPage })) },
          // Jobs: list, new job, the pipeline, settings and the candidate comparison.
          { path: 'jobs', lazy: () => import('../features/jobs/jobs-page.tsx').then((m) => ({ Component: m.JobsPage })) },
          { path: 'jobs/new', lazy: () => import('../features/jobs/new-job-page.tsx').then((m) => ({ Component: m.NewJobPage })) },
          { path: 'jobs/:id', lazy: () => import('../features/jobs/job-page.tsx').then((m) => ({ Component: m.JobPage })) },
          { path: 'jobs/:id/settings', lazy: () => import('../features/jobs/job-settings-page.tsx').then((m) => ({ Component: m.JobSettingsPage })) },
          { path: 'jobs/:id/import', lazy: () => import('../features/imports/import-page.tsx').then((m) => ({ Component: m.ImportPage })) },
          // Job descriptions: every job's description at a glance, and a check of any text.
          {
            path: 'job-descriptions',
            lazy: () => import('../features/jd/jd-overview-page.tsx').then((m) => ({ Component: m.JdOverviewPage })),
          },
          // The job's description: generator, editor with the live language check, versions, publishing.
          { path: 'jobs/:id/description', lazy: () => import('../features/jd/jd-page.tsx').then((m) => ({ Component: m.JobDescriptionPage })) },
          {
            path: 'jobs/:id/compare',
            lazy: () => import('../features/jobs/compare-candidates-page.tsx').then((m) => ({ Component: m.CompareCandidatesPage })),
          },
          // Candidates, interviews, scorecards and debriefs (the "Interviews" module leads to My interviews).
          { path: 'candidates/:id', lazy: () => import('../features/candidates/candidate-page.tsx').then((m) => ({ Component: m.CandidatePage })) },
          { path: 'interviews', element: <Navigate to="/me/interviews" replace /> },
          { path: 'me/interviews', lazy: () => import('../features/interviews/my-interviews-page.tsx').then((m) => ({ Component: m.MyInterviewsPage })) },
          { path: 'interviews/:id/kit', lazy: () => import('../features/interviews/kit-page.tsx').then((m) => ({ Component: m.KitPage })) },
          {
            path: 'interviews/:id/scorecard',
            lazy: () => import('../features/interviews/scorecard-page.tsx').then((m) => ({ Component: m.ScorecardPage })),
          },
          // Interview intelligence: an interview's transcript with its analysis, and the module page (search, settings).
          {
            path: 'interviews/:id/transcript',
            lazy: () => import('../features/intelligence/transcript-page.tsx').then((m) => ({ Component: m.TranscriptPage })),
          },
          // Analytics: funnel, calibration, reliability, validity, adverse impact, recommendations (one lazy chunk with its charts).
          { path: 'analytics', lazy: () => import('../features/analytics/analytics-page.tsx').then((m) => ({ Component: m.AnalyticsPage })) },
          // Privacy and trust (owners and admins): requests, retention, legal holds, receipts.
          { path: 'privacy', lazy: () => import('../features/privacy/privacy-page.tsx').then((m) => ({ Component: m.PrivacyPage })) },
          { path: 'privacy/:section', lazy: () => import('../features/privacy/privacy-page.tsx').then((m) => ({ Component: m.PrivacyPage })) },
          { path: 'intelligence', lazy: () => import('../features/intelligence/intelligence-page.tsx').then((m) => ({ Component: m.IntelligencePage })) },
          {
            path: 'applications/:id/debrief',
            lazy: () => import('../features/interviews/debrief-page.tsx').then((m) => ({ Component: m.DebriefPage })),
          },
          { path: 'feedback/waiting', lazy: () => import('../features/interviews/waiting-page.tsx').then((m) => ({ Component: m.WaitingPage })) },
          // Scheduling: availability (your own, or a member's for those who keep it), loop scheduling.
          {
            path: 'me/availability',
            lazy: () => import('../features/scheduling/availability-page.tsx').then((m) => ({ Component: m.MyAvailabilityPage })),
          },
          {
            path: 'availability/:userId',
            lazy: () => import('../features/scheduling/availability-page.tsx').then((m) => ({ Component: m.UserAvailabilityPage })),
          },
          {
            path: 'applications/:id/schedule',
            lazy: () => import('../features/scheduling/schedule-page.tsx').then((m) => ({ Component: m.SchedulePage })),
          },
          // Modules this version does not ship yet get an honest placeholder page.
          ...appModules
            .filter((m) => !m.isBuilt)
            .map(
              (m): RouteObject => ({
                path: m.path.slice(1),
                lazy: () => import('../features/home/module-placeholder-page.tsx').then((p) => ({ Component: p.ModulePlaceholderPage })),
              }),
            ),
          {
            lazy: () => import('../features/orgs/settings-layout.tsx').then((m) => ({ Component: m.SettingsLayout })),
            children: [
              { path: 'settings', element: <Navigate to="/settings/members" replace /> },
              {
                path: 'settings/organization',
                lazy: () => import('../features/orgs/organization-settings-page.tsx').then((m) => ({ Component: m.OrganizationSettingsPage })),
              },
              { path: 'settings/members', lazy: () => import('../features/orgs/members-page.tsx').then((m) => ({ Component: m.MembersPage })) },
              { path: 'settings/hiring', lazy: () => import('../features/jobs/hiring-settings-page.tsx').then((m) => ({ Component: m.HiringSettingsPage })) },
              { path: 'settings/pools', lazy: () => import('../features/scheduling/pools-page.tsx').then((m) => ({ Component: m.PoolsPage })) },
              { path: 'settings/security', lazy: () => import('../features/auth/security-page.tsx').then((m) => ({ Component: m.SecurityPage })) },
              { path: 'settings/api-tokens', lazy: () => import('../features/auth/api-tokens-page.tsx').then((m) => ({ Component: m.ApiTokensPage })) },
              { path: 'settings/webhooks', lazy: () => import('../features/webhooks/webhooks-page.tsx').then((m) => ({ Component: m.WebhooksPage })) },
              { path: 'admin/outbox', lazy: () => import('../features/outbox/outbox-page.tsx').then((m) => ({ Component: m.OutboxPage })) },
              { path: 'admin/audit', lazy: () => import('../features/audit/audit-page.tsx').then((m) => ({ Component: m.AuditPage })) },
            ],
          },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
