import { LitElement, css, html, nothing } from 'lit';
import { messageOf } from '../api/client.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { states } from '../ui/states.js';
import { setTitle } from '../ui/title.js';
import { dataTable, listPageStyles, pageHeader } from '../ui/list-page.js';
import './schema/new-entity-dialog.js';
import type { NewEntityDialog } from './schema/new-entity-dialog.js';

/**
 * Settings › Entities & fields: every entity with its number of fields, its owner (a plugin or
 * the administrators) and whether its records are people, linking to its editor and its
 * records; "New entity" creates one.
 */
export class EntitiesPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    loading: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    listPageStyles,
    css`
      td.name a {
        font-weight: 600;
        text-decoration: none;
      }
      td.name a:hover {
        text-decoration: underline;
      }
      code {
        color: var(--tr-muted);
        font-size: 0.8125rem;
      }
      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .desc {
        color: var(--tr-muted);
        font-size: 0.875rem;
        max-width: 18rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .badge {
        white-space: nowrap;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare loading: boolean;
  declare error: string | null;

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.loading = false;
    this.error = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    setTitle('Entities & fields');
    void this.load();
  }

  /** The store is loaded at sign-in; read it again so changes made elsewhere show. */
  private async load(): Promise<void> {
    this.loading = !store.entities.length;
    this.error = null;
    try {
      await store.refreshEntities();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  private openNew(): void {
    void this.renderRoot.querySelector<NewEntityDialog>('tr-new-entity-dialog')?.open();
  }

  private renderTable() {
    const entities = [...store.entities].sort((a, b) => a.label.localeCompare(b.label));
    if (!entities.length)
      return states.empty(
        'No entities yet. Entities are the kinds of records you keep: companies, contacts, projects.',
        html`<button class="primary" @click=${() => this.openNew()}>New entity</button>`,
      );
    return dataTable(
      [
        { label: 'Entity' },
        { label: 'Description', class: 'wide' },
        { label: 'Fields', class: 'num' },
        { label: 'Owner' },
        { label: 'People' },
        { label: 'Records', hidden: true },
      ],
      entities.map(
        (entity) =>
          html`<tr>
            <td class="name">
              <a href="/settings/entities/${entity.name}" aria-label="Edit ${entity.label}">${entity.label}</a>
              <div><code>${entity.name}</code></div>
            </td>
            <td class="wide"><div class="desc" title=${entity.description}>${entity.description}</div></td>
            <td class="num">${entity.fields.filter((field) => !field.system).length}</td>
            <td>
              ${entity.plugin ? html`<span class="badge" title="Declared by plugin ${entity.plugin}">Plugin: ${entity.plugin}</span>` : html`<span class="muted">Custom</span>`}
            </td>
            <td>${entity.dataSubject ? html`<span class="badge good">Data subject</span>` : nothing}</td>
            <td><a href="/records/${entity.name}">Open ${entity.pluralLabel}</a></td>
          </tr>`,
      ),
    );
  }

  override render() {
    return html`${pageHeader({
        title: 'Entities & fields',
        intro: 'The kinds of records Trellis keeps, and the fields each one has.',
        action: html`<button class="primary" @click=${() => this.openNew()}>New entity</button>`,
      })}
      ${this.error ? states.error(this.error, () => void this.load()) : this.loading ? states.loading('Loading entities…', '16rem') : this.renderTable()}
      <tr-new-entity-dialog></tr-new-entity-dialog>`;
  }
}

customElements.define('tr-entities-page', EntitiesPage);
