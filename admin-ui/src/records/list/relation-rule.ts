import { LitElement, css, html, nothing } from 'lit';
import type { EntityView, RelationTypeMetadata } from '../../api/types.js';
import { store } from '../../state/app-store.js';
import { sharedStyles } from '../../ui/styles.js';
import { emitChange, onNestedChange } from '../../ui/change-events.js';
import { ruleRowStyles } from './rule-controls.js';
import type { FieldRule, RelationRule } from './filter-model.js';
import { newFieldRule } from './filter-rule.js';
import './filter-rule.js';
import './record-picker.js';

/** Which related records count: any, one given record, or those matching a condition. */
type Target = 'any' | 'to' | 'where';

/** The entities a relation type may point to from this side; an empty list means any entity. */
export function objectEntities(type: RelationTypeMetadata | undefined): EntityView[] {
  if (!type) return [];
  const entities = store.visibleEntities;
  return type.objectEntities.length ? entities.filter((entity) => type.objectEntities.includes(entity.name)) : entities;
}

/**
 * A `$relation` condition: "has" or "has no" relation of a type, to any record, to one chosen
 * record, or to records matching a condition on their own fields.
 *
 * @fires rule-changed - `detail.rule` is the changed {@link RelationRule}.
 */
export class RelationRuleElement extends LitElement {
  static override properties = {
    rule: { attribute: false },
    types: { attribute: false },
    label: {},
  };

  static override styles = [
    sharedStyles,
    ruleRowStyles,
    css`
      select {
        width: auto;
        max-width: 14rem;
      }
      .nested {
        flex-basis: 100%;
        padding-left: 1.5rem;
      }
    `,
  ];

  declare rule: RelationRule;
  declare types: RelationTypeMetadata[];
  declare label: string;

  constructor() {
    super();
    this.types = [];
    this.label = 'Condition';
  }

  private change(rule: RelationRule): void {
    this.rule = rule;
    emitChange(this, 'rule-changed', { rule });
  }

  private get type(): RelationTypeMetadata | undefined {
    return this.types.find((type) => type.key === this.rule.type);
  }

  private get target(): Target {
    return this.rule.to ? 'to' : this.rule.where ? 'where' : 'any';
  }

  /** The entity of the chosen record or condition; the first the type allows by default. */
  private targetEntity(): EntityView | undefined {
    const allowed = objectEntities(this.type);
    const name = this.rule.to?.entity ?? this.rule.where?.entity;
    return allowed.find((entity) => entity.name === name) ?? allowed[0];
  }

  private pickTarget(target: Target, entity = this.targetEntity()): void {
    const { to: _to, where: _where, ...rest } = this.rule;
    if (target === 'any' || !entity) return this.change(rest);
    if (target === 'to') return this.change({ ...rest, to: { entity: entity.name, id: '' } });
    this.change({ ...rest, where: { entity: entity.name, rule: newFieldRule(entity) } });
  }

  private nested() {
    const target = this.target;
    if (target === 'any') return nothing;
    const allowed = objectEntities(this.type);
    const entity = this.targetEntity();
    const entityPicker =
      allowed.length > 1
        ? html`<select
            aria-label="${this.label} related entity"
            @change=${(event: Event) =>
              this.pickTarget(
                target,
                allowed.find((candidate) => candidate.name === (event.target as HTMLSelectElement).value),
              )}
          >
            ${allowed.map((candidate) => html`<option value=${candidate.name} ?selected=${candidate === entity}>${candidate.label}</option>`)}
          </select>`
        : nothing;
    if (!entity) return nothing;
    if (target === 'to') {
      return html`<div class="nested">
        ${entityPicker}
        <tr-record-picker
          .entity=${entity}
          .value=${this.rule.to?.id || null}
          label="${this.label} related record"
          @value-changed=${onNestedChange<{ value: string | null }>(({ value }) =>
            this.change({ ...this.rule, to: { entity: entity.name, id: value ?? '' } }),
          )}
        ></tr-record-picker>
      </div>`;
    }
    return html`<div class="nested">
      ${entityPicker}
      <tr-filter-rule
        .entity=${entity}
        .rule=${this.rule.where!.rule}
        label="${this.label} related"
        @rule-changed=${onNestedChange<{ rule: FieldRule }>(({ rule }) => this.change({ ...this.rule, where: { entity: entity.name, rule } }))}
      ></tr-filter-rule>
    </div>`;
  }

  override render() {
    return html`
      <select
        aria-label="${this.label} has or has not"
        @change=${(event: Event) => this.change({ ...this.rule, exists: (event.target as HTMLSelectElement).value === 'has' })}
      >
        <option value="has" ?selected=${this.rule.exists}>has a relation</option>
        <option value="none" ?selected=${!this.rule.exists}>has no relation</option>
      </select>
      <select
        aria-label="${this.label} relation type"
        @change=${(event: Event) => this.change({ kind: 'relation', exists: this.rule.exists, type: (event.target as HTMLSelectElement).value })}
      >
        ${this.type ? '' : html`<option selected value=${this.rule.type}>${this.rule.type}</option>`}
        ${this.types.map((type) => html`<option value=${type.key} ?selected=${type.key === this.rule.type}>${type.label}</option>`)}
      </select>
      <select
        aria-label="${this.label} related to"
        @change=${(event: Event) => this.pickTarget((event.target as HTMLSelectElement).value as Target)}
      >
        <option value="any" ?selected=${this.target === 'any'}>any record</option>
        <option value="to" ?selected=${this.target === 'to'}>a given record</option>
        <option value="where" ?selected=${this.target === 'where'}>a record where…</option>
      </select>
      ${this.nested()}
    `;
  }
}

customElements.define('tr-relation-rule', RelationRuleElement);

declare global {
  interface HTMLElementTagNameMap {
    'tr-relation-rule': RelationRuleElement;
  }
}
