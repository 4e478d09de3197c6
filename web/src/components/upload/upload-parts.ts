/**
 * What the spreadsheet upload (upload-view.ts) and the e-invoice upload (invoice-upload.ts) draw
 * alike: the drop zone, the counts, the actions, the old → new values, the box that confirms the
 * warnings.
 */
import { css, html } from 'lit';
import { t } from '../../i18n/i18n.ts';
import { formatNumber } from '../../format.ts';

export const uploadStyles = css`
  .drop {
    margin: 1rem 0;
    border: 2px dashed #6b7280;
    border-radius: 10px;
    padding: 1.5rem 1rem;
    text-align: center;
    background: #fff;
  }
  .drop.over {
    border-color: #1d4ed8;
    background: #eff6ff;
  }
  .drop p {
    margin: 0.4rem 0;
  }
  input[type='file'] {
    max-width: 100%;
  }
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    margin: 0.5rem 0 1rem;
  }
  .counts div {
    display: flex;
    flex-direction: column;
  }
  .counts strong {
    font-size: 1.4rem;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    margin: 1rem 0;
  }
  section {
    margin-top: 1rem;
  }
  del {
    color: #991b1b;
  }
  ins {
    color: #166534;
    text-decoration: none;
    font-weight: 600;
  }
  .warn {
    color: #92400e;
  }
`;

/** One count of a preview: its label (an i18n key) over the number; `data-count` names it for tests. */
export function countItem(labelKey: string, n: number, id: string) {
  return html`<div data-count=${id}><span class="muted">${t(labelKey)}</span><strong>${formatNumber(n)}</strong></div>`;
}

/** The box the person ticks to confirm a preview's warnings before storing. */
export function acceptBox(o: {
  id: string;
  testid: string;
  checked: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return html`<p class="accept">
    <input
      id=${o.id}
      type="checkbox"
      data-testid=${o.testid}
      .checked=${o.checked}
      @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
    />
    <label for=${o.id}>${o.label}</label>
  </p>`;
}

/** "Xác nhận lưu" (disabled until the warnings are confirmed) and "Hủy" under a preview. */
export function previewActions(o: { testid: string; disabled: boolean; onConfirm: () => void; onCancel: () => void }) {
  return html`<div class="actions">
    <button type="button" class="primary" data-testid=${o.testid} ?disabled=${o.disabled} @click=${o.onConfirm}>
      ${t('upload.confirm')}
    </button>
    <button type="button" @click=${o.onCancel}>${t('upload.cancel')}</button>
  </div>`;
}

/** The zone to drop files on, with the file input for those who choose instead. */
export function dropZone(o: {
  testid: string;
  over: boolean;
  setOver: (over: boolean) => void;
  onFiles: (files: FileList | null | undefined) => void;
  dropText: string;
  chooseText: string;
  inputId: string;
  accept: string;
  multiple: boolean;
  disabled: boolean;
}) {
  return html`<div
    class="drop ${o.over ? 'over' : ''}"
    data-testid=${o.testid}
    @dragover=${(e: DragEvent) => (e.preventDefault(), o.setOver(true))}
    @dragleave=${() => o.setOver(false)}
    @drop=${(e: DragEvent) => {
      e.preventDefault();
      o.setOver(false);
      o.onFiles(e.dataTransfer?.files);
    }}
  >
    <p aria-hidden="true">${o.dropText}</p>
    <p aria-hidden="true">${t('upload.or')}</p>
    <label for=${o.inputId}>${o.chooseText}</label><br />
    <input
      id=${o.inputId}
      type="file"
      ?multiple=${o.multiple}
      accept=${o.accept}
      ?disabled=${o.disabled}
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        o.onFiles(input.files);
        input.value = '';
      }}
    />
  </div>`;
}
