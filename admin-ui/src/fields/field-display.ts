import { html, nothing, type TemplateResult } from 'lit';
import type { EntityView, FieldMetadata, RecordRow, SelectOption } from '../api/types.js';
import { contributions } from '../plugins/plugin-ui.js';
import { store } from '../state/app-store.js';

/** The choices of a select field, plain strings read as `{value}`. */
export function choicesOf(field: FieldMetadata): SelectOption[] {
  return (field.options.choices ?? []).map((choice) => (typeof choice === 'string' ? { value: choice } : choice));
}

/** The label of a select value, or the value itself when the choice has none (or is gone). */
function choiceLabel(field: FieldMetadata, value: string): string {
  return choicesOf(field).find((choice) => choice.value === value)?.label ?? value;
}

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The field a record is named by in lists, links and pickers: `name`, else `title`, else the
 * first required text field, else the first text or e-mail field.
 */
export function titleField(entity: EntityView): FieldMetadata | undefined {
  const own = entity.fields.filter((field) => !field.system);
  return (
    own.find((field) => field.name === 'name' || field.name === 'title') ??
    own.find((field) => field.required && field.type === 'text') ??
    own.find((field) => field.type === 'text' || field.type === 'email')
  );
}

/** A short human name for a record: a person's first and last name, else its title field, else its id. */
export function recordTitle(entity: EntityView | undefined, record: RecordRow): string {
  const person = [record.first_name, record.last_name].filter((part) => typeof part === 'string' && part).join(' ');
  if (person) return person;
  const field = entity ? titleField(entity) : undefined;
  const value = field ? record[field.name] : undefined;
  return typeof value === 'string' && value.trim() ? value : record.id;
}

/**
 * A field's value as text and links, for lists and read-only views. `entities` resolves
 * lookup targets so an expanded lookup shows its record's title. Empty values render nothing.
 */
export function renderValue(
  field: FieldMetadata,
  value: unknown,
  entities: readonly EntityView[] = [],
): TemplateResult | string | typeof nothing {
  if (value === null || value === undefined || value === '') return nothing;
  const custom = customRenderer(field, value);
  if (custom) return html`${custom}`;
  switch (field.type) {
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? number.format(value) : plain(value);
    case 'percent':
      return typeof value === 'number' ? `${number.format(value)} %` : plain(value);
    case 'currency': {
      const money = value as { amount: number; currency: string };
      try {
        return new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currency }).format(money.amount);
      } catch {
        return `${number.format(money.amount)} ${money.currency}`;
      }
    }
    case 'date':
      return dateFormat.format(new Date(`${plain(value)}T00:00:00Z`));
    case 'datetime':
      return dateTimeFormat.format(new Date(plain(value)));
    case 'email':
      return html`<a href="mailto:${plain(value)}">${plain(value)}</a>`;
    case 'url':
      return html`<a href=${plain(value)} target="_blank" rel="noopener noreferrer">${plain(value)}</a>`;
    case 'phone': {
      const phone = value as { number: string; e164: string | null };
      return html`<a href="tel:${phone.e164 ?? phone.number}">${phone.number}</a>`;
    }
    case 'select':
      return choiceLabel(field, plain(value));
    case 'multi_select':
      return (value as string[]).map((item) => choiceLabel(field, item)).join(', ');
    case 'json':
      return JSON.stringify(value);
    case 'lookup': {
      const target = field.options.target ?? '';
      const record = typeof value === 'object' ? (value as RecordRow) : undefined;
      const id = record ? record.id : plain(value);
      const targetEntity = entities.find((entity) => entity.name === target);
      const label = record ? recordTitle(targetEntity, record) : id;
      return targetEntity ? html`<a href="/records/${target}/${id}">${label}</a>` : label;
    }
    default:
      return plain(value);
  }
}

/** A scalar as text, anything else as its JSON. */
function plain(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/**
 * The element an enabled plugin contributes (`fieldRenderers`) for a field of its own type
 * (`<plugin>.<type>`), given `value` and `field`; undefined when none is defined (yet).
 */
function customRenderer(field: FieldMetadata, value: unknown): HTMLElement | undefined {
  if (!field.type.includes('.')) return undefined;
  const renderer = contributions(store.plugins, 'fieldRenderers').find((entry) => entry.fieldType === field.type);
  if (!renderer || !customElements.get(renderer.element)) return undefined;
  const element = document.createElement(renderer.element) as HTMLElement & { value: unknown; field: FieldMetadata };
  element.value = value;
  element.field = field;
  return element;
}
