import type { FieldDefinition, FieldType } from '@trellis/sdk';
import { booleanType, multiSelectType, selectType } from './choice-types.js';
import type { FieldTypeModule } from './field-type.js';
import { jsonType } from './json-type.js';
import { lookupType } from './lookup-type.js';
import { currencyType, decimalType, integerType, percentType } from './number-types.js';
import { phoneType } from './phone-type.js';
import { longTextType, emailType, textType, urlType } from './text-types.js';
import { dateType, datetimeType } from './time-types.js';

const MODULES: Record<FieldType, FieldTypeModule> = {
  text: textType,
  long_text: longTextType,
  integer: integerType,
  decimal: decimalType,
  currency: currencyType,
  percent: percentType,
  boolean: booleanType,
  date: dateType,
  datetime: datetimeType,
  email: emailType,
  phone: phoneType,
  url: urlType,
  select: selectType,
  multi_select: multiSelectType,
  json: jsonType,
  lookup: lookupType,
};

/** Field types contributed by installed plugins, by `<plugin>.<type>` name. */
const custom = new Map<string, FieldTypeModule>();

/** The module of a field type; throws for a name that is neither built in nor registered (callers check with {@link isKnownFieldType} first). */
export function fieldType(type: FieldDefinition['type']): FieldTypeModule {
  const module = (MODULES as Record<string, FieldTypeModule | undefined>)[type] ?? custom.get(type);
  if (!module) throw new Error(`Unknown field type "${type}"`);
  return module;
}

/** Whether a field type is built in or registered by an installed plugin. */
export function isKnownFieldType(type: string): boolean {
  return type in MODULES || custom.has(type);
}

/** Makes a plugin's field type available; returns the function that removes it again. */
export function registerFieldType(module: FieldTypeModule): () => void {
  custom.set(module.type, module);
  return () => {
    if (custom.get(module.type) === module) custom.delete(module.type);
  };
}

export { choiceValues } from './choice-types.js';
export { isRecordId } from './lookup-type.js';
export { OperandError } from './field-type.js';
export { pluginFieldType } from './plugin-type.js';
export type { ColumnSpec, FieldTypeModule, JsonSchema, SqlFragment } from './field-type.js';
