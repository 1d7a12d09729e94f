import { LitElement, css, html } from 'lit';
import type { EntityView, FieldMetadata } from '../../api/types.js';
import { sharedStyles } from '../../ui/styles.js';
import { emitChange, onNestedChange } from '../../ui/change-events.js';
import { ruleRowStyles } from './rule-controls.js';
import { operatorLabel, operatorsFor, type FieldRule, type RuleOperator } from './filter-model.js';
import './filter-value.js';

/** System fields worth filtering on; ids of records and users are not something people type. */
const SYSTEM_FILTERS = new Set(['created_at', 'updated_at']);

/** The fields of an entity offered in filters, in display order. */
export function filterFields(entity: EntityView): FieldMetadata[] {
  return entity.fields.filter((field) => !field.system || SYSTEM_FILTERS.has(field.name));
}

/** The value a new condition starts with, so a yes/no or a range is valid as soon as it shows. */
function initialValue(field: FieldMetadata, op: RuleOperator): unknown {
  if (op === 'in' || op === 'nin') return [];
  if (op === 'between') return ['', ''];
  return field.type === 'boolean' ? true : '';
}

/** A new condition on the entity's first filterable field. */
export function newFieldRule(entity: EntityView, fieldName?: string): FieldRule {
  const fields = filterFields(entity);
  const field = fields.find((candidate) => candidate.name === fieldName) ?? fields[0]!;
  const op = operatorsFor(field)[0]!;
  return { kind: 'field', field: field.name, op, value: initialValue(field, op) };
}

/**
 * One condition on a field: the field, an operator valid for its type, and a value input
 * suited to both. Each control is labelled "<label> field", "<label> operator", "<label> value".
 *
 * @fires rule-changed - `detail.rule` is the changed {@link FieldRule}.
 */
export class FilterRule extends LitElement {
  static override properties = {
    entity: { attribute: false },
    rule: { attribute: false },
    label: {},
  };

  static override styles = [
    sharedStyles,
    ruleRowStyles,
    css`
      .field-select {
        width: 12rem;
      }
      .op-select {
        width: 10rem;
      }
      tr-filter-value {
        flex: 1 1 12rem;
      }
    `,
  ];

  declare entity: EntityView;
  declare rule: FieldRule;
  declare label: string;

  constructor() {
    super();
    this.label = 'Condition';
  }

  private change(rule: FieldRule): void {
    this.rule = rule;
    emitChange(this, 'rule-changed', { rule });
  }

  private pickField(name: string): void {
    this.change(newFieldRule(this.entity, name));
  }

  private pickOperator(field: FieldMetadata, op: RuleOperator): void {
    const before = this.rule.op;
    // A value of the same shape carries over (`is` → `is not`); otherwise start afresh.
    const sameShape = (a: RuleOperator) => (a === 'in' || a === 'nin' ? 'list' : a === 'between' ? 'range' : 'one');
    const value = sameShape(before) === sameShape(op) ? this.rule.value : initialValue(field, op);
    this.change({ ...this.rule, op, value });
  }

  override render() {
    const fields = filterFields(this.entity);
    const field = fields.find((candidate) => candidate.name === this.rule.field);
    return html`
      <select
        class="field-select"
        aria-label="${this.label} field"
        @change=${(event: Event) => this.pickField((event.target as HTMLSelectElement).value)}
      >
        ${field ? '' : html`<option selected value="">${this.rule.field}</option>`}
        ${fields.map((candidate) => html`<option value=${candidate.name} ?selected=${candidate === field}>${candidate.label}</option>`)}
      </select>
      ${
        field
          ? html`<select
                class="op-select"
                aria-label="${this.label} operator"
                @change=${(event: Event) => this.pickOperator(field, (event.target as HTMLSelectElement).value as RuleOperator)}
              >
                ${operatorsFor(field).map((op) => html`<option value=${op} ?selected=${op === this.rule.op}>${operatorLabel(field, op)}</option>`)}
              </select>
              <tr-filter-value
                .field=${field}
                .op=${this.rule.op}
                .value=${this.rule.value}
                label="${this.label} value"
                @value-changed=${onNestedChange<{ value: unknown }>(({ value }) => this.change({ ...this.rule, value }))}
              ></tr-filter-value>`
          : html`<span class="field-error">This field no longer exists.</span>`
      }
    `;
  }
}

customElements.define('tr-filter-rule', FilterRule);

declare global {
  interface HTMLElementTagNameMap {
    'tr-filter-rule': FilterRule;
  }
}
