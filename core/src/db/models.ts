import { Model } from 'objection';

/** A row of `trellis_entities`: one custom table. */
export class EntityRow extends Model {
  static override tableName = 'trellis_entities';
  static override idColumn = 'name';
  name!: string;
  label!: string;
  plural_label!: string;
  description!: string;
  /** The plugin that owns the entity, or null when a user created it. */
  plugin!: string | null;
  data_subject!: boolean | number;
  created_at!: string;
  updated_at!: string;
}

/** A row of `trellis_fields`: one column of a custom table. */
export class FieldRow extends Model {
  static override tableName = 'trellis_fields';
  static override idColumn = ['entity', 'name'];
  entity!: string;
  name!: string;
  type!: string;
  label!: string;
  required!: boolean | number;
  is_unique!: boolean | number;
  indexed!: boolean | number;
  sensitive!: boolean | number;
  personal!: boolean | number;
  default_json!: string | null;
  options_json!: string;
  position!: number;
  /** The plugin that added the field, or null when a user did. */
  plugin!: string | null;
  created_at!: string;
}

/** A row of `trellis_entity_indexes`: one composite index of a custom table. */
export class IndexRow extends Model {
  static override tableName = 'trellis_entity_indexes';
  static override idColumn = ['entity', 'name'];
  entity!: string;
  name!: string;
  /** The field names, in index order, as a JSON array. */
  fields_json!: string;
  is_unique!: boolean | number;
  /** The plugin that declared the index, or null when a user created it. */
  plugin!: string | null;
  position!: number;
  created_at!: string;
}

/** A row of `trellis_users`. */
export class UserRow extends Model {
  static override tableName = 'trellis_users';
  id!: string;
  email!: string;
  name!: string;
  password_hash!: string;
  is_admin!: boolean | number;
  active!: boolean | number;
  created_at!: string;
  updated_at!: string;
}

/** A row of `trellis_sessions`: a login session, found by the SHA-256 of its token. */
export class SessionRow extends Model {
  static override tableName = 'trellis_sessions';
  id!: string;
  token_hash!: string;
  user_id!: string;
  created_at!: string;
  expires_at!: string;
}
