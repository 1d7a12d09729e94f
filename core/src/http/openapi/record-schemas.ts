import type { EntityMetadata, FieldMetadata, FieldType, SystemField } from '@trellis/sdk';
import { fieldType, type JsonSchema } from '../../entities/field-types/index.js';
import { fieldSchema } from '../../entities/validators.js';
import { recordSchemaName } from './names.js';
import { ref } from './shared.js';

/** System fields as every record carries them (core sets them; see records/codec.ts). */
const SYSTEM_READ: Record<SystemField, JsonSchema> = {
  id: { type: 'string', format: 'uuid', description: 'UUIDv7: sorts by creation time' },
  created_at: { type: 'string', format: 'date-time' },
  updated_at: { type: 'string', format: 'date-time' },
  created_by: { type: ['string', 'null'], description: 'Id of the user who created the record' },
  owner_id: { type: ['string', 'null'], description: 'Id of the user who owns the record' },
};

/** The system fields a client may write: `id` when creating (imports keep their ids), `owner_id` always. */
const ID_INPUT: JsonSchema = {
  type: 'string',
  format: 'uuid',
  description: 'Leave out to get a new UUIDv7; imports may keep their own ids',
};
const OWNER_INPUT: JsonSchema = { type: ['string', 'null'], description: 'Id of the owning user; defaults to the creator' };

/**
 * Read shapes of the types whose values come back unlike the way they are written; every
 * other type reads back exactly as its input schema describes.
 */
const READ_SHAPES: Partial<Record<FieldType, (field: FieldMetadata) => JsonSchema>> = {
  phone: () => ({
    type: 'object',
    properties: {
      number: { type: 'string', description: 'As written' },
      e164: { type: 'string', description: 'The E.164 form, which filters and sorts compare' },
    },
    required: ['number', 'e164'],
  }),
  // The input may leave the currency to the field's default; the stored value always has one.
  currency: (field) => ({ ...fieldType('currency').schema(field), required: ['amount', 'currency'] }),
  lookup: (field) => ({ anyOf: [fieldType('lookup').schema(field), ref(recordSchemaName(field.options.target as string))] }),
};

function orNull(schema: JsonSchema): JsonSchema {
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : [schema];
  return { anyOf: [...branches, { type: 'null' }] };
}

function readSchema(field: FieldMetadata): JsonSchema {
  const shape = (READ_SHAPES as Record<string, ((field: FieldMetadata) => JsonSchema) | undefined>)[field.type];
  if (!shape) return fieldSchema(field);
  // Deleting the record a lookup points to clears the lookup (ON DELETE SET NULL), required or not.
  return field.required && field.type !== 'lookup' ? shape(field) : orNull(shape(field));
}

function description(field: FieldMetadata, side: 'read' | 'write'): string | undefined {
  const notes: string[] = [];
  if (field.type === 'lookup') {
    const target = field.options.target as string;
    notes.push(`Lookup to ${target}: the id of a ${target} record.`);
    if (side === 'read') notes.push(`With expand=${field.name}, the ${target} record itself.`);
  }
  if (field.type === 'phone' && side === 'write') {
    const country = field.options.defaultCountry;
    notes.push(
      `A phone number as a string, or { "number": "…" }; ${country ? `numbers without a prefix are read as ${country}` : 'in international form (+ and the country code)'}.`,
    );
  }
  if (field.type === 'currency') notes.push('An amount with its ISO 4217 currency code.');
  if (field.unique) notes.push('Unique: no two records share a value.');
  return notes.length ? notes.join(' ') : undefined;
}

function documented(field: FieldMetadata, schema: JsonSchema, side: 'read' | 'write'): JsonSchema {
  const text = description(field, side);
  const withDefault = side === 'write' && field.default !== null ? { default: field.default } : {};
  return { ...schema, title: field.label, ...(text ? { description: text } : {}), ...withDefault };
}

function ownFields(entity: EntityMetadata): FieldMetadata[] {
  return entity.fields.filter((field) => !field.system);
}

/** A record as the API returns it: every system field, then every field of the entity. */
function recordSchema(entity: EntityMetadata): JsonSchema {
  const properties = Object.fromEntries(
    entity.fields.map((field) => [
      field.name,
      field.system ? SYSTEM_READ[field.name as SystemField] : documented(field, readSchema(field), 'read'),
    ]),
  );
  return {
    type: 'object',
    title: entity.label,
    description: `${entity.description ? `${entity.description} ` : ''}Fields left out by \`fields=\` are absent.`,
    properties,
    required: entity.fields.map((field) => field.name),
  };
}

/** A create or patch body: the entity's fields as codec.ts validates them, plus the writable system fields. */
function inputSchema(entity: EntityMetadata, mode: 'create' | 'patch'): JsonSchema {
  const fields = ownFields(entity);
  const properties = {
    ...Object.fromEntries(fields.map((field) => [field.name, documented(field, fieldSchema(field), 'write')])),
    ...(mode === 'create' ? { id: ID_INPUT } : {}),
    owner_id: OWNER_INPUT,
  };
  // Mirrors compileValidators: a required field with a default may be left out.
  const required = mode === 'create' ? fields.filter((field) => field.required && field.default === null).map((field) => field.name) : [];
  return {
    type: 'object',
    description: mode === 'create' ? `A new ${entity.label} record.` : `Changes to a ${entity.label} record: only the fields sent change.`,
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** The record, create-body and patch-body schemas of an entity, keyed by component name. */
export function recordSchemas(entity: EntityMetadata): Record<string, JsonSchema> {
  const name = recordSchemaName(entity.name);
  return {
    [name]: recordSchema(entity),
    [`${name}Input`]: inputSchema(entity, 'create'),
    [`${name}Patch`]: inputSchema(entity, 'patch'),
  };
}
