import { LitElement, css, html, nothing } from 'lit';
import { confirmAction } from '../../ui/confirm-dialog.js';
import { api, messageOf } from '../../api/client.js';
import type { EntityView, One, RecordRow, RelationTypeMetadata } from '../../api/types.js';
import { renderValue } from '../../fields/field-display.js';
import { store } from '../../state/app-store.js';
import { states } from '../../ui/states.js';
import { sharedStyles } from '../../ui/styles.js';
import { activityStyles } from './activity-styles.js';
import type { RelationDialog, RelationRow } from './relation-dialog.js';
import './relation-dialog.js';

/** One type's page of relations, as `GET …/relations` groups them. */
interface RelationGroup {
  type: { key: string; label: string };
  relations: RelationRow[];
  page: { next: string | null };
}

const PAGE = 10;

/**
 * The record's relations grouped by type (the type's label as read from this record:
 * "employs", "is employed by"), each related record a link with its attributes; add, change
 * attributes, remove, and "Show more" for long groups.
 */
export class RelationsPanel extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
    groups: { state: true },
    types: { state: true },
    problem: { state: true },
    loadingMore: { state: true },
  };

  static override styles = [
    sharedStyles,
    activityStyles,
    css`
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
      h3 {
        font-size: 0.8125rem;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        color: var(--tr-muted);
        margin: 1rem 0 0.25rem;
      }
      .relation {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
      .relation .who {
        flex: 1;
        min-width: 0;
      }
      .attributes {
        margin: 0.125rem 0 0;
        font-size: 0.875rem;
      }
      button.small {
        min-height: 1.875rem;
        padding: 0.125rem 0.5rem;
        font-size: 0.875rem;
      }
    `,
  ];

  declare entity: EntityView;
  declare record: RecordRow;
  declare groups: RelationGroup[] | null;
  declare types: RelationTypeMetadata[];
  declare problem: string | null;
  declare loadingMore: string | null;

  private loadedFor = '';

  constructor() {
    super();
    this.groups = null;
    this.types = [];
    this.problem = null;
    this.loadingMore = null;
  }

  private get base(): string {
    return `/api/records/${this.entity.name}/${encodeURIComponent(this.record.id)}/relations`;
  }

  protected override willUpdate(): void {
    if (this.record.id === this.loadedFor) return;
    this.loadedFor = this.record.id;
    void this.load();
  }

  private async load(): Promise<void> {
    this.problem = null;
    try {
      const [groups, types] = await Promise.all([
        api.get<One<RelationGroup[]>>(this.base, { limit: PAGE }),
        api.get<One<RelationTypeMetadata[]>>('/api/meta/relation-types'),
      ]);
      this.groups = groups.data;
      this.types = types.data;
    } catch (error) {
      this.problem = messageOf(error);
    }
  }

  private async more(group: RelationGroup): Promise<void> {
    this.loadingMore = group.type.key;
    try {
      const page = await api.get<One<RelationGroup[]>>(this.base, { type: group.type.key, limit: PAGE, cursor: group.page.next });
      const next = page.data[0];
      if (next) {
        this.groups = (this.groups ?? []).map((item) =>
          item === group ? { ...item, relations: [...item.relations, ...next.relations], page: next.page } : item,
        );
      }
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.loadingMore = null;
    }
  }

  /** Types that may start from this record's entity (any entity when the list is empty). */
  private get applicable(): RelationTypeMetadata[] {
    return this.types.filter((type) => !type.subjectEntities.length || type.subjectEntities.includes(this.entity.name));
  }

  private get canChange(): boolean {
    return this.entity.access.update !== 'none';
  }

  private async removeRelation(group: RelationGroup, relation: RelationRow): Promise<void> {
    const done = await confirmAction({
      danger: true,
      heading: 'Remove this relation?',
      message: `The link "${group.type.label} ${relation.object.label}" is removed from both records. The records themselves stay.`,
      actionLabel: 'Remove relation',
      action: () => api.delete(`${this.base}/${relation.id}`),
    });
    if (done) void this.load();
  }

  private attributeLine(type: RelationTypeMetadata | undefined, relation: RelationRow) {
    const parts = (type?.fields ?? [])
      .map((field) => ({ field, shown: renderValue(field, relation.attributes[field.name], store.entities) }))
      .filter((part) => part.shown !== nothing);
    if (!parts.length) return nothing;
    return html`<p class="attributes muted">
      ${parts.map((part, index) => html`${index ? ' · ' : ''}${part.field.label}: ${part.shown}`)}
    </p>`;
  }

  private group(group: RelationGroup) {
    const type = this.types.find((item) => item.key === group.type.key);
    const subject = { entity: this.entity.name, id: this.record.id };
    return html`<section aria-labelledby="group-${group.type.key}">
      <h3 id="group-${group.type.key}">${group.type.label}</h3>
      <ul class="feed">
        ${group.relations.map(
          (relation) =>
            html`<li class="relation">
              <div class="who">
                <a href="/records/${relation.object.entity}/${relation.object.id}">${relation.object.label}</a>
                <span class="muted"> · ${store.entity(relation.object.entity)?.label ?? relation.object.entity}</span>
                ${this.attributeLine(type, relation)}
              </div>
              ${
                this.canChange && type?.fields.length
                  ? html`<button
                      type="button"
                      class="ghost small"
                      aria-label="Edit relation with ${relation.object.label}"
                      @click=${() => void this.renderRoot.querySelector<RelationDialog>('tr-record-relation-dialog')?.openEdit(subject, type, relation)}
                    >
                      Edit
                    </button>`
                  : nothing
              }
              ${
                this.canChange
                  ? html`<button
                      type="button"
                      class="ghost small"
                      aria-label="Remove relation with ${relation.object.label}"
                      @click=${() => void this.removeRelation(group, relation)}
                    >
                      Remove
                    </button>`
                  : nothing
              }
            </li>`,
        )}
      </ul>
      ${
        group.page.next
          ? html`<button type="button" class="more" ?disabled=${this.loadingMore === group.type.key} @click=${() => void this.more(group)}>
              ${this.loadingMore === group.type.key ? 'Loading…' : `Show more ${group.type.label}`}
            </button>`
          : nothing
      }
    </section>`;
  }

  override render() {
    const subject = { entity: this.entity.name, id: this.record.id };
    const applicable = this.applicable;
    const body = this.problem
      ? states.error(this.problem, () => void this.load())
      : !this.groups
        ? states.loading('Loading relations…')
        : this.groups.length
          ? this.groups.map((group) => this.group(group))
          : html`<p class="muted">No relations yet.</p>`;
    return html`<div class="head">
        <span class="muted">Links with other records, both ways</span>
        ${
          this.canChange && applicable.length
            ? html`<button
                type="button"
                class="primary small"
                @click=${() => void this.renderRoot.querySelector<RelationDialog>('tr-record-relation-dialog')?.openAdd(subject, applicable)}
              >
                Add relation
              </button>`
            : nothing
        }
      </div>
      ${body}
      <tr-record-relation-dialog @relations-changed=${() => void this.load()}></tr-record-relation-dialog>`;
  }
}

customElements.define('tr-record-relations', RelationsPanel);
