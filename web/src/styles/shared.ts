/**
 * Styles every view shares inside its shadow root: type, tables, buttons, form controls, focus
 * ring, states. Colours meet WCAG AA contrast on white (checked: text #1f2937, muted #4b5563,
 * good #166534, bad #991b1b, link/accent #1d4ed8).
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    color: var(--tk-text, #1f2937);
    font: inherit;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.4rem;
    margin: 0 0 0.25rem;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  p {
    margin: 0.25rem 0;
  }
  .muted {
    color: #4b5563;
  }
  .good {
    color: #166534;
  }
  .bad {
    color: #991b1b;
  }
  a {
    color: #1d4ed8;
  }
  :focus-visible {
    outline: 3px solid #2563eb;
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border: 1px solid #1d4ed8;
    border-radius: 6px;
    background: #fff;
    color: #1d4ed8;
    cursor: pointer;
    text-decoration: none;
    display: inline-block;
    min-height: 2.25rem;
  }
  button.primary {
    background: #1d4ed8;
    color: #fff;
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  label {
    font-weight: 600;
    font-size: 0.9rem;
  }
  input,
  select {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid #6b7280;
    border-radius: 6px;
    background: #fff;
    color: inherit;
    max-width: 100%;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
    /* The containing block of absolutely placed text in cells (visually hidden labels): without
       it they escape the scroll box and widen the page (the figures page at 375 px: 226 px). */
    position: relative;
  }
  /* The first column (the row's name) stays in view while a wide table scrolls sideways. */
  .table-wrap > table > * > tr > :first-child {
    position: sticky;
    left: 0;
    z-index: 1;
    background: #fff;
    box-shadow: inset -1px 0 0 #e5e7eb;
  }
  .table-wrap > table > thead > tr > :first-child {
    background: #f3f4f6;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid #e5e7eb;
    vertical-align: top;
  }
  th {
    background: #f3f4f6;
    font-weight: 600;
  }
  tbody th {
    background: none;
  }
  .filter {
    max-width: 24rem;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  /* A table whose rows become small cards on a phone; each td says its column (data-label). */
  @media (max-width: 600px) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stack tr {
      display: block;
      border-bottom: 1px solid #d1d5db;
      padding: 0.4rem 0;
    }
    table.stack th,
    table.stack td {
      display: block;
      border: 0;
      padding: 0.15rem 0.25rem;
      text-align: left;
    }
    table.stack td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 600;
      color: #4b5563;
    }
  }
  /* Printing on A4: tables shrink to the page's width instead of scrolling (a scrolled-off column
     would be cut), rows and charts are not split across pages, a table's header repeats. */
  @media print {
    .table-wrap {
      overflow: visible;
      max-width: none;
    }
    table {
      width: 100%;
      font-size: 8pt;
    }
    th,
    td {
      padding: 0.12rem 0.2rem;
      overflow-wrap: anywhere;
    }
    td.num {
      overflow-wrap: normal;
    }
    th.num {
      white-space: normal;
    }
    thead {
      display: table-header-group;
    }
    tr,
    tk-chart,
    .chart,
    figure {
      break-inside: avoid;
    }
  }
  .card {
    background: #fff;
    border: 1px solid #d1d5db;
    border-radius: 10px;
    padding: 1rem;
  }
  .grid {
    display: grid;
    gap: 1rem;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 260px), 1fr));
  }
  .state {
    padding: 1rem;
    border-radius: 8px;
    background: #f9fafb;
    border: 1px dashed #9ca3af;
  }
  .state.error {
    background: #fef2f2;
    border: 1px solid #991b1b;
    color: #991b1b;
  }
  .notice {
    padding: 0.75rem 1rem;
    border-radius: 8px;
    background: #ecfdf5;
    border: 1px solid #166534;
    color: #166534;
  }
  /* Tạm tính: a total whose months include an incomplete one (amber, AA on its background). */
  .provisional {
    padding: 0.6rem 0.9rem;
    border-radius: 8px;
    background: #fffbeb;
    border: 1px solid #92400e;
    color: #92400e;
    margin: 0.5rem 0;
  }
  .provisional-mark {
    color: #92400e;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  details > summary {
    cursor: pointer;
    color: #1d4ed8;
    margin: 0.5rem 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    min-width: 0;
  }
  /* A box to tick before storing what has warnings (upload, e-invoices, a correction). */
  .accept {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
  }
  .accept input {
    width: 1.25rem;
    height: 1.25rem;
    flex: none;
    margin-top: 0.15rem;
  }
`;
