import { PERMISSION_ACTIONS, type PermissionAction, type PermissionScope } from '@trellis/sdk';
import type { FieldMetadata } from '@trellis/sdk';
import type { EntityRuntime, StoredEntityMetadata } from '../entities/entity-runtime.js';
import type { Grants } from './grants.js';

/** What the caller may do with an entity's records, as the metadata API reports it. */
export interface EntityAccess extends Record<PermissionAction, PermissionScope> {
  /** Fields the caller may read but not write. */
  readOnlyFields: string[];
}

/** A field as the metadata API shows it: with the plugin that declared it (null for fields users added). */
export type FieldView = FieldMetadata & { plugin: string | null };

/** An entity's metadata as one caller sees it: without the fields hidden from them, with their rights. */
export type EntityView = Omit<StoredEntityMetadata, 'fields'> & { fields: FieldView[]; access: EntityAccess };

const EVERYTHING = Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, 'all'])) as Record<PermissionAction, PermissionScope>;

/**
 * The caller's view of an entity, or null when they may not read its records: then screens
 * built from metadata neither list nor link to it. Unrestricted callers (grants null) see all.
 */
export function entityView(entity: Pick<EntityRuntime, 'meta' | 'fieldPlugins'>, grants: Grants | null): EntityView | null {
  const { meta } = entity;
  // Which plugin declared each field, so screens can tell what users may change.
  const fields = meta.fields.map((field) => ({ ...field, plugin: entity.fieldPlugins.get(field.name) ?? null }));
  if (!grants) return { ...meta, fields, access: { ...EVERYTHING, readOnlyFields: [] } };
  const grant = grants.entity(meta.name);
  if (grant.scopes.read === 'none') return null;
  return {
    ...meta,
    fields: fields.filter((field) => !grant.hidden.has(field.name)),
    // An index names its fields: one over a hidden field would tell that the field exists.
    indexes: meta.indexes.filter((index) => !index.fields.some((field) => grant.hidden.has(field))),
    access: { ...grant.scopes, readOnlyFields: [...grant.readOnly] },
  };
}
