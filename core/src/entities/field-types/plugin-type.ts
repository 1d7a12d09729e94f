import type { FieldMetadata, FieldTypeDefinition } from '@trellis/sdk';
import { OperandError, type FieldTypeModule } from './field-type.js';

/**
 * The module of a plugin's field type: stored, sorted and indexed exactly like its base, with
 * the plugin's schema and check added to the base's, its normalisation applied before storing
 * (and to filter operands), its own operators (a subset of the base's) and renderer.
 */
export function pluginFieldType(definition: FieldTypeDefinition, base: FieldTypeModule): FieldTypeModule {
  const { schema } = definition;
  const check = (value: unknown) => (definition.check ? definition.check(value) : null);
  const prepare = (value: unknown) => (definition.normalize ? definition.normalize(value) : value);
  const allowed = definition.operators ? base.operators.filter((op) => definition.operators?.includes(op)) : base.operators;
  return {
    ...base,
    type: definition.name,
    base: definition.base,
    renderer: definition.renderer ?? base.renderer,
    operators: allowed,
    // Both schemas must hold: the base's keeps stored values within what its column takes.
    schema: (field) => (schema ? { allOf: [base.schema(field), schema] } : base.schema(field)),
    check(value: unknown, field: FieldMetadata) {
      return base.check?.(value, field) ?? check(value);
    },
    write: (value, field, dialect) => base.write(prepare(value), field, dialect),
    operand(value, field) {
      base.operand(value, field);
      const problem = check(value);
      if (problem) throw new OperandError(problem);
      return base.operand(prepare(value), field);
    },
  };
}
