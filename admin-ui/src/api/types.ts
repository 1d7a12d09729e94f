import type { EntityMetadata, FieldMetadata, PermissionAction, PermissionScope, PluginInfo, TrellisRecord } from '@trellis/sdk';

export type {
  FieldMetadata,
  FieldType,
  Filter,
  PermissionAction,
  PermissionScope,
  PluginInfo,
  RelationTypeMetadata,
  SelectOption,
  TrellisRecord,
  UiContributions,
} from '@trellis/sdk';

/** The signed-in user (`GET /api/auth/me`). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
}

/** What the signed-in user may do with an entity's records (`access` in `GET /api/meta/entities`). */
export type EntityAccess = Record<PermissionAction, PermissionScope> & { readOnlyFields: string[] };

/** A field as the metadata API shows it: with the plugin that declared it (null for fields users added). */
export type FieldView = FieldMetadata & { plugin: string | null };

/** An entity as the metadata API shows it to the signed-in user. */
export interface EntityView extends Omit<EntityMetadata, 'fields'> {
  fields: FieldView[];
  /** The plugin that declared it, or null for an entity an administrator created. */
  plugin: string | null;
  access: EntityAccess;
}

/** `{data}` answers. */
export interface One<T> {
  data: T;
}

/** `{data, page}` answers of keyset-paginated lists. */
export interface Page<T> {
  data: T[];
  page: { next: string | null };
}

/** A record as lists and reads return it. */
export type RecordRow = TrellisRecord;

/** A plugin as `GET /api/plugins` reports it. */
export type Plugin = PluginInfo;
