/**
 * A JSON value.
 *
 * @example
 * ```ts
 * const value: JsonValue = { tags: ['vip'], score: 3, active: true, note: null };
 * ```
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON object: job payloads, settings, event payloads.
 *
 * @example
 * ```ts
 * const payload: JsonObject = { contactId: '0190…', attempt: 1 };
 * ```
 */
export type JsonObject = { [key: string]: JsonValue };

/**
 * A JSON Schema (draft 2020-12 as understood by ajv), for settings and custom field types.
 *
 * @example
 * ```ts
 * const schema: JsonSchema = { type: 'object', properties: { greeting: { type: 'string', default: 'Hello' } } };
 * ```
 */
export type JsonSchema = { [keyword: string]: unknown };
