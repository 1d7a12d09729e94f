import { LitElement, css, html, nothing } from 'lit';
import { confirmAction } from '../ui/confirm-dialog.js';
import { api, messageOf } from '../api/client.js';
import type { One, RelationTypeMetadata } from '../api/types.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { states } from '../ui/states.js';
import { setTitle } from '../ui/title.js';
import { dataTable, listPageStyles, pageHeader } from '../ui/list-page.js';
import './schema/relation-type-dialog.js';
import type { RelationTypeDialog } from './schema/relation-type-dialog.js';

/** Labels that read as the passive side ("is employed by", "has contributor"); the other side leads. */
const PASSIVE = /^(is|has|are|was)\b/i;

/**
 * One row per type: the API lists every direction, so the two directions are paired, and the
 * one that reads actively ("employs") is shown first.
 */
export function pairTypes(types: RelationTypeMetadata[]): RelationTypeMetadata[] {
  const seen = new Set<string>();
  const pairs: RelationTypeMetadata[] = [];
  for (const type of types) {
    if (seen.has(type.key)) continue;
    seen.add(type.key);
    seen.add(type.symmetric.key);
    const other = types.find((candidate) => candidate.key === type.symmetric.key);
    const lead = other && PASSIVE.test(type.label) && !PASSIVE.test(other.label) ? other : type;
    pairs.push(lead);
  }
  return pairs;
}

/**
 * Settings › Relation types: each type as the pair of its directions, the entities on each side,
 * how many relations a record may have, its attributes, and whether a plugin declared it.
 * Create, change and delete through dialogs.
 */
export class RelationTypesPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    types: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      .pair {
        font-weight: 600;
      }
      .arrow {
        color: var(--tr-muted);
        font-weight: 400;
        margin: 0 0.25rem;
      }
      code {
        font-size: 0.8125rem;
        color: var(--tr-muted);
      }
      .actions button {
        min-height: 2rem;
        padding: 0.25rem 0.625rem;
      }
      .small {
        font-size: 0.875rem;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare types: RelationTypeMetadata[] | null;
  declare error: string | null;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.types = null;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Relation types');
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.types = (await api.get<One<RelationTypeMetadata[]>>('/api/meta/relation-types')).data;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private dialog(): RelationTypeDialog | null {
    return this.renderRoot.querySelector<RelationTypeDialog>('tr-relation-type-dialog');
  }

  private entities(names: string[]): string {
    if (!names.length) return 'Any entity';
    return names.map((name) => store.entity(name)?.pluralLabel ?? name).join(', ');
  }

  private askDelete(type: RelationTypeMetadata): void {
    const both = type.key === type.symmetric.key ? `“${type.label}”` : `“${type.label} ↔ ${type.symmetric.label}”`;
    void confirmAction({
      danger: true,
      heading: `Delete the relation type ${both}?`,
      message: 'Both directions go, with every relation of this type between records. This cannot be undone.',
      expected: type.key,
      typeToConfirm: false,
      actionLabel: 'Delete relation type',
      action: async (confirm) => {
        await api.delete(`/api/meta/relation-types/${type.key}`, { confirm });
        await this.load();
      },
    });
  }

  private row(type: RelationTypeMetadata) {
    const self = type.key === type.symmetric.key;
    const side = (names: string[]) => this.entities(names);
    const card = (value: string) => (value === 'one' ? 'one' : 'many');
    return html`<tr>
      <td>
        <div class="pair">
          ${type.label}${self ? html`<span class="arrow" title="Reads the same both ways">↔ same both ways</span>` : html`<span class="arrow" aria-label="and back:">↔</span>${type.symmetric.label}`}
        </div>
        <code>${type.key}${self ? '' : ` / ${type.symmetric.key}`}</code>
        ${type.system ? html` <span class="badge" title="Declared by a plugin: it cannot be changed or deleted here">System</span>` : nothing}
      </td>
      <td class="small">${side(type.subjectEntities)} <span class="arrow">→</span> ${side(type.objectEntities)}</td>
      <td class="small wide">Each subject: ${card(type.cardinality.subject)}<br />Each object: ${card(type.cardinality.object)}</td>
      <td class="small wide">
        ${type.fields.length ? type.fields.map((field) => field.label).join(', ') : html`<span class="muted">None</span>`}
      </td>
      <td class="actions">
        ${
          type.system
            ? html`<span class="muted" title="Declared by a plugin: it cannot be changed or deleted here">Read-only</span>`
            : html`<button type="button" class="ghost" aria-label="Edit ${type.label}" @click=${() => void this.dialog()?.open(type)}>
                  Edit
                </button>
                <button type="button" class="ghost" aria-label="Delete ${type.label}" @click=${() => this.askDelete(type)}>Delete</button>`
        }
      </td>
    </tr>`;
  }

  private renderList() {
    if (this.error) return states.error(this.error, () => void this.load());
    if (!this.types) return states.loading('Loading relation types…', '16rem');
    const pairs = pairTypes(this.types);
    if (!pairs.length)
      return states.empty(
        'No relation types yet. A relation type links records, such as “employs ↔ is employed by” between companies and contacts.',
        html`<button class="primary" @click=${() => void this.dialog()?.open()}>New relation type</button>`,
      );
    return dataTable(
      [
        { label: 'Relation' },
        { label: 'Entities' },
        { label: 'Relations per record', class: 'wide' },
        { label: 'Attributes', class: 'wide' },
        { label: 'Actions', hidden: true },
      ],
      pairs.map((type) => this.row(type)),
    );
  }

  override render() {
    return html`${pageHeader({
        title: 'Relation types',
        intro: 'The kinds of links between records, read in both directions.',
        action: html`<button class="primary" @click=${() => void this.dialog()?.open()}>New relation type</button>`,
      })}
      ${this.renderList()} <tr-relation-type-dialog @saved=${() => void this.load()}></tr-relation-type-dialog>`;
  }
}

customElements.define('tr-relation-types-page', RelationTypesPage);
