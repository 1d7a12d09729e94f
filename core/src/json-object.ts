/** Whether a parsed JSON value is an object (not null, not an array): what request bodies and filters must be. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
