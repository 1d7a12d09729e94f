import type { MetadataStore } from '../entities/metadata-store.js';
import { ConflictError } from '../errors.js';

/**
 * Refuses to uninstall a plugin while fields it does not drop itself (users' fields, other
 * plugins' fields, relation type attributes) are of one of its field types: without the type,
 * those fields could not be read.
 */
export function assertFieldTypesUnused(store: MetadataStore, plugin: string): void {
  const prefix = `${plugin}.`;
  const users = [
    ...store
      .list()
      .filter((entity) => entity.plugin !== plugin)
      .flatMap((entity) =>
        entity.userFields
          .filter((field) => field.type.startsWith(prefix) && entity.fieldPlugins.get(field.name) !== plugin)
          .map((field) => `${entity.name}.${field.name}`),
      ),
    ...store.relationTypes
      .list()
      .filter((type) => type.direction.plugin !== plugin)
      .flatMap((type) =>
        type.direction.fields.filter((field) => field.type.startsWith(prefix)).map((field) => `${type.key}.${field.name}`),
      ),
  ];
  if (users.length) {
    throw new ConflictError(
      'TRELLIS_FIELD_TYPE_IN_USE',
      `cannot uninstall "${plugin}": fields use its field types: ${users.join(', ')}; drop them first`,
    );
  }
}
