import { css, html, nothing, type TemplateResult } from 'lit';

/**
 * What the settings and account list pages share, added after `sharedStyles`: the page as a
 * block, a table in a card that scrolls sideways when narrow, row buttons on the right, and
 * `.wide` columns that give way below 900 px.
 */
export const listPageStyles = css`
  :host {
    display: block;
  }
  .table-wrap {
    overflow-x: auto;
    padding: 0;
  }
  td.actions {
    text-align: right;
    white-space: nowrap;
  }
  .page-intro {
    margin: 0.25rem 0 0;
  }
  @media (max-width: 900px) {
    .wide {
      display: none;
    }
  }
`;

/** What a page's header shows: its title, an optional line under it, and the page's main button. */
export interface PageHeading {
  title: string;
  intro?: string;
  action?: unknown;
}

/** The header of a list page: the title (and intro) on the left, the main action on the right. */
export function pageHeader({ title, intro, action }: PageHeading): TemplateResult {
  return html`<header class="page-header">
    <div>
      <h1>${title}</h1>
      ${intro ? html`<p class="muted page-intro">${intro}</p>` : nothing}
    </div>
    <span class="spacer"></span>
    ${action ?? nothing}
  </header>`;
}

/** A column of a {@link dataTable}: `hidden` keeps the label for screen readers only (an actions column). */
export interface Column {
  label: string;
  class?: string;
  hidden?: boolean;
}

/** A table in a card: a caption for screen readers (when given), the column headers, then `rows`. */
export function dataTable(columns: Column[], rows: unknown, caption?: string): TemplateResult {
  return html`<div class="card table-wrap">
    <table>
      ${
        caption
          ? html`<caption class="visually-hidden">
              ${caption}
            </caption>`
          : nothing
      }
      <thead>
        <tr>
          ${columns.map(
            (column) =>
              html`<th scope="col" class=${column.class ?? nothing}>
                ${column.hidden ? html`<span class="visually-hidden">${column.label}</span>` : column.label}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}
