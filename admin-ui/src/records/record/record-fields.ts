import { LitElement, css, html } from 'lit';
import type { EntityView, FieldMetadata, RecordRow } from '../../api/types.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import { fieldGroups, isWritable } from './field-groups.js';
import './inline-field.js';

/**
 * A record's fields in titled groups (Details, Links, Notes, System), each editable in place
 * when the signed-in user may change it.
 */
export class RecordFields extends LitElement {
  static override properties = {
    entity: { attribute: false },
    record: { attribute: false },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 1rem;
        align-content: start;
      }
      section.card {
        padding: 0.875rem 1.25rem;
      }
      h2 {
        font-size: 0.9375rem;
        margin-bottom: 0.25rem;
      }
      .system {
        background: var(--tr-surface-sunken);
      }
    `,
  ];

  declare entity: EntityView;
  declare record: RecordRow;

  /** Whether this user may change this field of this record (the server has the last word on team scopes). */
  private editable(field: FieldMetadata): boolean {
    const scope = this.entity.access.update;
    if (scope === 'none' || !isWritable(this.entity, field)) return false;
    return scope !== 'own' || this.record.owner_id === store.user?.id;
  }

  override render() {
    return fieldGroups(this.entity).map(
      (group) =>
        html`<section class="card ${group.key === 'system' ? 'system' : ''}" aria-labelledby="group-${group.key}">
          <h2 id="group-${group.key}">${group.title}</h2>
          ${group.fields.map(
            (field) =>
              html`<tr-record-inline-field
                .entity=${this.entity}
                .record=${this.record}
                .field=${field}
                ?editable=${this.editable(field)}
              ></tr-record-inline-field>`,
          )}
        </section>`,
    );
  }
}

customElements.define('tr-record-fields', RecordFields);
