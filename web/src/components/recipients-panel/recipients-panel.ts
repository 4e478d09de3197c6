/**
 * <tk-recipients-panel>: who receives a unit's monthly summary email: list, add, switch on/off,
 * remove. Errors from the server (a bad address, a duplicate) are shown as its message.
 *
 * @fires tk-recipients-changed - after a recipient was added, changed or removed
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type Recipient, type RecipientRole } from '../../api-client.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../task-state/render-task.ts';
import { errorText } from '../../i18n/errors.ts';

export class RecipientsChangedEvent extends Event {
  static readonly eventName = 'tk-recipients-changed';
  constructor() {
    super(RecipientsChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

const ROLES: RecipientRole[] = ['finance', 'head', 'committee'];
const roleOf = (v: string): RecipientRole | null => ROLES.find((r) => r === v) ?? null;

@customElement('tk-recipients-panel')
export class RecipientsPanel extends LitElement {
  static override styles = [sharedStyles];

  @property() unit = '';
  @state() private error = '';
  private readonly i18n = new I18nController(this);

  private readonly list = new Task(this, {
    task: ([unit], { signal }) => api.recipients(unit, signal),
    args: () => [this.unit] as const,
  });

  private async act(fn: () => Promise<unknown>) {
    this.error = '';
    try {
      await fn();
      await this.list.run();
      this.dispatchEvent(new RecipientsChangedEvent());
    } catch (e) {
      this.error = errorText(e);
    }
  }

  private add(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    void this.act(async () => {
      await api.addRecipient({
        unitCode: this.unit,
        name: String(d.get('name') ?? '').trim() || undefined,
        email: String(d.get('email') ?? '').trim(),
        lang: d.get('lang') === 'en' ? 'en' : 'vi',
        active: true,
        role: roleOf(String(d.get('role') ?? '')),
      });
      form.reset();
    });
  }

  override render() {
    return html`<h2 id="rcp-h">${t('recipients.heading')}</h2>
      ${renderTask(this.list, (rs) => this.renderList(rs), { isEmpty: (rs) => rs.length === 0, empty: () => t('recipients.none') })}
      <form @submit=${this.add} aria-labelledby="rcp-add">
        <h3 id="rcp-add" class="visually-hidden">${t('recipients.add')}</h3>
        <div class="row">
          <div class="field">
            <label for="r-name">${t('recipients.name')}</label><input id="r-name" name="name" autocomplete="name" />
          </div>
          <div class="field">
            <label for="r-email">${t('recipients.email')}</label
            ><input id="r-email" name="email" type="email" required autocomplete="email" />
          </div>
          <div class="field">
            <label for="r-lang">${t('recipients.lang')}</label>
            <select id="r-lang" name="lang">
              <option value="vi">Tiếng Việt</option>
              <option value="en">English</option>
            </select>
          </div>
          <div class="field">
            <label for="r-role">${t('recipients.role')}</label>
            <select id="r-role" name="role">
              ${this.roleOptions(null)}
            </select>
          </div>
          <button type="submit" class="primary">${t('recipients.add')}</button>
        </div>
      </form>
      ${this.error ? html`<p class="state error" role="alert">${this.error}</p>` : nothing}`;
  }

  private roleOptions(selected: RecipientRole | null) {
    return html`<option value="" ?selected=${selected == null}>${t('recipients.role.none')}</option>
      ${ROLES.map((r) => html`<option value=${r} ?selected=${selected === r}>${t(`recipients.role.${r}`)}</option>`)}`;
  }

  private renderList(rs: Recipient[]) {
    return html`<div class="table-wrap" tabindex="0">
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">${t('recipients.name')}</th>
            <th scope="col">${t('recipients.email')}</th>
            <th scope="col">${t('recipients.lang')}</th>
            <th scope="col">${t('recipients.role')}</th>
            <th scope="col">${t('recipients.active')}</th>
            <th scope="col">${t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${rs.map(
            (r) =>
              html`<tr>
                <td data-label=${t('recipients.name')}>${r.name}</td>
                <td data-label=${t('recipients.email')}>${r.email}</td>
                <td data-label=${t('recipients.lang')}>${r.lang === 'vi' ? 'Tiếng Việt' : 'English'}</td>
                <td data-label=${t('recipients.role')}>
                  <select
                    aria-label=${`${t('recipients.role')}: ${r.email}`}
                    @change=${(e: Event) => this.act(() => api.patchRecipient(r.id, { role: roleOf((e.target as HTMLSelectElement).value) }))}
                  >
                    ${this.roleOptions(r.role)}
                  </select>
                </td>
                <td data-label=${t('recipients.active')}>
                  <input
                    type="checkbox"
                    aria-label=${`${t('recipients.active')}: ${r.email}`}
                    .checked=${r.active}
                    @change=${(e: Event) => this.act(() => api.patchRecipient(r.id, { active: (e.target as HTMLInputElement).checked }))}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label=${`${t('recipients.remove')}: ${r.email}`}
                    @click=${() => this.act(() => api.deleteRecipient(r.id))}
                  >
                    ${t('recipients.remove')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-recipients-panel': RecipientsPanel;
  }
  interface HTMLElementEventMap {
    'tk-recipients-changed': RecipientsChangedEvent;
  }
}
