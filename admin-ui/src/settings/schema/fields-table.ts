import { LitElement, css, html, nothing } from 'lit';
import { confirmAction } from '../../ui/confirm-dialog.js';
import { api } from '../../api/client.js';
import type { EntityView, FieldMetadata, FieldView } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import './field-dialog.js';
import type { FieldDialog } from './field-dialog.js';
import { fieldFlags, typeLabel } from './schema-text.js';

/**
 * The fields of an entity: its own fields (edit, delete) then the system fields every record
 * has, read-only. "Add field" opens the field dialog. Fires `changed` after any change so the
 * page reloads the entity.
 */
export class FieldsTable extends LitElement {
  static override properties = {
    entity: { attribute: false },
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
      tr.system td {
        color: var(--tr-muted);
      }
      code {
        font-size: 0.8125rem;
      }
      .flags {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      .actions {
        text-align: right;
        white-space: nowrap;
      }
      .actions button {
        min-height: 2rem;
        padding: 0.25rem 0.625rem;
      }
      .card-head {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.875rem 1rem;
      }
      .card-head h2 {
        margin: 0;
        flex: 1;
      }
    `,
  ];

  declare entity: EntityView;

  private fieldDialog(): FieldDialog | null {
    return this.renderRoot.querySelector<FieldDialog>('tr-field-dialog');
  }

  private changed(): void {
    this.dispatchEvent(new Event('changed'));
  }

  private askDelete(field: FieldMetadata): void {
    void confirmAction({
      danger: true,
      heading: `Delete the field “${field.label}”?`,
      message: html`Every value of <strong>${field.label}</strong> in every ${this.entity.label.toLowerCase()} record is deleted with it.
        This cannot be undone.`,
      expected: field.name,
      typeToConfirm: true,
      actionLabel: 'Delete field',
      action: async (confirm) => {
        await api.delete(`/api/meta/entities/${this.entity.name}/fields/${field.name}`, { confirm });
        this.changed();
      },
    });
  }

  private row(field: FieldView) {
    const owner = field.system ? 'System' : field.plugin;
    const locked = owner !== null;
    const why = field.system
      ? 'System fields are maintained by Trellis and cannot be changed.'
      : `Declared by plugin ${owner ?? ''}; only the plugin can change it.`;
    return html`<tr class=${field.system ? 'system' : ''}>
      <td>${field.label}</td>
      <td><code>${field.name}</code></td>
      <td>${typeLabel(field.type)}${field.type === 'lookup' && field.options.target ? html` → ${field.options.target}` : nothing}</td>
      <td><span class="flags">${fieldFlags(field).map((flag) => html`<span class="badge">${flag}</span>`)}</span></td>
      <td>${owner ? html`<span class="badge" title=${why}>${owner}</span>` : html`<span class="muted">Custom</span>`}</td>
      <td class="actions">
        ${
          locked
            ? html`<span class="muted" title=${why}>Read-only</span>`
            : html`<button
                  type="button"
                  class="ghost"
                  aria-label="Edit ${field.label}"
                  @click=${() => void this.fieldDialog()?.open(field)}
                >
                  Edit
                </button>
                <button type="button" class="ghost" aria-label="Delete ${field.label}" @click=${() => this.askDelete(field)}>
                  Delete
                </button>`
        }
      </td>
    </tr>`;
  }

  override render() {
    const own = this.entity.fields.filter((field) => !field.system);
    const system = this.entity.fields.filter((field) => field.system);
    return html`<section class="card" style="padding:0" aria-labelledby="fields-title">
        <div class="card-head">
          <h2 id="fields-title">Fields</h2>
          <button type="button" class="primary" @click=${() => void this.fieldDialog()?.open()}>Add field</button>
        </div>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Rules</th>
                <th scope="col">Owner</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${
                own.length
                  ? nothing
                  : html`<tr>
                      <td colspan="6" class="muted" style="text-align:center;padding:1.5rem">No fields yet: add the first one.</td>
                    </tr>`
              }
              ${own.map((field) => this.row(field))} ${system.map((field) => this.row(field))}
            </tbody>
          </table>
        </div>
      </section>
      <tr-field-dialog .entity=${this.entity} @saved=${() => this.changed()}></tr-field-dialog>`;
  }
}

customElements.define('tr-fields-table', FieldsTable);
