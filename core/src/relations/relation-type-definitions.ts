import type { FieldDefinition, FieldMetadata, FieldProblem, RelationCardinality, RelationTypeDefinition } from '@trellis/sdk';
import type { Ajv, ValidateFunction } from 'ajv';
import { FIELD_DEFINITION, LABEL, normaliseField, type FieldContext } from '../entities/definitions.js';
import { validateRelationTypeKey } from '../entities/identifiers.js';
import { ajvProblems } from '../entities/validators.js';
import { ValidationError } from '../errors.js';
import type { RelationDirection } from './relation-type-model.js';

const ENTITY_LIST = { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string' } };
const CARDINALITY = { enum: ['one', 'many'] };
const CARDINALITIES = {
  type: 'object',
  properties: { subject: CARDINALITY, object: CARDINALITY },
  additionalProperties: false,
};
const ATTRIBUTE_FIELDS = { type: 'array', maxItems: 200, items: FIELD_DEFINITION };

// if/then/else rather than anyOf, so a bad value is reported at its own path (`symmetric.key`).
const SYMMETRIC = {
  if: { type: 'string' },
  then: { enum: ['self'] },
  else: {
    type: 'object',
    properties: { key: { type: 'string' }, label: LABEL },
    required: ['key', 'label'],
    additionalProperties: false,
  },
};

const RELATION_TYPE_DEFINITION = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    label: LABEL,
    symmetric: SYMMETRIC,
    subjectEntities: ENTITY_LIST,
    objectEntities: ENTITY_LIST,
    cardinality: CARDINALITIES,
    fields: ATTRIBUTE_FIELDS,
  },
  required: ['key', 'label', 'symmetric'],
  additionalProperties: false,
};

const RELATION_TYPE_PATCH = {
  type: 'object',
  properties: {
    label: LABEL,
    symmetric: { type: 'object', properties: { label: LABEL }, additionalProperties: false },
    subjectEntities: ENTITY_LIST,
    objectEntities: ENTITY_LIST,
    cardinality: CARDINALITIES,
    fields: ATTRIBUTE_FIELDS,
  },
  additionalProperties: false,
};

/** The body of `PATCH /api/meta/relation-types/:key`. */
export interface RelationTypePatch {
  label?: string;
  symmetric?: { label?: string };
  subjectEntities?: string[];
  objectEntities?: string[];
  cardinality?: { subject?: RelationCardinality; object?: RelationCardinality };
  /** Attribute fields to add. */
  fields?: FieldDefinition[];
}

/** Compiled body validators of the relation types API. */
export interface RelationTypeValidators {
  definition: ValidateFunction;
  patch: ValidateFunction;
}

/** Compiles the relation types API's body validators once per app. */
export function compileRelationTypeValidators(ajv: Ajv): RelationTypeValidators {
  return { definition: ajv.compile(RELATION_TYPE_DEFINITION), patch: ajv.compile(RELATION_TYPE_PATCH) };
}

/** Runs a body validator, throwing every problem; `system` gets a message of its own. */
export function assertRelationTypeBody<T>(validate: ValidateFunction, body: unknown): T {
  if (typeof body === 'object' && body !== null && 'system' in body) {
    throw ValidationError.at('system', 'system relation types are declared by plugins; the API cannot create or change them');
  }
  if (validate(body)) return body as T;
  // The failed `if` of SYMMETRIC only repeats what its branch already said.
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
  throw new ValidationError(ajvProblems(errors, '', 'is not an accepted property'));
}

/** Runs `work`, adding the problems of a ValidationError it throws to `problems`. */
function collect<T>(problems: FieldProblem[], work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...(error.errors ?? []));
    return undefined;
  }
}

/** Checks that each listed entity exists. */
export function entityListProblems(entities: readonly string[], path: string, context: FieldContext): FieldProblem[] {
  return entities.flatMap((name, index) =>
    context.entityExists(name) ? [] : [{ path: `${path}[${index}]`, message: `entity "${name}" does not exist` }],
  );
}

/**
 * Normalises attribute field definitions: checked like entity fields, but neither unique nor
 * indexed, since attributes share one JSON column. `taken` names the attributes that exist.
 */
export function normaliseAttributes(
  definitions: readonly FieldDefinition[],
  firstPosition: number,
  context: FieldContext,
  problems: FieldProblem[],
  taken: ReadonlySet<string> = new Set(),
): FieldMetadata[] {
  const seen = new Set(taken);
  return definitions.flatMap((definition, index) => {
    const path = `fields[${index}].`;
    if (definition.unique) problems.push({ path: `${path}unique`, message: 'relation attributes cannot be unique' });
    if (definition.indexed) problems.push({ path: `${path}indexed`, message: 'relation attributes are not indexed' });
    const field = collect(problems, () => normaliseField(definition, firstPosition + index, path, context));
    if (!field) return [];
    if (seen.has(field.name)) {
      problems.push({
        path: `${path}name`,
        message: taken.has(field.name) ? 'is already an attribute; attributes cannot be renamed or retyped' : 'is declared twice',
      });
      return [];
    }
    seen.add(field.name);
    return [{ ...field, indexed: false }];
  });
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

/**
 * Turns a shape-checked definition into its stored directions: two rows naming each other,
 * or one row for a type that is its own symmetric. Every problem is reported at once.
 */
export function normaliseRelationType(
  definition: RelationTypeDefinition,
  context: FieldContext,
  system: boolean,
  plugin: string | null = null,
): RelationDirection[] {
  const problems: FieldProblem[] = [];
  const key = collect(problems, () => validateRelationTypeKey(definition.key, 'key')) ?? definition.key;
  const { symmetric } = definition;
  const self = symmetric === 'self';
  let twinKey = key;
  let twinLabel = definition.label;
  if (symmetric !== 'self') {
    const valid = collect(problems, () => validateRelationTypeKey(symmetric.key, 'symmetric.key'));
    twinKey = valid ?? symmetric.key;
    twinLabel = symmetric.label;
    if (valid === definition.key) {
      problems.push({
        path: 'symmetric.key',
        message: 'is the key itself; write "symmetric": "self" for a type that is its own symmetric',
      });
    }
  }
  const subjects = definition.subjectEntities ?? [];
  const objects = definition.objectEntities ?? (self ? subjects : []);
  problems.push(...entityListProblems(subjects, 'subjectEntities', context), ...entityListProblems(objects, 'objectEntities', context));
  const subjectCardinality = definition.cardinality?.subject ?? 'many';
  const objectCardinality = definition.cardinality?.object ?? (self ? subjectCardinality : 'many');
  if (self && !sameMembers(subjects, objects)) {
    problems.push({ path: 'objectEntities', message: 'a type that is its own symmetric has the same subject and object entities' });
  }
  if (self && subjectCardinality !== objectCardinality) {
    problems.push({ path: 'cardinality.object', message: 'a type that is its own symmetric has the same cardinality on both sides' });
  }
  const fields = normaliseAttributes(definition.fields ?? [], 0, context, problems);
  if (problems.length) throw new ValidationError(problems);
  const forward: RelationDirection = {
    key,
    label: definition.label,
    symmetricKey: twinKey,
    subjectEntities: subjects,
    objectEntities: objects,
    cardinality: subjectCardinality,
    fields,
    system,
    plugin,
  };
  if (self) return [forward];
  return [
    forward,
    {
      key: twinKey,
      label: twinLabel,
      symmetricKey: key,
      subjectEntities: objects,
      objectEntities: subjects,
      cardinality: objectCardinality,
      fields,
      system,
      plugin,
    },
  ];
}
