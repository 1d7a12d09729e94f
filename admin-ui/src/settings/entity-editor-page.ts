import { LitElement, css, html, nothing } from 'lit';
import { confirmAction } from '../ui/confirm-dialog.js';
import { api, ApiError, messageOf } from '../api/client.js';
import type { EntityView, One } from '../api/types.js';
import { navigate } from '../router.js';
import { store, StoreController } from '../state/app-store.js';
import { sharedStyles } from '../ui/styles.js';
import { states } from '../ui/states.js';
import { setTitle } from '../ui/title.js';
import './schema/entity-details-form.js';
import './schema/fields-table.js';

/**
 * Settings › Entities › one entity: its labels and description, its fields (add, edit, delete)
 * and deleting the whole entity. A plugin's entity is shown with what the API refuses to change.
 */
export class EntityEditorPage extends LitElement {
  static override properties = {
    params: { attribute: false },
    query: { attribute: false },
    entity: { state: true },
    error: { state: true },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .crumbs {
        font-size: 0.875rem;
        margin-bottom: 0.5rem;
      }
      .layout {
        display: grid;
        gap: 1.25rem;
      }
      .head-title {
        display: grid;
        gap: 0.25rem;
      }
      .badges {
        display: flex;
        gap: 0.375rem;
        flex-wrap: wrap;
      }
      code {
        color: var(--tr-muted);
      }
      .danger-zone {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      .danger-zone p {
        margin: 0;
        flex: 1;
        min-width: 16rem;
      }
    `,
  ];

  declare params: Record<string, string>;
  declare query: URLSearchParams;
  declare entity: EntityView | null;
  declare error: { message: string; notFound: boolean } | null;
  private loadedName = '';

  constructor() {
    super();
    new StoreController(this);
    this.params = {};
    this.query = new URLSearchParams();
    this.entity = null;
    this.error = null;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('params') && this.params.entity && this.params.entity !== this.loadedName) {
      this.loadedName = this.params.entity;
      this.entity = null;
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const name = this.loadedName;
    this.error = null;
    try {
      const entity = (await api.get<One<EntityView>>(`/api/meta/entities/${name}`)).data;
      if (name !== this.loadedName) return;
      this.entity = entity;
      setTitle(`${entity.label} · Entities`);
    } catch (error) {
      this.error = { message: messageOf(error), notFound: error instanceof ApiError && error.status === 404 };
      setTitle('Entities');
    }
  }

  private async reload(): Promise<void> {
    await this.load();
    await store.refreshEntities();
  }

  private askDelete(entity: EntityView): void {
    void confirmAction({
      danger: true,
      heading: `Delete the entity “${entity.label}”?`,
      message: html`Every ${entity.label} record is deleted, with its fields and its relations. This cannot be undone.`,
      expected: entity.name,
      typeToConfirm: true,
      actionLabel: 'Delete entity',
      action: async (confirm) => {
        await api.delete(`/api/meta/entities/${entity.name}`, { confirm });
        await store.refreshEntities();
        navigate('/settings/entities', { replace: true });
      },
    });
  }

  private renderEntity(entity: EntityView) {
    const fields = entity.fields.filter((field) => !field.system).length;
    return html`<header class="page-header">
        <div class="head-title">
          <h1>${entity.label}</h1>
          <div class="badges">
            <code>${entity.name}</code>
            <span class="badge">${fields} ${fields === 1 ? 'field' : 'fields'}</span>
            ${entity.plugin ? html`<span class="badge">Plugin: ${entity.plugin}</span>` : nothing}
            ${entity.dataSubject ? html`<span class="badge good">Data subject</span>` : nothing}
          </div>
        </div>
        <span class="spacer"></span>
        <a class="button" href="/records/${entity.name}">Open ${entity.pluralLabel}</a>
      </header>
      <div class="layout">
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <tr-entity-details-form .entity=${entity} @saved=${() => void this.load()}></tr-entity-details-form>
        </section>
        <tr-fields-table .entity=${entity} @changed=${() => void this.reload()}></tr-fields-table>
        <section class="card" aria-labelledby="delete-title">
          <h2 id="delete-title">Delete this entity</h2>
          <div class="danger-zone">
            ${
              entity.plugin
                ? html`<p class="muted">
                    Declared by plugin <strong>${entity.plugin}</strong>: it goes away when the plugin is uninstalled.
                  </p>`
                : html`<p class="muted">
                      Deletes the table with every record. Lookups and relation types that point to it must be removed first.
                    </p>
                    <button type="button" class="danger" @click=${() => this.askDelete(entity)}>Delete entity…</button>`
            }
          </div>
        </section>
      </div>`;
  }

  override render() {
    return html`<nav class="crumbs" aria-label="Breadcrumb"><a href="/settings/entities">Entities &amp; fields</a> /</nav>
      ${
        this.error
          ? this.error.notFound
            ? states.empty(
                `There is no entity named “${this.loadedName}”.`,
                html`<a class="button" href="/settings/entities">Back to entities</a>`,
              )
            : states.error(this.error.message, () => void this.load())
          : this.entity
            ? this.renderEntity(this.entity)
            : states.loading('Loading entity…', '24rem')
      }`;
  }
}

customElements.define('tr-entity-editor-page', EntityEditorPage);
