/**
 * The views of the dashboard, in navigation order. The app shell routes by `path`, loads the
 * view's module lazily (so Chart.js and each view's code arrive only when needed) and then creates
 * the element `tag`. Features append entries here (accounts: login; reports: report/bloc views).
 *
 * A view element receives these properties from the shell (see ViewProps) and changes the URL by
 * dispatching NavigateEvent (app-shell/events.ts), e.g. `new NavigateEvent({ params: { category: 'phone' } })`.
 */
import { prefetch, type Category, type Unit } from '../api-client.ts';
import type { Access } from '../app-shell/permissions.ts';

export interface ViewEntry {
  /** Stable id, also used in test selectors. */
  id: string;
  /** Path of the view, e.g. '/overview'. Bookmarkable; the server serves index.html for it. */
  path: string;
  /** i18n key of the navigation label (web/src/i18n/vi.ts, en.ts); an unknown key shows as-is. */
  labelKey: string;
  /** Custom element defined by the module `load` imports. */
  tag: string;
  load: () => Promise<unknown>;
  /**
   * Starts the view's first data requests (api-client prefetch) from its address, while its code
   * loads; only requests the view will make with the same URL.
   */
  prefetch?: (query: URLSearchParams) => void;
  /** The shell shows the unit and year pickers and keeps ?unit=&year= in the URL. */
  scoped?: boolean;
  /** Listed in the navigation (default true; a login view would say false). */
  nav?: boolean;
  /**
   * Shown without loading units and categories and without the pickers (a sign-in page, which
   * must work before the API lets the person in).
   */
  bare?: boolean;
  /**
   * Who may use it: 'write' (officers and administrators), 'admin'; default everyone signed in.
   * The shell leaves it out of the navigation for others and says why if they open its address.
   */
  access?: Access;
}

/** Small elements the shell puts in its header (e.g. who is signed in), loaded lazily. */
export interface HeaderWidget {
  tag: string;
  load: () => Promise<unknown>;
}

/** What the shell sets on every view element. */
export interface ViewProps {
  /** Chosen unit code (scoped views). */
  unit: string;
  /** Chosen year (scoped views). */
  year: number;
  /** The whole query string, for view-specific parameters (e.g. category). */
  query: URLSearchParams;
  units: Unit[];
  categories: Category[];
}

export const views: ViewEntry[] = [
  {
    id: 'overview',
    path: '/overview',
    labelKey: 'nav.overview',
    tag: 'tk-overview-view',
    scoped: true,
    load: () => import('./overview/overview-view.ts'),
  },
  {
    id: 'trends',
    path: '/trends',
    labelKey: 'nav.trends',
    tag: 'tk-trends-view',
    scoped: true,
    load: () => import('./trends/trends-view.ts'),
    // The one-year view (no range in the address) asks for the year and the year before.
    prefetch: (q) => {
      const unit = q.get('unit');
      const year = Number(q.get('year'));
      if (!unit || !Number.isInteger(year) || year < 1000 || q.has('range')) return;
      prefetch('/results', { unit, year });
      prefetch('/results', { unit, year: year - 1 });
    },
  },
  {
    id: 'compare',
    path: '/compare',
    labelKey: 'nav.compare',
    tag: 'tk-compare-view',
    scoped: true,
    load: () => import('./compare/compare-view.ts'),
  },
  {
    id: 'upload',
    path: '/upload',
    labelKey: 'nav.upload',
    tag: 'tk-upload-view',
    access: 'write',
    load: () => import('./upload/upload-view.ts'),
  },
  {
    id: 'figures',
    path: '/figures',
    labelKey: 'nav.figures',
    tag: 'tk-figures-view',
    scoped: true,
    load: () => import('./figures/figures-view.ts'),
  },
  {
    id: 'settings',
    path: '/settings',
    labelKey: 'nav.settings',
    tag: 'tk-settings-view',
    scoped: true,
    load: () => import('./settings/settings-view.ts'),
  },
  // Accounts: the sign-in page (not in the navigation) and the audit trail (administrators).
  {
    id: 'login',
    path: '/login',
    labelKey: 'nav.login',
    tag: 'tk-login-view',
    nav: false,
    bare: true,
    load: () => import('./login/login-view.ts'),
  },
  {
    id: 'audit',
    path: '/audit',
    labelKey: 'nav.audit',
    tag: 'tk-audit-view',
    access: 'admin',
    load: () => import('./audit/audit-view.ts'),
  },
  // Reports and emulation blocs.
  {
    id: 'report',
    path: '/report',
    labelKey: 'nav.report',
    tag: 'tk-report-view',
    scoped: true,
    load: () => import('./report/report-view.ts'),
  },
  {
    id: 'bloc',
    path: '/bloc',
    labelKey: 'nav.bloc',
    tag: 'tk-bloc-view',
    scoped: true,
    load: () => import('./bloc/bloc-view.ts'),
  },
];

export const headerWidgets: HeaderWidget[] = [{ tag: 'tk-user-menu', load: () => import('./login/user-menu.ts') }];

/** The path '/' goes to. */
export const HOME_PATH = '/overview';

export function findView(path: string): ViewEntry | undefined {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return views.find((v) => v.path === p);
}
