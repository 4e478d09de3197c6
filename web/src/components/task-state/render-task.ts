/**
 * One rendering of a @lit/task's states, so no view is ever blank: loading (a live status),
 * error (the server's message, with a retry button), empty, and the content.
 */
import { html, type TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import { t } from '../../i18n/i18n.ts';
import { errorText } from '../../i18n/errors.ts';

export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  complete: (value: T) => TemplateResult | TemplateResult[] | string,
  opts: { isEmpty?: (value: T) => boolean; empty?: () => TemplateResult | string } = {},
): unknown {
  const loading = () => html`<p class="state" role="status" aria-live="polite">${t('state.loading')}</p>`;
  return task.render({
    initial: loading,
    pending: loading,
    error: (e) =>
      html`<div class="state error" role="alert">
        <p><strong>${t('state.error')}:</strong> ${errorText(e)}</p>
        <button type="button" @click=${() => task.run()}>${t('state.retry')}</button>
      </div>`,
    complete: (value) =>
      opts.isEmpty?.(value)
        ? html`<p class="state" role="status">${opts.empty ? opts.empty() : t('state.empty')}</p>`
        : complete(value),
  });
}
