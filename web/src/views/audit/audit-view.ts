/**
 * <tk-audit-view>: the audit trail for administrators (/audit): filters (who, action, entity,
 * unit, dates) kept in the URL so that a correction in the figures view can link straight to
 * its history (/audit?entityType=figure&entityKey=UNIT/category/YYYY-MM), newest first, paged.
 * Read in words (audit-format.ts): the action's name, dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, and
 * "field: before → after" for each changed field.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { sharedStyles } from '../../styles/shared.ts';
import { I18nController, getLang } from '../../i18n/i18n.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { auth, text, type AuditEntry } from '../login/auth-client.ts';
import { ACTION_FILTERS, actionLabel, entityLabel, fieldChanges, formatAuditTime } from './audit-format.ts';

const FILTERS = ['actor', 'action', 'entityType', 'entityKey', 'unit', 'from', 'to'] as const;

@customElement('tk-audit-view')
export class AuditView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: end;
        margin: 0.75rem 0;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      code {
        font-size: 0.8rem;
        word-break: break-all;
      }
      td.when {
        white-space: nowrap;
      }
      ul.changes {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ul.changes li {
        overflow-wrap: anywhere;
      }
      .field-name {
        font-weight: 600;
      }
      .was {
        text-decoration: line-through;
        color: #4b5563;
      }
    `,
  ];

  @property({ attribute: false }) query = new URLSearchParams();
  @state() private extra: AuditEntry[] = [];
  @state() private nextBefore: number | null = null;
  private readonly i18n = new I18nController(this);

  private filters(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of FILTERS) {
      const v = this.query.get(k);
      if (v) out[k] = v;
    }
    return out;
  }

  private readonly data = new Task(this, {
    task: async ([q]) => {
      const r = await auth.audit(JSON.parse(q) as Record<string, string>);
      this.extra = [];
      this.nextBefore = r.nextBefore;
      return r.entries;
    },
    args: () => [JSON.stringify(this.filters())] as const,
  });

  private apply(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const params: Record<string, string | null> = {};
    for (const k of FILTERS) params[k] = String(data.get(k) ?? '').trim() || null;
    this.dispatchEvent(new NavigateEvent({ params }));
  }

  private clear() {
    this.dispatchEvent(new NavigateEvent({ params: Object.fromEntries(FILTERS.map((k) => [k, null])) }));
  }

  private async more() {
    if (this.nextBefore == null) return;
    const r = await auth.audit({ ...this.filters(), before: String(this.nextBefore) });
    this.extra = [...this.extra, ...r.entries];
    this.nextBefore = r.nextBefore;
  }

  private row(e: AuditEntry) {
    const tx = text();
    const lang = getLang();
    const who = e.actorKind === 'system' || e.actor == null ? (lang === 'vi' ? 'hệ thống' : 'system') : e.actor;
    const changes = fieldChanges(e.before, e.after, lang);
    return html`<tr data-test="audit-row" data-action=${e.action}>
      <td class="when"><time datetime=${e.at}>${formatAuditTime(e.at)}</time></td>
      <td>${who}${e.actorKind === 'token' ? ' (token)' : e.actorKind === 'cli' ? ' (CLI)' : ''}</td>
      <td>${e.ip ?? ''}</td>
      <td title=${e.action}>${actionLabel(e.action, lang)}</td>
      <td>
        ${entityLabel(e.entityType, lang)}${e.entityKey ? html`: <code>${e.entityKey}</code>` : nothing}${
          e.unitCode && !e.entityKey?.startsWith(`${e.unitCode}/`) ? html` · ${e.unitCode}` : nothing
        }
      </td>
      <td>
        ${
          changes.length
            ? html`<ul class="changes" aria-label=${tx.change}>
                ${changes.map(
                  (c) =>
                    html`<li data-test="audit-change" data-field=${c.key}>
                      <span class="field-name">${c.label}</span>:
                      ${
                        c.before !== undefined
                          ? html`<span class="was">${c.before}</span>${c.after !== undefined ? ' → ' : ''}`
                          : nothing
                      }${c.after !== undefined ? html`<span class="now">${c.after}</span>` : nothing}
                    </li>`,
                )}
              </ul>`
            : nothing
        }
      </td>
    </tr>`;
  }

  override render() {
    const tx = text();
    const f = this.filters();
    const input = (k: (typeof FILTERS)[number], label: string, type = 'text') =>
      html`<div class="field">
        <label for=${`f-${k}`}>${label}</label><input id=${`f-${k}`} name=${k} type=${type} .value=${f[k] ?? ''} />
      </div>`;
    return html`<h1>${tx.auditTitle}</h1>
      <p class="muted">${tx.auditLead}</p>
      <form @submit=${this.apply} aria-label=${tx.filter}>
        ${input('actor', tx.actor, 'email')}
        <div class="field">
          <label for="f-action">${tx.action}</label>
          <select id="f-action" name="action">
            <option value="">${tx.all}</option>
            ${ACTION_FILTERS.map(
              (a) => html`<option value=${a.value} ?selected=${f.action === a.value}>${a.words[getLang()]}</option>`,
            )}
          </select>
        </div>
        ${input('entityType', tx.entityType)} ${input('entityKey', tx.entityKey)} ${input('unit', tx.unit)}
        ${input('from', tx.from, 'date')} ${input('to', tx.to, 'date')}
        <button class="primary" type="submit">${tx.filter}</button>
        <button type="button" @click=${this.clear}>${tx.clear}</button>
      </form>
      ${renderTask(
        this.data,
        (entries) =>
          html`<div class="table-wrap" tabindex="0">
              <table>
                <thead>
                  <tr>
                    <th>${tx.time}</th>
                    <th>${tx.actor}</th>
                    <th>${tx.ip}</th>
                    <th>${tx.action}</th>
                    <th>${tx.entityKey}</th>
                    <th>${tx.change}</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...entries, ...this.extra].map((e) => this.row(e))}
                </tbody>
              </table>
            </div>
            ${this.nextBefore != null ? html`<p><button type="button" @click=${this.more}>${tx.more}</button></p>` : nothing}`,
        { isEmpty: (entries) => entries.length === 0, empty: () => tx.empty },
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-audit-view': AuditView;
  }
}
