import { callApi, SALES } from './api.js';

/**
 * The lost reasons to offer (`GET /lost-reasons`, readable by everyone who may read deals).
 * `fixed` is false when the plugin accepts any text (an empty list), so the dialog offers free
 * text; the server has the last word either way (a 400 on `lost_reason` names the list).
 */
export async function lostReasons(): Promise<{ reasons: string[]; fixed: boolean }> {
  const { data } = await callApi<{ data: { reasons: string[] } }>('GET', `${SALES}/lost-reasons`);
  return { reasons: data.reasons, fixed: data.reasons.length > 0 };
}
