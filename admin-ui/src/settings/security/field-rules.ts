import { LitElement, css, html } from 'lit';
import type { EntityView } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import '../people/check-list.js';
import type { CheckList } from '../people/check-list.js';

/** The two field lists of one entity in a role. */
export interface FieldRulesValue {
  hiddenFields: string[];
  readOnlyFields: string[];
}

/**
 * A role's field rules for one entity: which fields its holders never see (hidden) and which
 * they see but may not change (read-only). The id can be neither.
 *
 * @fires change - with `detail` the new {@link FieldRulesValue}.
 */
export class FieldRules extends LitElement {
  static override properties = {
    entity: { attribute: false },
    value: { attribute: false },
    hiddenError: {},
    readOnlyError: {},
    disabled: { type: Boolean },
  };

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.75rem;
      }
      @media (max-width: 760px) {
        :host {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  declare entity: EntityView;
  declare value: FieldRulesValue;
  declare hiddenError: string;
  declare readOnlyError: string;
  declare disabled: boolean;

  constructor() {
    super();
    this.value = { hiddenFields: [], readOnlyFields: [] };
    this.hiddenError = '';
    this.readOnlyError = '';
    this.disabled = false;
  }

  private changed(key: keyof FieldRulesValue, event: Event): void {
    event.stopPropagation();
    const next = { ...this.value, [key]: [...(event.target as CheckList).value] };
    this.dispatchEvent(new CustomEvent<FieldRulesValue>('change', { detail: next }));
  }

  override render() {
    const choices = this.entity.fields
      .filter((field) => field.name !== 'id')
      .map((field) => ({ value: field.name, label: field.label, hint: field.system ? '(system)' : '' }));
    return html`
      <tr-check-list
        label=${`${this.entity.label}: hidden fields`}
        .choices=${choices}
        .value=${this.value.hiddenFields}
        .error=${this.hiddenError}
        ?disabled=${this.disabled}
        @change=${(event: Event) => this.changed('hiddenFields', event)}
      ></tr-check-list>
      <tr-check-list
        label=${`${this.entity.label}: read-only fields`}
        .choices=${choices}
        .value=${this.value.readOnlyFields}
        .error=${this.readOnlyError}
        ?disabled=${this.disabled}
        @change=${(event: Event) => this.changed('readOnlyFields', event)}
      ></tr-check-list>
    `;
  }
}

customElements.define('tr-field-rules', FieldRules);
