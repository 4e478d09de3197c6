/**
 * <tk-login-view>: the sign-in page (/login). Posts email and password; on success goes back to
 * where the user was (?next=, same-site paths only) with a full reload so that every view
 * loads with the new session. Errors show the server's message (wrong password, too many
 * attempts) without saying whether the email exists.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { sharedStyles } from '../../styles/shared.ts';
import { I18nController } from '../../i18n/i18n.ts';
import { errorText } from '../../i18n/errors.ts';
import { auth, AuthError, safeNext, text } from './auth-client.ts';

@customElement('tk-login-view')
export class LoginView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      form {
        max-width: 24rem;
        margin: 1.5rem auto;
        display: grid;
        gap: 0.75rem;
      }
      input {
        width: 100%;
      }
      .field {
        display: grid;
        gap: 0.25rem;
      }
    `,
  ];

  @state() private busy = false;
  @state() private error: unknown = null;
  private readonly i18n = new I18nController(this);

  private async submit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = null;
    try {
      await auth.login(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
      location.assign(safeNext(new URLSearchParams(location.search).get('next')));
    } catch (err) {
      this.error = err instanceof AuthError ? err : String(err);
      (form.elements.namedItem('password') as HTMLInputElement | null)?.select();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const tx = text();
    return html`<form class="card" @submit=${this.submit} aria-labelledby="login-title" novalidate>
      <h1 id="login-title">${tx.title}</h1>
      <p class="muted">${tx.lead}</p>
      <div class="field">
        <label for="email">${tx.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required autofocus />
      </div>
      <div class="field">
        <label for="password">${tx.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
      </div>
      ${this.error ? html`<p class="state error" role="alert" data-test="login-error">${errorText(this.error)}</p>` : nothing}
      <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? tx.busy : tx.submit}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-login-view': LoginView;
  }
}
