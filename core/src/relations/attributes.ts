import type { FieldMetadata, FieldProblem } from '@trellis/sdk';
import type { Dialect } from '../db/connect.js';
import type { SqlRunner } from '../db/sql-runner.js';
import type { EntityValidators } from '../entities/entity-runtime.js';
import { fieldType } from '../entities/field-types/index.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import { ajvProblems } from '../entities/validators.js';
import { ValidationError } from '../errors.js';
import { isJsonObject } from '../json-object.js';

const PATH = 'attributes';

/** Attribute values keyed by field name. */
export type AttributeValues = Record<string, unknown>;

/**
 * The value as the API reads it back once stored. Attributes live in one JSON column rather
 * than in columns of their own, so each value goes through its type's write and read once to
 * come out normalised (e-mail lower-cased, phone with its E.164 form, datetime in UTC).
 */
export function canonicalValue(field: FieldMetadata, value: unknown, dialect: Dialect): unknown {
  if (value === null) return null;
  const module = fieldType(field.type);
  return module.read(module.write(value, field, dialect), field);
}

/**
 * The attribute fields of one relation type with their compiled validators: checks what a
 * client sends and reads back what is stored.
 */
export class RelationAttributes {
  private readonly byName: Map<string, FieldMetadata>;

  constructor(
    readonly fields: readonly FieldMetadata[],
    private readonly validators: EntityValidators,
  ) {
    this.byName = new Map(fields.map((field) => [field.name, field]));
  }

  /**
   * Checks a body's `attributes` (absent means none). `create` fills defaults and requires the
   * required fields; `patch` checks only the values given. Returns the normalised values.
   */
  check(input: unknown, mode: 'create' | 'patch', dialect: Dialect): { values: AttributeValues; problems: FieldProblem[] } {
    if (input === undefined) input = {};
    if (!isJsonObject(input)) return { values: {}, problems: [{ path: PATH, message: 'must be a JSON object' }] };
    const values: AttributeValues = { ...input };
    if (mode === 'create') {
      for (const field of this.fields) if (field.default !== null && values[field.name] === undefined) values[field.name] = field.default;
    }
    const validate = this.validators[mode];
    if (!validate(values)) {
      return { values: {}, problems: ajvProblems(validate.errors, `${PATH}.`, 'is not an attribute of this relation type') };
    }
    const problems: FieldProblem[] = [];
    const out: AttributeValues = {};
    for (const [name, value] of Object.entries(values)) {
      const field = this.byName.get(name) as FieldMetadata;
      const problem = value === null ? null : fieldType(field.type).check?.(value, field);
      if (problem) problems.push({ path: `${PATH}.${name}`, message: problem });
      else out[name] = canonicalValue(field, value, dialect);
    }
    return { values: out, problems };
  }

  /** The API's attributes from the stored JSON: every field, null where unset. */
  read(stored: unknown): AttributeValues {
    const values = (typeof stored === 'string' ? JSON.parse(stored) : (stored ?? {})) as AttributeValues;
    return Object.fromEntries(this.fields.map((field) => [field.name, values[field.name] ?? null]));
  }

  /**
   * Lookup attributes must name existing records, checked in the write's transaction. Nothing
   * clears them when that record is deleted later: they are values, not foreign keys.
   */
  async assertLookupsExist(tx: SqlRunner, store: MetadataStore, values: AttributeValues): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const field of this.fields) {
      const id = values[field.name];
      if (field.type !== 'lookup' || typeof id !== 'string') continue;
      const target = store.get(field.options.target as string);
      const found = await tx.query(`SELECT "id" FROM ${target.table} WHERE "id" = ?`, [id]);
      if (found.length === 0) problems.push({ path: `${PATH}.${field.name}`, message: `no ${target.name} record has id ${id}` });
    }
    if (problems.length) throw new ValidationError(problems);
  }
}
