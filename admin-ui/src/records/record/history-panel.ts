import { LitElement, css, html, nothing } from 'lit';
import type { EntityView, FieldMetadata, RecordRow } from '../../api/types.js';
import { renderValue } from '../../fields/field-display.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import { activityStyles } from './activity-styles.js';
import { PagedFeed, feedTime } from './paged-feed.js';

/** An audit log entry about the record. */
interface AuditEntry {
  id: string;
  occurredAt: string;
  action: string;
  actor: { userId?: string | null; email?: string | null; via?: string; plugin?: string | null } | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
  details: Record<string, unknown> | null;
}

/** What an action reads as in a sentence. */
const VERBS: Record<string, string> = {
  'record.created': 'created this record',
  'record.updated': 'changed',
  'record.deleted': 'deleted this record',
  'relation.added': 'added a relation',
  'relation.removed': 'removed a relation',
  'relation.updated': 'changed a relation',
};

/** The record's audit history, newest first: who changed which fields, from what to what. */
export class HistoryPanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    activityStyles,
    css`
      .changes {
        margin: 0.375rem 0 0;
        display: grid;
        grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr);
        gap: 0.25rem 0.75rem;
        font-size: 0.875rem;
      }
      .changes dt {
        color: var(--tr-muted);
      }
      .changes dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      del {
        color: var(--tr-muted);
      }
      ins {
        text-decoration: none;
        font-weight: 550;
      }
    `,
  ];

  declare entity: EntityView;
  declare record: RecordRow;

  private readonly feed = new PagedFeed<AuditEntry>(
    this,
    () => `/api/records/${this.entity.name}/${encodeURIComponent(this.record.id)}/history`,
    25,
  );
  private loadedAt: unknown = undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // An edit on the page changes updated_at: the history then has a new entry to show.
    const stamp = `${this.record.id}@${String(this.record.updated_at)}`;
    if (changed.has('record') && stamp !== this.loadedAt) {
      this.loadedAt = stamp;
      void this.feed.load(null);
    }
  }

  private fieldOf(name: string): FieldMetadata {
    return (
      this.entity.fields.find((field) => field.name === name) ?? {
        name,
        type: 'text',
        label: name,
        required: false,
        unique: false,
        indexed: false,
        default: null,
        options: {},
        system: false,
        position: 0,
        sensitive: false,
        personal: false,
      }
    );
  }

  private value(field: FieldMetadata, value: unknown) {
    const shown = value === '[redacted]' ? 'hidden' : renderValue(field, value, store.entities);
    return shown === nothing ? html`<span class="muted">empty</span>` : shown;
  }

  private changes(entry: AuditEntry) {
    if (!entry.changes || entry.action === 'record.created' || entry.action === 'record.deleted') return nothing;
    const names = Object.keys(entry.changes).filter((name) => name !== 'updated_at');
    if (!names.length) return nothing;
    return html`<dl class="changes">
      ${names.map((name) => {
        const field = this.fieldOf(name);
        const change = entry.changes![name]!;
        return html`<dt>${field.label}</dt>
          <dd><del>${this.value(field, change.before)}</del> → <ins>${this.value(field, change.after)}</ins></dd>`;
      })}
    </dl>`;
  }

  private who(entry: AuditEntry): string {
    const actor = entry.actor;
    if (!actor) return 'Trellis';
    if (actor.userId && actor.userId === store.user?.id) return 'You';
    return actor.email ?? (actor.plugin ? `Plugin ${actor.plugin}` : actor.via === 'system' ? 'Trellis' : 'Someone');
  }

  override render() {
    return this.feed.render(
      { label: 'History', loading: 'Loading the history…', empty: 'No changes recorded yet.' },
      (entry) =>
        html`<div class="entry-head">
            <strong>${this.who(entry)}</strong>
            <span>${VERBS[entry.action] ?? entry.action}</span>
          </div>
          ${this.changes(entry)}
          <p class="muted when"><time datetime=${entry.occurredAt}>${feedTime.format(new Date(entry.occurredAt))}</time></p>`,
    );
  }
}

customElements.define('tr-record-history', HistoryPanel);
