import type { FieldOptions } from '@trellis/sdk';
import type { FieldMetadata, SelectOption } from '../../api/types.js';
import { messageOf } from '../../api/client.js';
import { draftOf, parseDraft, takesDefault, type DefaultDraft } from './field-default.js';
import { ALWAYS_INDEXED_TYPES, NUMERIC_TYPES } from './schema-text.js';

/** A field definition (create) or field change (edit), as the API takes it. */
export type FieldBody = Record<string, unknown>;

/** The form's inputs, as text where the input is text. */
export interface FieldDraft {
  label: string;
  name: string;
  nameEdited: boolean;
  type: string;
  required: boolean;
  unique: boolean;
  indexed: boolean;
  personal: boolean;
  sensitive: boolean;
  maxLength: string;
  min: string;
  max: string;
  defaultCurrency: string;
  defaultCountry: string;
  target: string;
  defaultDraft: DefaultDraft;
}

export function emptyDraft(): FieldDraft {
  return {
    label: '',
    name: '',
    nameEdited: false,
    type: 'text',
    required: false,
    unique: false,
    indexed: false,
    personal: false,
    sensitive: false,
    maxLength: '',
    min: '',
    max: '',
    defaultCurrency: '',
    defaultCountry: '',
    target: '',
    defaultDraft: '',
  };
}

export function draftFromField(field: FieldMetadata): FieldDraft {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  return {
    label: field.label,
    name: field.name,
    nameEdited: true,
    type: field.type,
    required: field.required,
    unique: field.unique,
    indexed: field.indexed,
    personal: field.personal ?? false,
    sensitive: field.sensitive ?? false,
    maxLength: text(field.options.maxLength),
    min: text(field.options.min),
    max: text(field.options.max),
    defaultCurrency: text(field.options.defaultCurrency),
    defaultCountry: text(field.options.defaultCountry),
    target: text(field.options.target),
    defaultDraft: draftOf(field.type, field.default),
  };
}

/**
 * The API body for a draft: a whole definition when adding, the changed properties when editing
 * `field`. Throws an Error whose message starts with `default:` when the default cannot be read.
 */
export function bodyOf(d: FieldDraft, field: FieldMetadata | undefined, forRelation: boolean, choices: SelectOption[]): FieldBody {
  const options: FieldOptions = {};
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  if (d.type === 'text' && number(d.maxLength) !== undefined) options.maxLength = number(d.maxLength);
  if (NUMERIC_TYPES.has(d.type)) {
    if (number(d.min) !== undefined) options.min = number(d.min);
    if (number(d.max) !== undefined) options.max = number(d.max);
  }
  if (d.type === 'currency' && d.defaultCurrency.trim()) options.defaultCurrency = d.defaultCurrency.trim().toUpperCase();
  if (d.type === 'phone' && d.defaultCountry.trim()) options.defaultCountry = d.defaultCountry.trim().toUpperCase();
  if (d.type === 'lookup') options.target = d.target;
  if (d.type === 'select' || d.type === 'multi_select') options.choices = choices;
  let defaultValue: unknown;
  try {
    defaultValue = takesDefault(d.type) && !d.unique ? parseDraft(d.type, d.defaultDraft, d.defaultCurrency) : null;
  } catch (error) {
    throw new Error(`default: ${messageOf(error)}`, { cause: error });
  }
  const body: FieldBody = { label: d.label.trim() || undefined, required: d.required, options };
  if (field) {
    body.default = defaultValue;
    if (!forRelation) {
      if (d.unique !== field.unique) body.unique = d.unique;
      if (d.indexed !== field.indexed && !ALWAYS_INDEXED_TYPES.has(d.type)) body.indexed = d.indexed;
      if (d.personal !== field.personal) body.personal = d.personal;
      if (d.sensitive !== field.sensitive) body.sensitive = d.sensitive;
    }
    return body;
  }
  body.name = d.name.trim();
  body.type = d.type;
  if (defaultValue !== null) body.default = defaultValue;
  if (!forRelation) {
    if (d.unique) body.unique = true;
    if (d.indexed && !ALWAYS_INDEXED_TYPES.has(d.type)) body.indexed = true;
    if (d.personal) body.personal = true;
    if (d.sensitive) body.sensitive = true;
  }
  return body;
}
