import { LitElement, css, html, nothing } from 'lit';
import { sharedStyles } from '../../ui/styles.js';
import { when } from '../people/people-api.js';

/** An entry of the audit log as `GET /api/audit` answers. */
export interface AuditEntry {
  id: string;
  occurredAt: string;
  action: string;
  entity: string | null;
  recordId: string | null;
  actor: { userId: string | null; email: string | null; via: string; plugin: string | null };
  requestId: string | null;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
  details: Record<string, unknown> | null;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'empty';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One audit entry: a summary line that expands to its changes (before → after) and details. */
export class AuditEntryView extends LitElement {
  static override properties = { entry: { attribute: false } };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        border-bottom: 1px solid var(--tr-border);
      }
      summary {
        cursor: pointer;
        display: grid;
        grid-template-columns: 11rem 13rem 1fr;
        gap: 0.75rem;
        padding: 0.5rem 0.75rem;
        align-items: baseline;
      }
      @media (max-width: 800px) {
        summary {
          grid-template-columns: 1fr;
          gap: 0.125rem;
        }
      }
      code {
        font-size: 0.8125rem;
      }
      .body {
        padding: 0 0.75rem 0.75rem 2rem;
        display: grid;
        gap: 0.5rem;
      }
      table {
        font-size: 0.875rem;
      }
      pre {
        margin: 0;
        white-space: pre-wrap;
        word-break: break-word;
        font-size: 0.8125rem;
        background: var(--tr-surface-sunken);
        padding: 0.5rem;
        border-radius: var(--tr-radius);
      }
    `,
  ];

  declare entry: AuditEntry;

  private changes() {
    const changes = Object.entries(this.entry.changes ?? {});
    if (!changes.length) return nothing;
    return html`<table>
      <caption class="visually-hidden">
        Changes
      </caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        ${changes.map(
          ([field, change]) =>
            html`<tr>
              <th scope="row">${field}</th>
              <td>${show(change.before)}</td>
              <td>${show(change.after)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    const { entry } = this;
    const who = entry.actor.email ?? (entry.actor.plugin ? `plugin ${entry.actor.plugin}` : entry.actor.via);
    const details = entry.details && Object.keys(entry.details).length ? entry.details : null;
    return html`<details>
      <summary>
        <span class="muted">${when(entry.occurredAt)}</span>
        <code>${entry.action}</code>
        <span>
          ${who} <span class="muted">via ${entry.actor.via}</span>
          ${entry.entity ? html` · ${entry.entity}${entry.recordId ? html` <code>${entry.recordId}</code>` : nothing}` : nothing}
        </span>
      </summary>
      <div class="body">
        ${this.changes()} ${details ? html`<pre aria-label="Details">${JSON.stringify(details, null, 2)}</pre>` : nothing}
        ${!entry.changes && !details ? html`<span class="muted">No further details.</span>` : nothing}
        ${entry.requestId ? html`<span class="hint">Request ${entry.requestId}</span>` : nothing}
      </div>
    </details>`;
  }
}

customElements.define('tr-audit-entry', AuditEntryView);
