import { FIELD_TYPES, type FieldDefinition, type FieldMetadata, type FieldProblem } from '@trellis/sdk';
import type { Ajv, ValidateFunction } from 'ajv';
import { ValidationError } from '../errors.js';
import { INDEX_DEFINITION, MAX_INDEXES } from './composite-indexes.js';
import { fieldType, isKnownFieldType } from './field-types/index.js';
import { validateFieldName } from './identifiers.js';
import { ajvProblems, fieldSchema } from './validators.js';

const ALWAYS_INDEXED = new Set<string>(['lookup', 'phone']);

/** JSON Schema of a label: 1 to 200 characters. */
export const LABEL = { type: 'string', minLength: 1, maxLength: 200 };

const FIELD_OPTIONS = {
  type: 'object',
  properties: {
    choices: {
      type: 'array',
      maxItems: 500,
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: { value: { type: 'string' }, label: { type: 'string', maxLength: 200 }, color: { type: 'string', maxLength: 50 } },
            required: ['value'],
            additionalProperties: false,
          },
        ],
      },
    },
    target: { type: 'string' },
    maxLength: { type: 'integer', minimum: 1, maximum: 100000 },
    min: { type: 'number' },
    max: { type: 'number' },
    defaultCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
    defaultCurrency: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
  additionalProperties: false,
};

/** What may change on an existing field: everything but its name and type. */
const CHANGEABLE_FIELD_PROPERTIES = {
  label: LABEL,
  required: { type: 'boolean' },
  unique: { type: 'boolean' },
  indexed: { type: 'boolean' },
  sensitive: { type: 'boolean' },
  personal: { type: 'boolean' },
  default: {},
  options: FIELD_OPTIONS,
};

/** JSON Schema of a field definition (entity fields, relation type attributes). */
export const FIELD_DEFINITION = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    // Plugins register more types at run time: names are checked against the registry (normaliseField).
    type: { type: 'string', description: `One of ${FIELD_TYPES.join(', ')}, or an installed plugin's \`<plugin>.<type>\`` },
    ...CHANGEABLE_FIELD_PROPERTIES,
  },
  required: ['name', 'type'],
  additionalProperties: false,
};

const ENTITY_DEFINITION = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    label: LABEL,
    pluralLabel: LABEL,
    description: { type: 'string', maxLength: 2000 },
    dataSubject: { type: 'boolean' },
    fields: { type: 'array', maxItems: 500, items: FIELD_DEFINITION },
    indexes: { type: 'array', maxItems: MAX_INDEXES, items: INDEX_DEFINITION },
  },
  required: ['name', 'label'],
  additionalProperties: false,
};

const ENTITY_PATCH = {
  type: 'object',
  properties: { label: LABEL, pluralLabel: LABEL, description: { type: 'string', maxLength: 2000 }, dataSubject: { type: 'boolean' } },
  additionalProperties: false,
};

const FIELD_PATCH = { type: 'object', properties: CHANGEABLE_FIELD_PROPERTIES, additionalProperties: false };

/** Compiled body validators of the metadata API. */
export interface DefinitionValidators {
  entity: ValidateFunction;
  entityPatch: ValidateFunction;
  field: ValidateFunction;
  fieldPatch: ValidateFunction;
  index: ValidateFunction;
}

/** Compiles the metadata API's body validators once per app. */
export function compileDefinitionValidators(ajv: Ajv): DefinitionValidators {
  return {
    entity: ajv.compile(ENTITY_DEFINITION),
    entityPatch: ajv.compile(ENTITY_PATCH),
    field: ajv.compile(FIELD_DEFINITION),
    fieldPatch: ajv.compile(FIELD_PATCH),
    index: ajv.compile(INDEX_DEFINITION),
  };
}

/** Runs a body validator, throwing a ValidationError with every problem. */
export function assertBody<T>(validate: ValidateFunction, body: unknown, prefix = ''): T {
  if (!validate(body)) throw new ValidationError(ajvProblems(validate.errors, prefix, 'is not an accepted property'));
  return body as T;
}

/** "first_name" → "First name". */
export function humanise(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Fills a shape-checked field definition's defaults and checks what JSON Schema cannot:
 * the name, the type's options, the lookup target, and the default value.
 */
export function normaliseField(definition: FieldDefinition, position: number, path: string, context: FieldContext): FieldMetadata {
  if (!isKnownFieldType(definition.type)) {
    throw ValidationError.at(
      `${path}type`,
      `"${definition.type}" is not a field type: use one of ${FIELD_TYPES.join(', ')}, or a type an installed plugin provides`,
    );
  }
  const name = validateFieldName(definition.name, `${path}name`);
  const field: FieldMetadata = {
    name,
    type: definition.type,
    label: definition.label ?? humanise(name),
    required: definition.required ?? false,
    unique: definition.unique ?? false,
    // Lookups and phone numbers are always indexed (joins and caller lookup need it).
    indexed: ALWAYS_INDEXED.has(definition.type) || (definition.indexed ?? definition.unique ?? false),
    sensitive: definition.sensitive ?? false,
    personal: definition.personal ?? false,
    default: definition.default ?? null,
    options: definition.options ?? {},
    system: false,
    position,
  };
  const problems = fieldProblems(field, path, context);
  if (problems.length) throw new ValidationError(problems);
  return field;
}

/** What checking a field needs to know beyond the field itself. */
export interface FieldContext {
  ajv: Ajv;
  entityExists(name: string): boolean;
}

/** Everything wrong with a field's settings, given the entities that exist. */
export function fieldProblems(field: FieldMetadata, path: string, context: FieldContext): FieldProblem[] {
  const module = fieldType(field.type);
  const problems: FieldProblem[] = (module.checkOptions?.(field) ?? []).map(([where, message]) => ({ path: `${path}${where}`, message }));
  if (field.type === 'lookup') {
    const target = field.options.target;
    if (!target) problems.push({ path: `${path}options.target`, message: 'is required for a lookup: the entity it points to' });
    else if (!context.entityExists(target)) problems.push({ path: `${path}options.target`, message: `entity "${target}" does not exist` });
  }
  if (ALWAYS_INDEXED.has(field.type) && !field.indexed)
    problems.push({ path: `${path}indexed`, message: `${field.type} fields are always indexed` });
  if ((field.unique || field.indexed) && module.sortColumn(field) === null) {
    problems.push({ path: `${path}${field.unique ? 'unique' : 'indexed'}`, message: `${field.type} fields cannot be indexed` });
  }
  if (problems.length === 0 && field.default !== null) problems.push(...defaultProblems(field, path, context.ajv));
  return problems;
}

function defaultProblems(field: FieldMetadata, path: string, ajv: Ajv): FieldProblem[] {
  if (field.unique) return [{ path: `${path}default`, message: 'a unique field cannot have a default' }];
  if (field.type === 'lookup') return [{ path: `${path}default`, message: 'a lookup cannot have a default' }];
  const schema = fieldSchema({ ...field, required: true });
  if (!ajv.validate(schema, field.default)) return [{ path: `${path}default`, message: `is not a valid ${field.type} value` }];
  const problem = fieldType(field.type).check?.(field.default, field);
  return problem ? [{ path: `${path}default`, message: problem }] : [];
}
