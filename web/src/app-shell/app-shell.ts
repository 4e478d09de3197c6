/**
 * <tk-app>: the app shell. Reads the route from the URL (path + ?unit=&year=…), loads the view
 * module lazily, hands it the scope (ViewProps), and keeps links bookmarkable: every change of
 * view, unit, year or view parameter is a history entry. Also the language switch, the phone menu
 * and the navigation trimmed to what the signed-in person may use (registry `access`).
 *
 * The header and navigation live in the shadow root; the skip link and <main> (scope pickers and
 * the view) are light DOM, rendered with lit's render(): a skip link's target has to be in the
 * document for browsers and assistive technology to follow it.
 */
import { LitElement, html, nothing, render } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { UNAUTHENTICATED_EVENT, api, type Category, type Unit } from '../api-client.ts';
import { I18nController, getLang, setLang, t, type Lang } from '../i18n/i18n.ts';
import { sharedStyles } from '../styles/shared.ts';
import { HOME_PATH, findView, headerWidgets, views, type ViewEntry } from '../views/registry.ts';
import { renderTask } from '../components/task-state/render-task.ts';
import { ScopeChangeEvent } from '../components/scope-picker/scope-picker.ts';
import '../components/scope-picker/scope-picker.ts';
import { NavigateEvent, type NavigateDetail } from './events.ts';
import { allowed, loadMe } from './permissions.ts';
import { shellStyles } from './app-shell.styles.ts';
import { periodOf } from '../../../domain/months.ts';

const currentYear = () => Number(periodOf(new Date()).slice(0, 4));

@customElement('tk-app')
export class AppShell extends LitElement {
  static override styles = [sharedStyles, shellStyles];

  @state() private url = new URL(location.href);
  /** Phone: the navigation, account and language are open below the header. */
  @state() private menuOpen = false;
  private readonly i18n = new I18nController(this);
  private viewEl: HTMLElement | null = null;
  private viewId = '';
  private readonly skipEl = Object.assign(document.createElement('a'), {
    className: 'skip',
    href: '#main',
    slot: 'skip',
  });
  private readonly mainEl = Object.assign(document.createElement('main'), { id: 'main', tabIndex: -1 });

  private readonly ref = new Task(this, {
    task: async ([bare], { signal }) => {
      if (bare) return { units: [] as Unit[], categories: [] as Category[] };
      const [units, categories] = await Promise.all([api.units(signal), api.categories(signal), loadMe()]);
      return { units, categories };
    },
    // A bare view (sign-in page) must not call the API before the person is in.
    args: () => [findView(this.url.pathname)?.bare === true] as const,
  });
  /** Created once: re-creating them on every render would make them reload their data. */
  private readonly widgets = headerWidgets.map((w) => document.createElement(w.tag));

  private readonly viewTask = new Task(this, {
    task: async ([path]) => {
      const entry = findView(path);
      if (!entry) return null;
      // The view's first data requests go out beside its code, not after it.
      if (!entry.bare) entry.prefetch?.(this.url.searchParams);
      await entry.load();
      return entry;
    },
    args: () => [this.url.pathname] as const,
  });

