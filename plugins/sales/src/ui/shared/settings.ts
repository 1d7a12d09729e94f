import { callApi, SALES } from './api.js';

/** The reasons the plugin offers when nobody could read its settings (its defaults). */
const FALLBACK_REASONS = ['Too expensive', 'Chose a competitor', 'No budget', 'No decision', 'Missing feature', 'Bad timing'];

/**
 * The lost reasons to offer. Only administrators may read plugin settings; for everyone else
 * `fixed` is false and the defaults are offered as suggestions beside free text, the server
 * having the last word (a 400 on `lost_reason` names the configured list).
 */
export async function lostReasons(): Promise<{ reasons: string[]; fixed: boolean }> {
  try {
    const { data } = await callApi<{ data: { lostReasons?: string[] } }>('GET', `${SALES}/settings`);
    return { reasons: data.lostReasons ?? [], fixed: true };
  } catch {
    return { reasons: FALLBACK_REASONS, fixed: false };
  }
}
