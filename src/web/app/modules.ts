import type { OrgRole } from '../../shared/common.ts';

/**
 * The product's modules as the shell presents them: navigation, dashboard cards and the
 * placeholder pages of modules this version does not ship yet.
 */
export interface AppModule {
  path: string;
  name: string;
  summary: string;
  /** False while the module exists only as a placeholder page. */
  isBuilt: boolean;
  /** Other path prefixes whose pages belong to this module (the nav item shows as current there). */
  alsoActiveOn?: readonly string[];
  /** Only members with one of these roles see the module in the navigation and on the dashboard (all when absent). */
  roles?: readonly OrgRole[];
}

export const appModules: readonly AppModule[] = [
  {
    path: '/roles',
    name: 'Roles',
    summary: 'A knowledge base of senior roles — what a Chief Product Officer or Chief Technology Officer owns, and where the two differ.',
    isBuilt: true,
    alsoActiveOn: ['/org-roles', '/compare', '/advisor'],
  },
  {
    path: '/job-descriptions',
    name: 'Job descriptions',
    summary: 'Draft job descriptions from the role knowledge base and check their wording for bias before publishing.',
    isBuilt: true,
  },
  {
    path: '/questions',
    name: 'Questions & guides',
    summary: 'A question bank with scoring anchors, and interview guides assembled from it.',
    isBuilt: true,
    alsoActiveOn: ['/guides', '/plans'],
  },
  {
    path: '/jobs',
    name: 'Jobs & candidates',
    summary: 'Open jobs, hiring teams, candidates and their applications.',
    isBuilt: true,
    alsoActiveOn: ['/candidates', '/applications'],
  },
  {
    path: '/interviews',
    name: 'Interviews',
    summary: 'Interview loops, interview kits and independent scorecards submitted before anyone sees the others.',
    isBuilt: true,
    alsoActiveOn: ['/me', '/feedback', '/availability'],
  },
  {
    path: '/intelligence',
    name: 'Intelligence',
    summary: 'Transcripts tied back to the rubric: evidence per competency and questions that should not have been asked.',
    isBuilt: true,
  },
  {
    path: '/analytics',
    name: 'Analytics',
    summary: 'Funnel, rater reliability and adverse impact, with intervals and small-group suppression.',
    isBuilt: true,
    // ANALYTICS_READERS in analytics.contract.ts (not imported here: the entry chunk stays free of it).
    roles: ['owner', 'admin', 'recruiter', 'hiring_manager'],
  },
  {
    path: '/privacy',
    name: 'Privacy',
    summary: 'Candidates’ data requests with due dates, retention policies, legal holds and erasure receipts.',
    isBuilt: true,
    roles: ['owner', 'admin'],
  },
];

/** The sub-navigation of the "Questions & guides" module; `signedIn` items only for members. */
export const questionsSections: readonly { to: string; label: string; signedIn?: boolean }[] = [
  { to: '/questions', label: 'Questions' },
  { to: '/guides', label: 'Guides' },
  { to: '/plans', label: 'Plans', signedIn: true },
];

/** Whether a member with `role` sees the module (modules without `roles` are for everyone). */
export function isModuleVisible(module: Pick<AppModule, 'roles'>, role: OrgRole | null | undefined): boolean {
  return !module.roles || (!!role && module.roles.includes(role));
}

export function findModule(path: string): AppModule | undefined {
  return appModules.find((m) => m.path === path);
}

/** True when `pathname` is `prefix` or below it (`/roles/cpo` is below `/roles`, `/rolesx` is not). */
export function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** Whether the navigation item of a module is the current one for `pathname`. */
export function isModuleActive(module: Pick<AppModule, 'path' | 'alsoActiveOn'>, pathname: string): boolean {
  return [module.path, ...(module.alsoActiveOn ?? [])].some((p) => isUnder(pathname, p));
}
