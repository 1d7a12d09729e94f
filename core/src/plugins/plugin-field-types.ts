import type { FieldTypeDefinition, PluginDefinition } from '@trellis/sdk';
import { fieldType, pluginFieldType, registerFieldType } from '../entities/field-types/index.js';
import type { PluginRow } from './plugin-state.js';

/**
 * Registers a plugin's field types; returns the function that removes them. With only the
 * stored names and bases (the plugin's module is missing or broken), fields of those types
 * stay readable and writable as their base, without the plugin's extra rules.
 */
export function registerPluginFieldTypes(types: ReadonlyArray<FieldTypeDefinition | PluginRow['fieldTypes'][number]>): () => void {
  const removers = types.map((type) => {
    const definition: FieldTypeDefinition =
      'label' in type ? type : { name: type.name as FieldTypeDefinition['name'], label: type.name, base: type.base };
    return registerFieldType(pluginFieldType(definition, fieldType(definition.base)));
  });
  return () => {
    for (const remove of removers) remove();
  };
}

/** The names and bases of a plugin's field types, as stored in its state row. */
export function storedFieldTypes(definition: PluginDefinition): PluginRow['fieldTypes'] {
  return (definition.fieldTypes ?? []).map((type) => ({ name: type.name, base: type.base }));
}
