import type { EntityMetadata, FieldMetadata } from '@trellis/sdk';
import type { ValidateFunction } from 'ajv';
import { fieldType } from './field-types/index.js';
import { q } from './identifiers.js';

function systemField(name: string, type: FieldMetadata['type'], label: string, position: number): FieldMetadata {
  return {
    name,
    type,
    label,
    required: false,
    unique: name === 'id',
    indexed: name !== 'created_by',
    sensitive: false,
    personal: false,
    default: null,
    options: {},
    system: true,
    position,
  };
}

/** The system fields, as metadata, in the order the API lists them. */
export const SYSTEM_FIELD_METADATA: readonly FieldMetadata[] = [
  systemField('id', 'text', 'ID', -5),
  systemField('created_at', 'datetime', 'Created at', -4),
  systemField('updated_at', 'datetime', 'Updated at', -3),
  systemField('created_by', 'text', 'Created by', -2),
  systemField('owner_id', 'text', 'Owner', -1),
];

/** Entity metadata as core keeps and reports it: the SDK's, plus the plugin that owns the entity. */
export interface StoredEntityMetadata extends EntityMetadata {
  /** The owning plugin, or null for an entity a user created. */
  plugin: string | null;
}

/** Compiled validators of one entity. */
export interface EntityValidators {
  /** A whole new record: required fields must be there. */
  create: ValidateFunction;
  /** A partial update: only the given fields are checked. */
  patch: ValidateFunction;
}

/**
 * One entity ready for use by the records engine: metadata plus everything derived from it
 * once (field lookup, column list, validators), so a request does no metadata work.
 */
export class EntityRuntime {
  readonly fields = new Map<string, FieldMetadata>();
  /** The entity's own (non-system) fields in display order. */
  readonly userFields: FieldMetadata[];
  /** Quoted, comma-separated columns of a full row. */
  readonly selectList: string;
  readonly table: string;

  constructor(
    readonly meta: StoredEntityMetadata,
    readonly validators: EntityValidators,
    /** The plugins that own fields of the entity, by field name (fields users added are absent). */
    readonly fieldPlugins: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const field of meta.fields) this.fields.set(field.name, field);
    this.userFields = meta.fields.filter((field) => !field.system);
    this.table = q(meta.name);
    this.selectList = this.columnsOf(meta.fields).join(', ');
  }

  get name(): string {
    return this.meta.name;
  }

  /** The plugin that owns the entity, or null. */
  get plugin(): string | null {
    return this.meta.plugin;
  }

  /** Select expressions of the columns that hold the given fields (quoted, under their own names). */
  columnsOf(fields: readonly FieldMetadata[]): string[] {
    return fields.flatMap((field) =>
      field.system
        ? [q(field.name)]
        : fieldType(field.type)
            .columns(field)
            .map((column) => (column.readAsText ? `CAST(${q(column.name)} AS TEXT) AS ${q(column.name)}` : q(column.name))),
    );
  }
}
