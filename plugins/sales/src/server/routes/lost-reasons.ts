import type { RouteContext } from '@trellis/sdk';
import { readSettings } from '../settings.js';

/**
 * `GET /lost-reasons`: the reasons a deal may be lost for and whether one is required, for
 * everyone who may read deals (the plugin's settings are for administrators only), so the
 * board's lost dialog offers the configured list. An empty list means any text.
 */
export async function lostReasons(ctx: RouteContext): Promise<void> {
  const { lostReasons: reasons, requireLostReason: required } = await readSettings(ctx.services);
  ctx.body = { data: { reasons, required } };
}
