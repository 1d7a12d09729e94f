import type { FieldMetadata } from '@trellis/sdk';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { column, EQUALITY_OPS, OperandError, type FieldTypeModule } from './field-type.js';

function rawNumber(value: unknown): string {
  return typeof value === 'string' ? value : (value as { number: string }).number;
}

function toE164(raw: string, field: FieldMetadata): string | null {
  const parsed = parsePhoneNumberFromString(raw, field.options.defaultCountry as CountryCode | undefined);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * A phone number: the text as written plus its E.164 form (`<name>_e164`, always indexed),
 * which filters compare with, so `+33 6 12 34 56 78` and `06 12 34 56 78` (default country FR) match.
 * Read back as `{ number, e164 }`; written as a string or that object.
 */
export const phoneType: FieldTypeModule = {
  type: 'phone',
  renderer: 'phone-input',
  operators: [...EQUALITY_OPS, 'startsWith'],
  searchable: true,
  columns: (field) => [
    { name: field.name, sql: { sqlite: 'TEXT', postgres: 'text' } },
    { name: `${field.name}_e164`, sql: { sqlite: 'TEXT', postgres: 'text' } },
  ],
  sortColumn: (field) => `${field.name}_e164`,
  schema: () => ({
    type: ['string', 'object'],
    maxLength: 64,
    properties: { number: { type: 'string', maxLength: 64 }, e164: {} },
    required: ['number'],
    additionalProperties: false,
  }),
  check(value, field) {
    return toE164(rawNumber(value), field)
      ? null
      : field.options.defaultCountry
        ? 'is not a valid phone number'
        : 'is not a valid international phone number (start with + and the country code)';
  },
  write(value, field) {
    const raw = rawNumber(value).trim();
    return { [field.name]: raw, [`${field.name}_e164`]: toE164(raw, field) };
  },
  read(row, field) {
    const number = column(row, field.name);
    return number === null ? null : { number, e164: column(row, `${field.name}_e164`) };
  },
  operand(value, field) {
    if (typeof value !== 'string') throw new OperandError('must be a phone number as a string');
    // A prefix such as "+3361" is not a whole number; startsWith compares it as typed, digits only.
    const e164 = toE164(value, field);
    if (e164) return e164;
    if (/^\+?[\d\s().-]+$/.test(value)) return `+${value.replace(/\D/g, '')}`;
    throw new OperandError('is not a phone number');
  },
};
