import type { FieldType } from '@trellis/sdk';
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

/** The module of a field type. */
export function fieldType(type: FieldType): FieldTypeModule {
  return MODULES[type];
}

export { choiceValues } from './choice-types.js';
export { isRecordId } from './lookup-type.js';
export { OperandError } from './field-type.js';
export type { ColumnSpec, FieldTypeModule, JsonSchema, SqlFragment } from './field-type.js';