  override connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = getLang();
    if (location.pathname === '/' || location.pathname === '') {
      history.replaceState(null, '', HOME_PATH + location.search);
      this.url = new URL(location.href);
    }
    // The <noscript> text goes; the skip link and <main> become the light DOM.
    this.replaceChildren(this.skipEl, this.mainEl);
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener(UNAUTHENTICATED_EVENT, this.onUnauthenticated);
    this.addEventListener(NavigateEvent.eventName, this.onNavigate);
    this.addEventListener('keydown', this.onKeyDown);
    // The view's code is asked for first: its chunks (Chart.js is the largest) then hold the first
    // of the six connections a page gets, ahead of the data requests the first update starts.
    void findView(this.url.pathname)
      ?.load()
      .catch(() => undefined);
    for (const w of headerWidgets) void w.load().catch(() => undefined);
  }

  override disconnectedCallback() {
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener(UNAUTHENTICATED_EVENT, this.onUnauthenticated);
    this.removeEventListener(NavigateEvent.eventName, this.onNavigate);
    this.removeEventListener('keydown', this.onKeyDown);
    super.disconnectedCallback();
  }

  private readonly onPopState = () => {
    const next = new URL(location.href);
    // A fragment (the skip link) is not a new route.
    if (next.pathname + next.search !== this.url.pathname + this.url.search) this.url = next;
  };
  private readonly onNavigate = (e: NavigateEvent) => this.navigate(e.detail);
  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.menuOpen) {
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('.menu-toggle')?.focus();
    }
  };
  /** An API call answered 401: go to the sign-in view (if there is one), then come back here. */
  private readonly onUnauthenticated = () => {
    const login = views.find((v) => v.bare && v.id === 'login');
    if (!login || findView(location.pathname) === login) return;
    location.assign(`${login.path}?next=${encodeURIComponent(location.pathname + location.search)}`);
  };

  /** Change the URL: path and/or some query parameters. */
  navigate({ path, params, replace }: NavigateDetail) {
    const next = new URL(this.url.href);
    next.hash = '';
    if (path) next.pathname = path;
    for (const [k, v] of Object.entries(params ?? {})) {
      if (v == null || v === '') next.searchParams.delete(k);
      else next.searchParams.set(k, String(v));
    }
    if (next.href === this.url.href) return;
    history[replace ? 'replaceState' : 'pushState'](null, '', next.pathname + next.search);
    this.url = next;
  }

  private linkFor(entry: ViewEntry): string {
    const q = new URLSearchParams();
    const unit = this.url.searchParams.get('unit');
    const year = this.url.searchParams.get('year');
    if (entry.scoped && unit) q.set('unit', unit);
    if (entry.scoped && year) q.set('year', year);
    const s = q.toString();
    return entry.path + (s ? `?${s}` : '');
  }

  private readonly onLinkClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.currentTarget as HTMLAnchorElement;
    e.preventDefault();
    const u = new URL(a.href);
    history.pushState(null, '', u.pathname + u.search);
    this.url = u;
    this.menuOpen = false;
  };

  private switchLang(lang: Lang) {
    setLang(lang);
  }

  private renderView(entry: ViewEntry, units: Unit[], categories: Category[]) {
    if (!allowed(entry.access))
      return html`<p class="state" role="alert" data-test="no-access">
        ${t(entry.access === 'admin' ? 'app.noAccess.admin' : 'app.noAccess.write')}
        <a href=${HOME_PATH} @click=${this.onLinkClick}>${t('app.toHome')}</a>
      </p>`;
    if (this.viewId !== entry.id || !this.viewEl) {
      const first = this.viewId === '';
      this.viewId = entry.id;
      this.viewEl = document.createElement(entry.tag);
      this.viewEl.dataset.view = entry.id;
      // Move focus to the new content for keyboard and screen-reader users (not on first load).
      if (!first) requestAnimationFrame(() => this.mainEl.focus());
    }
    const q = this.url.searchParams;
    const root = units.find((u) => u.parentCode == null)?.code ?? units[0]?.code ?? '';
    const unit = q.get('unit') && units.some((u) => u.code === q.get('unit')) ? q.get('unit')! : root;
    const yearParam = Number(q.get('year'));
    const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : currentYear();
    Object.assign(this.viewEl, { unit, year, query: new URLSearchParams(q), units, categories });
    return html`${
      entry.scoped
        ? html`<tk-scope-picker
            .units=${units}
            .unit=${unit}
            .year=${year}
            @tk-scope-change=${(e: ScopeChangeEvent) => this.navigate({ params: { unit: e.unit, year: e.year } })}
          ></tk-scope-picker>`
        : nothing
    }${this.viewEl}`;
  }

  /** What <main> holds: the pickers and the view, or a state (loading, error, not found). */
  private mainContent() {
    return renderTask(
      this.ref,
      ({ units, categories }) =>
        renderTask(this.viewTask, (entry) =>
          entry
            ? this.renderView(entry, units, categories)
            : html`<p class="state" role="alert">
                ${t('app.notFound')} <a href=${HOME_PATH} @click=${this.onLinkClick}>${t('app.toHome')}</a>
              </p>`,
        ) as ReturnType<typeof html>,
    );
  }

  override updated() {
    this.skipEl.textContent = t('app.skip');
    render(this.mainContent(), this.mainEl, { host: this });
    this.toggleAttribute('menu-open', this.menuOpen);
  }

  override render() {
    const current = findView(this.url.pathname);
    const lang = getLang();
    // The skip link is slotted into the banner landmark (axe 'region': no content outside landmarks).
    return html`<header>
        <slot name="skip"></slot>
        <div class="brand"><strong>${t('app.title')}</strong><span>${t('app.subtitle')}</span></div>
        <button
          type="button"
          class="menu-toggle"
          aria-expanded=${this.menuOpen}
          aria-controls="nav tools"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          <span aria-hidden="true">${this.menuOpen ? '✕' : '☰'}</span> ${t('app.menu')}
        </button>
        <div class="tools" id="tools">
          ${this.widgets}
          <div class="lang" role="group" aria-label=${t('app.lang')}>
            <button type="button" lang="vi" aria-pressed=${lang === 'vi'} @click=${() => this.switchLang('vi')}>
              Tiếng Việt
            </button>
            <button type="button" lang="en" aria-pressed=${lang === 'en'} @click=${() => this.switchLang('en')}>
              English
            </button>
          </div>
        </div>
      </header>
      <nav id="nav" aria-label=${t('app.nav')}>
        <ul>
          ${views
            .filter((v) => v.nav !== false && allowed(v.access))
            .map(
              (v) =>
                html`<li>
                  <a
                    href=${this.linkFor(v)}
                    data-nav=${v.id}
                    aria-current=${current?.id === v.id ? 'page' : 'false'}
                    @click=${this.onLinkClick}
                    >${t(v.labelKey)}</a
                  >
                </li>`,
            )}
        </ul>
      </nav>
      <slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-app': AppShell;
  }
}
