import type { FieldMetadata } from '@trellis/sdk';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsImport, { type FormatsPlugin } from 'ajv-formats';
import type { FieldProblem } from '@trellis/sdk';
import { fieldType, type JsonSchema } from './field-types/index.js';
import type { EntityValidators } from './entity-runtime.js';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, which is the plugin.
const addFormats = addFormatsImport as unknown as FormatsPlugin;

/**
 * Creates the ajv instance shared by all entity validators of one app; `useDefaults` fills
 * schema defaults into the validated value (plugin settings).
 */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: options.useDefaults ?? false });
  addFormats(ajv);
  return ajv;
}

/** Adds null to what a schema accepts. */
function nullable(schema: JsonSchema): JsonSchema {
  if (!('type' in schema)) return schema;
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: JsonSchema = { ...schema, type: [...types, 'null'] };
  if (Array.isArray(schema.enum)) out.enum = [...(schema.enum as unknown[]), null];
  return out;
}

/** JSON Schema of a field's value in a request body. */
export function fieldSchema(field: FieldMetadata): JsonSchema {
  const schema = fieldType(field.type).schema(field);
  return field.required ? schema : nullable(schema);
}

/** Compiles the create and patch validators of an entity's fields. */
export function compileValidators(ajv: Ajv, fields: readonly FieldMetadata[]): EntityValidators {
  const properties = Object.fromEntries(fields.map((field) => [field.name, fieldSchema(field)]));
  const required = fields.filter((field) => field.required && field.default === null).map((field) => field.name);
  const base = { type: 'object', properties, additionalProperties: false };
  return {
    create: ajv.compile({ ...base, required }),
    patch: ajv.compile(base),
  };
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** ajv's wording ("must be integer,null") turned into a sentence for people. */
function plainMessage(error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      const types = String(params.type).split(',');
      return `must be ${types.map((type) => TYPE_NAMES[type] ?? type).join(' or ')}`;
    }
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters long`;
    case 'maxItems':
      return `may hold at most ${String(params.limit)} items`;
    case 'maximum':
      return `must be at most ${String(params.limit)}`;
    case 'minimum':
      return `must be at least ${String(params.limit)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'uniqueItems':
      return 'must not repeat a value';
    default:
      return undefined;
  }
}

/** `/fields/2/type` → `fields[2].type`. */
function jsonPointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

/** Turns ajv's errors into API problems whose path starts with `prefix` (e.g. `[3].`). */
export function ajvProblems(
  errors: ErrorObject[] | null | undefined,
  prefix = '',
  unknownKey = 'is not a field of this entity',
): FieldProblem[] {
  const seen = new Set<string>();
  const out: FieldProblem[] = [];
  for (const error of errors ?? []) {
    let path = jsonPointerToPath(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      path = path ? `${path}.${extra}` : extra;
      message = path.includes('.') || path.includes('[') ? 'is not an accepted property' : unknownKey;
    } else if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      path = path ? `${path}.${missing}` : missing;
      message = 'is required';
    } else if (error.keyword === 'enum') {
      message = `must be one of ${((error.params as { allowedValues?: Array<string | null> }).allowedValues ?? []).filter((v) => v !== null).join(', ')}`;
    } else if (error.keyword === 'type' && error.instancePath === '') {
      message = 'must be a JSON object';
    } else {
      message = plainMessage(error) ?? message;
    }
    const full = `${prefix}${path}`;
    // Nullable unions report each branch; one line per path is enough for a person.
    if (seen.has(full)) continue;
    seen.add(full);
    out.push({ path: full || prefix.replace(/\.$/, '') || 'body', message });
  }
  return out;
}
