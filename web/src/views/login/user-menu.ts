/**
 * <tk-user-menu>: who is signed in (name, roles on which units) and the sign-out buttons, for
 * the shell's header. Signing out returns to the login page.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { I18nController } from '../../i18n/i18n.ts';
import { auth, text, type Me } from './auth-client.ts';
import { loadMe } from '../../app-shell/permissions.ts';

@customElement('tk-user-menu')
export class UserMenu extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
      font-size: 0.9rem;
    }
    button {
      font: inherit;
      background: transparent;
      color: inherit;
      border: 1px solid currentColor;
      border-radius: 6px;
      padding: 0.2rem 0.6rem;
      min-height: 2rem;
      cursor: pointer;
    }
    .roles {
      opacity: 0.85;
    }
  `;

  @state() private me: Me | null = null;
  private readonly i18n = new I18nController(this);

  override connectedCallback() {
    super.connectedCallback();
    void loadMe().then((me) => (this.me = me));
  }

  private async signOut(everywhere: boolean) {
    await (everywhere ? auth.logoutAll() : auth.logout()).catch(() => undefined);
    location.assign('/login');
  }

  override render() {
    if (!this.me) return nothing;
    const tx = text();
    const roles = this.me.grants.map((g) => `${tx.roles[g.role]} · ${g.unitCode ?? tx.wholeTree}`).join(', ');
    return html`<span data-test="user-name">${this.me.name}</span>
      <span class="roles">(${roles})</span>
      <button type="button" @click=${() => this.signOut(false)}>${tx.logout}</button>
      <button type="button" @click=${() => this.signOut(true)}>${tx.logoutAll}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-user-menu': UserMenu;
  }
}
