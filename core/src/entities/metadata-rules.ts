import type { FieldMetadata } from '@trellis/sdk';
import { ConflictError, ValidationError } from '../errors.js';
import { SYSTEM_FIELD_METADATA } from './entity-runtime.js';
import { fieldType } from './field-types/index.js';
import type { MetadataWriteOptions } from './metadata-change.js';

/** Refuses to let anyone but the owning plugin drop or restructure what the plugin declared. */
export function assertNotOwned(owner: string | null, options: MetadataWriteOptions, what: string, change: string): void {
  if (owner === null || owner === options.plugin) return;
  throw new ConflictError(
    'TRELLIS_PLUGIN_OWNED',
    `${what} belongs to plugin "${owner}" and cannot be ${change} through the API; uninstall the plugin to remove it`,
  );
}

/** English plural of a label, for when none is given: Company → Companies, Address → Addresses. */
export function pluralise(label: string): string {
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  return `${label}s`;
}

/** Names and types are part of the table's shape; PATCH cannot change them. */
export function refuseRenames(body: unknown, keys: string[], what: string, instead: string): void {
  if (typeof body !== 'object' || body === null) return;
  const problems = keys
    .filter((key) => key in body)
    .map((key) => ({ path: key, message: `the ${key} of ${what} cannot be changed; ${instead}` }));
  if (problems.length) throw new ValidationError(problems);
}

/** Dropping data needs its name repeated in `?confirm=`. */
export function requireConfirmation(confirm: unknown, name: string, what: string): void {
  if (confirm !== name) {
    throw ValidationError.at('confirm', `dropping ${what} deletes its data: repeat its name to confirm (?confirm=${name})`);
  }
}

/** Refuses fields whose columns would clash (a field named `price_currency` beside a currency `price`). */
export function assertDistinctColumns(fields: FieldMetadata[], path: string): void {
  const owners = new Map<string, string>(SYSTEM_FIELD_METADATA.map((f) => [f.name, f.name]));
  fields.forEach((field, index) => {
    for (const column of fieldType(field.type).columns(field)) {
      const owner = owners.get(column.name);
      if (owner !== undefined) {
        const where = path ? `${path}[${index}].name` : 'name';
        throw ValidationError.at(
          where,
          owner === field.name ? `"${field.name}" is declared twice` : `column "${column.name}" is already used by field "${owner}"`,
        );
      }
      owners.set(column.name, field.name);
    }
  });
}

/** A unique index (single-field or composite) that cannot be built because rows already share a value. */
export function translateDdlError(error: unknown): unknown {
  const text = String((error as Error)?.message ?? '');
  if (/UNIQUE constraint failed|could not create unique index/i.test(text)) {
    return new ConflictError('TRELLIS_DUPLICATE_VALUES', 'Existing records share a value of this field, so it cannot be made unique');
  }
  return error;
}
