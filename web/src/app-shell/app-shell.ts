/**
 * <tk-app>: the app shell. Reads the route from the URL (path + ?unit=&year=…), loads the view
 * module lazily, hands it the scope (ViewProps), and keeps links bookmarkable: every change of
 * view, unit, year or view parameter is a history entry. Also the language switch.
 */
import { LitElement, css, html, nothing } from 'lit';
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
import { periodOf } from '../../../domain/months.ts';

const currentYear = () => Number(periodOf(new Date()).slice(0, 4));

@customElement('tk-app')
export class AppShell extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
        background: #f3f4f6;
      }
      .skip {
        position: absolute;
        left: -999px;
        top: 0;
        background: #fff;
        padding: 0.5rem;
        z-index: 10;
      }
      .skip:focus {
        left: 0.5rem;
      }
      header {
        background: #14532d;
        color: #fff;
        padding: 0.6rem 1rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
      }
      .brand {
        display: flex;
        flex-direction: column;
      }
      .brand strong {
        font-size: 1.2rem;
      }
      .brand span {
        font-size: 0.85rem;
        color: #dcfce7;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
      }
      .lang {
        display: flex;
        gap: 0.25rem;
        align-items: center;
      }
      .lang button {
        background: transparent;
        color: #fff;
        border-color: #fff;
        padding: 0.25rem 0.6rem;
        min-height: 2rem;
      }
      .lang button[aria-pressed='true'] {
        background: #fff;
        color: #14532d;
        font-weight: 700;
      }
      header :focus-visible {
        outline-color: #fde047;
      }
      nav {
        background: #fff;
        border-bottom: 1px solid #d1d5db;
        padding: 0 0.5rem;
      }
      nav ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
      }
      nav a {
        display: block;
        padding: 0.65rem 0.7rem;
        color: #1f2937;
        text-decoration: none;
        border-bottom: 3px solid transparent;
      }
      nav a[aria-current='page'] {
        border-bottom-color: #15803d;
        font-weight: 700;
        color: #14532d;
      }
      nav a:hover {
        background: #f3f4f6;
      }
      .scope {
        padding: 0.75rem 1rem 0;
        max-width: 80rem;
        margin: 0 auto;
      }
      main {
        padding: 1rem;
        max-width: 80rem;
        margin: 0 auto;
      }
      main:focus {
        outline: none;
      }
      @media (max-width: 480px) {
        nav a {
          padding: 0.5rem 0.45rem;
          font-size: 0.9rem;
        }
        main,
        .scope {
          padding-left: 0.6rem;
          padding-right: 0.6rem;
        }
      }
      @media print {
        :host {
          background: #fff;
        }
        header,
        nav,
        .scope,
        .skip {
          display: none;
        }
        main {
          padding: 0;
          max-width: none;
        }
      }
    `,
  ];

  @state() private url = new URL(location.href);
  private readonly i18n = new I18nController(this);
  private viewEl: HTMLElement | null = null;
  private viewId = '';

  private readonly ref = new Task(this, {
    task: async ([bare], { signal }) => {
      if (bare) return { units: [] as Unit[], categories: [] as Category[] };
      const [units, categories] = await Promise.all([api.units(signal), api.categories(signal)]);
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
    window.addEventListener('popstate', this.onPopState);
    window.addEventListener(UNAUTHENTICATED_EVENT, this.onUnauthenticated);
    this.addEventListener(NavigateEvent.eventName, this.onNavigate);
    for (const w of headerWidgets) void w.load().catch(() => undefined);
  }

  override disconnectedCallback() {
    window.removeEventListener('popstate', this.onPopState);
    window.removeEventListener(UNAUTHENTICATED_EVENT, this.onUnauthenticated);
    this.removeEventListener(NavigateEvent.eventName, this.onNavigate);
    super.disconnectedCallback();
  }

  private readonly onPopState = () => (this.url = new URL(location.href));
  private readonly onNavigate = (e: NavigateEvent) => this.navigate(e.detail);
  /** An API call answered 401: go to the sign-in view (if there is one), then come back here. */
  private readonly onUnauthenticated = () => {
    const login = views.find((v) => v.bare && v.id === 'login');
    if (!login || findView(location.pathname) === login) return;
    location.assign(`${login.path}?next=${encodeURIComponent(location.pathname + location.search)}`);
  };

  /** Change the URL: path and/or some query parameters. */
  navigate({ path, params, replace }: NavigateDetail) {
    const next = new URL(this.url.href);
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

  private onLinkClick(e: MouseEvent) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.currentTarget as HTMLAnchorElement;
    e.preventDefault();
    const u = new URL(a.href);
    history.pushState(null, '', u.pathname + u.search);
    this.url = u;
  }

  private switchLang(lang: Lang) {
    setLang(lang);
  }

  private renderView(entry: ViewEntry, units: Unit[], categories: Category[]) {
    if (this.viewId !== entry.id || !this.viewEl) {
      const first = this.viewId === '';
      this.viewId = entry.id;
      this.viewEl = document.createElement(entry.tag);
      this.viewEl.dataset.view = entry.id;
      // Move focus to the new content for keyboard and screen-reader users (not on first load).
      if (!first) requestAnimationFrame(() => this.renderRoot.querySelector<HTMLElement>('main')?.focus());
    }
    const q = this.url.searchParams;
    const root = units.find((u) => u.parentCode == null)?.code ?? units[0]?.code ?? '';
    const unit = q.get('unit') && units.some((u) => u.code === q.get('unit')) ? q.get('unit')! : root;
    const yearParam = Number(q.get('year'));
    const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : currentYear();
    Object.assign(this.viewEl, { unit, year, query: new URLSearchParams(q), units, categories });
    return html`${
        entry.scoped
          ? html`<div class="scope">
              <tk-scope-picker
                .units=${units}
                .unit=${unit}
                .year=${year}
                @tk-scope-change=${(e: ScopeChangeEvent) => this.navigate({ params: { unit: e.unit, year: e.year } })}
              ></tk-scope-picker>
            </div>`
          : nothing
      }
      <main id="main" tabindex="-1">${this.viewEl}</main>`;
  }

  override render() {
    const current = findView(this.url.pathname);
    const lang = getLang();
    return html`<a
        class="skip"
        href="#main"
        @click=${(e: Event) => {
          e.preventDefault();
          this.renderRoot.querySelector<HTMLElement>('main')?.focus();
        }}
        >${t('app.skip')}</a
      >
      <header>
        <div class="brand"><strong>${t('app.title')}</strong><span>${t('app.subtitle')}</span></div>
        <div class="tools">
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
      <nav aria-label=${t('app.nav')}>
        <ul>
          ${views
            .filter((v) => v.nav !== false)
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
      ${renderTask(
        this.ref,
        ({ units, categories }) =>
          renderTask(this.viewTask, (entry) =>
            entry
              ? this.renderView(entry, units, categories)
              : html`<main id="main" tabindex="-1">
                  <p class="state" role="alert">
                    ${t('app.notFound')} <a href=${HOME_PATH} @click=${this.onLinkClick}>${t('app.toHome')}</a>
                  </p>
                </main>`,
          ) as ReturnType<typeof html>,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-app': AppShell;
  }
}
