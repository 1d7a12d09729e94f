import { LitElement, css, html, nothing } from 'lit';
import { messageOf } from '../api/client.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { states } from '../ui/states.js';
import { setTitle } from '../ui/title.js';
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
    css`
      :host {
        display: block;
      }
      .table-wrap {
        overflow-x: auto;
      }
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
        max-width: 28rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .badge {
        white-space: nowrap;
      }
      @media (max-width: 900px) {
        .wide {
          display: none;
        }
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
    return html`<div class="card table-wrap" style="padding:0">
      <table>
        <thead>
          <tr>
            <th scope="col">Entity</th>
            <th scope="col" class="wide">Description</th>
            <th scope="col" class="num">Fields</th>
            <th scope="col">Owner</th>
            <th scope="col">People</th>
            <th scope="col"><span class="visually-hidden">Records</span></th>
          </tr>
        </thead>
        <tbody>
          ${entities.map(
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
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    return html`<header class="page-header">
        <div>
          <h1>Entities &amp; fields</h1>
          <p class="muted" style="margin:0.25rem 0 0">The kinds of records Trellis keeps, and the fields each one has.</p>
        </div>
        <span class="spacer"></span>
        <button class="primary" @click=${() => this.openNew()}>New entity</button>
      </header>
      ${this.error ? states.error(this.error, () => void this.load()) : this.loading ? states.loading('Loading entities…', '16rem') : this.renderTable()}
      <tr-new-entity-dialog></tr-new-entity-dialog>`;
  }
}

customElements.define('tr-entities-page', EntitiesPage);
