import { PERMISSION_ACTIONS, type PermissionAction, type PermissionScope } from '@trellis/sdk';
import type { StoredEntityMetadata } from '../entities/entity-runtime.js';
import type { Grants } from './grants.js';

/** What the caller may do with an entity's records, as the metadata API reports it. */
export interface EntityAccess extends Record<PermissionAction, PermissionScope> {
  /** Fields the caller may read but not write. */
  readOnlyFields: string[];
}

/** An entity's metadata as one caller sees it: without the fields hidden from them, with their rights. */
export type EntityView = StoredEntityMetadata & { access: EntityAccess };

const EVERYTHING = Object.fromEntries(PERMISSION_ACTIONS.map((action) => [action, 'all'])) as Record<PermissionAction, PermissionScope>;

/**
 * The caller's view of an entity, or null when they may not read its records: then screens
 * built from metadata neither list nor link to it. Unrestricted callers (grants null) see all.
 */
export function entityView(meta: StoredEntityMetadata, grants: Grants | null): EntityView | null {
  if (!grants) return { ...meta, access: { ...EVERYTHING, readOnlyFields: [] } };
  const grant = grants.entity(meta.name);
  if (grant.scopes.read === 'none') return null;
  return {
    ...meta,
    fields: meta.fields.filter((field) => !grant.hidden.has(field.name)),
    // An index names its fields: one over a hidden field would tell that the field exists.
    indexes: meta.indexes.filter((index) => !index.fields.some((field) => grant.hidden.has(field))),
    access: { ...grant.scopes, readOnlyFields: [...grant.readOnly] },
  };
}
