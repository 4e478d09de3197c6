/**
 * <tk-coverage-grid>: the figures view of a parent unit. Every unit of its subtree × the twelve
 * months of the year: submitted, missing (expected, not there) or not expected, with the
 * subtree's coverage under each month; every cell opens that unit's figures. Below it, who was
 * reminded (finance officers, on the 3rd) or told (unit heads, on the due day) about which month.
 *
 * @fires tk-navigate - when a cell is chosen (to that unit's figures)
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { api, type CoverageGrid, type ReminderEntry } from '../../api-client.ts';
import { I18nController, t } from '../../i18n/i18n.ts';
import { formatDateTime, formatMonthShort, formatPeriod } from '../../format.ts';
import { sharedStyles } from '../../styles/shared.ts';
import { renderTask } from '../../components/task-state/render-task.ts';
import { NavigateEvent } from '../../app-shell/events.ts';
import { isEmptyYear, noDataText, provisionalText } from '../../components/coverage-note/coverage-note.ts';

type Row = CoverageGrid['units'][number];
type Status = Row['months'][number];

const MARK: Record<Status | 'open', string> = { submitted: '✓', missing: '✗', not_expected: '–', open: '·' };

@customElement('tk-coverage-grid')
export class CoverageGridElement extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      table {
        font-variant-numeric: tabular-nums;
      }
      td.cell {
        text-align: center;
        padding: 0;
      }
      td.cell a {
        display: block;
        min-width: 2rem;
        min-height: 2rem;
        line-height: 2rem;
        text-decoration: none;
        font-weight: 700;
        border-radius: 4px;
      }
      td.cell a:hover,
      td.cell a:focus-visible {
        background: #eff6ff;
      }
      a.submitted {
        color: #166534;
      }
      a.missing {
        color: #991b1b;
        background: #fef2f2;
      }
      a.not_expected,
      a.open {
        color: #4b5563;
        font-weight: 400;
      }
      .bell {
        font-size: 0.7rem;
        vertical-align: super;
      }
      tbody th {
        white-space: nowrap;
        font-weight: 400;
      }
      tbody th.d0 {
        font-weight: 700;
      }
      tbody th.d2 {
        padding-left: 1.5rem;
      }
      tbody th.d3 {
        padding-left: 2.25rem;
      }
      tbody th.d1 {
        padding-left: 0.75rem;
      }
      tfoot td {
        text-align: center;
        font-size: 0.85rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        margin: 0.5rem 0;
      }
      .card + .card {
        margin-top: 1rem;
      }
      /* On A4 the name column and the twelve months share the page's width (fixed layout): unit
         names wrap, the marks lose their 2rem touch size, so T10–T12 are never cut off. */
      @media print {
        table[data-testid='coverage-grid'] {
          table-layout: fixed;
        }
        table[data-testid='coverage-grid'] thead th:first-child {
          width: 32%;
        }
        tbody th {
          white-space: normal;
        }
        tbody th .muted {
          white-space: nowrap;
        }
        td.cell a {
          min-width: 0;
          min-height: 0;
          line-height: 1.5;
        }
        tfoot td {
          font-size: inherit;
          padding-left: 0;
          padding-right: 0;
        }
      }
    `,
  ];

  @property() unit = '';
  @property({ type: Number }) year = 0;

  private readonly i18n = new I18nController(this);

  private readonly data = new Task(this, {
    task: async ([unit, year], { signal }) => {
      const [grid, reminders] = await Promise.all([
        api.coverage({ unit, year }, signal),
        // Who was reminded is shown to those who may read the unit; the grid stands without it.
        api.reminders({ unit, year }, signal).catch(() => [] as ReminderEntry[]),
      ]);
      return { grid, reminders };
    },
    args: () => [this.unit, this.year] as const,
  });

  override render() {
    return renderTask(this.data, ({ grid, reminders }) => this.renderGrid(grid, reminders));
  }

  private statusText(s: Status | 'open'): string {
    return t(
      s === 'submitted'
        ? 'grid.submitted'
        : s === 'missing'
          ? 'grid.missing'
          : s === 'open'
            ? 'grid.notEnded'
            : 'grid.notExpected',
    );
  }

  private open(code: string, own: boolean) {
    return (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      this.dispatchEvent(new NavigateEvent({ path: '/figures', params: { unit: code, own: own ? 1 : null } }));
    };
  }

  private renderGrid(g: CoverageGrid, reminders: ReminderEntry[]) {
    const reminded = new Map<string, ReminderEntry[]>();
    for (const r of reminders) {
      const k = `${r.unitCode}|${r.period}`;
      reminded.set(k, [...(reminded.get(k) ?? []), r]);
    }
    const note = provisionalText(g.months.filter((m) => m.ended));
    return html`<section class="card" aria-labelledby="grid-h">
        <h2 id="grid-h">${t('grid.heading', { year: g.year })}</h2>
        <p class="muted">${t('grid.hint')}</p>
        ${note ? html`<p class="provisional" role="note" data-testid="provisional">${note}</p>` : nothing}
        ${isEmptyYear(g.months) ? html`<p class="state" data-testid="no-data">${noDataText(g.year)}</p>` : nothing}
        <p class="legend muted" aria-hidden="true">
          <span><b class="good">${MARK.submitted}</b> ${t('grid.submitted')}</span>
          <span><b class="bad">${MARK.missing}</b> ${t('grid.missing')}</span>
          <span>${MARK.not_expected} ${t('grid.notExpected')}</span>
          <span>${MARK.open} ${t('grid.notEnded')}</span>
          <span><span class="bell">🔔</span> ${t('reminders.reminded')}</span>
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=${t('nav.figures')}>
          <table data-testid="coverage-grid">
            <thead>
              <tr>
                <th scope="col">${t('grid.unit')}</th>
                ${g.months.map((m) => html`<th scope="col" class="num" title=${formatPeriod(m.period)}>${formatMonthShort(m.period)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${g.units.map((u, ui) => this.renderRow(g, u, ui === 0, reminded))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">${t('grid.coverage')}</th>
                ${g.months.map(
                  (m) =>
                    html`<td data-period=${m.period} class=${m.ended && !m.complete ? 'bad' : 'muted'}>
                      ${m.expected || m.submitted ? `${m.submitted}/${m.expected}` : '–'}
                    </td>`,
                )}
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      ${this.renderReminders(g.year, reminders)}`;
  }

  private renderRow(g: CoverageGrid, u: Row, isRoot: boolean, reminded: Map<string, ReminderEntry[]>) {
    const href = (own: boolean) =>
      `/figures?${new URLSearchParams({ unit: u.code, year: String(g.year), ...(own ? { own: '1' } : {}) })}`;
    return html`<tr data-unit=${u.code}>
      <th scope="row" class="d${Math.min(u.depth, 3)}">${u.name} <span class="muted">(${u.code})</span></th>
      ${u.months.map((s, m) => {
        const month = g.months[m];
        const shown: Status | 'open' = s === 'missing' && !month.ended ? 'open' : s;
        const rs = reminded.get(`${u.code}|${month.period}`) ?? [];
        const label = t('grid.cell', {
          unit: u.name,
          period: formatPeriod(month.period),
          status: this.statusText(shown),
        });
        return html`<td class="cell">
          <a
            class=${shown}
            data-status=${shown}
            data-period=${month.period}
            href=${href(isRoot)}
            aria-label=${rs.length ? `${label}; ${t('reminders.reminded')}` : label}
            title=${label}
            @click=${this.open(u.code, isRoot)}
            >${MARK[shown]}${rs.length ? html`<span class="bell" aria-hidden="true">🔔</span>` : nothing}</a
          >
        </td>`;
      })}
    </tr>`;
  }

  private renderReminders(year: number, reminders: ReminderEntry[]) {
    return html`<section class="card" aria-labelledby="rem-h" data-testid="reminders">
      <h2 id="rem-h">${t('reminders.heading')}</h2>
      ${
        reminders.length === 0
          ? html`<p class="muted">${t('reminders.none', { year })}</p>`
          : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="rem-h">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('reminders.period')}</th>
                    <th scope="col">${t('grid.unit')}</th>
                    <th scope="col">${t('reminders.stage')}</th>
                    <th scope="col">${t('reminders.recipient')}</th>
                    <th scope="col">${t('reminders.when')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${reminders.map(
                    (r) =>
                      html`<tr data-unit=${r.unitCode} data-stage=${r.stage}>
                        <td>${formatPeriod(r.period)}</td>
                        <td>${r.unitName}</td>
                        <td>${t(`reminders.stage.${r.stage}`)}</td>
                        <td>
                          ${r.recipientName}${r.role ? html` <span class="muted">(${t(`recipients.role.${r.role}`)})</span>` : nothing}
                        </td>
                        <td>
                          ${r.sentAt ? formatDateTime(r.sentAt) : html`<span class="muted">${t(`reminders.status.${r.status}`)} · ${formatDateTime(r.queuedAt)}</span>`}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tk-coverage-grid': CoverageGridElement;
  }
}
