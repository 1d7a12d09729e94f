import type { TimelineApi } from '@trellis/sdk';
import type { Actor } from '../auth/actor.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import type { TimelineService } from './timeline-service.js';

/**
 * The SDK's {@link TimelineApi} over the timeline service, posting as `actor` on behalf of
 * `plugin` (null for core). Given a transaction (inside a record hook), entries join it.
 *
 * @example
 * ```ts
 * const timeline = timelineApi(service, pluginActor('asterisk', 'job'), 'asterisk');
 * await timeline.post({ record: { entity: 'contact', id }, kind: 'call', title: 'Inbound call, 4 min' });
 * ```
 */
export function timelineApi(service: TimelineService, actor: Actor, plugin: string | null, transaction?: RecordsTransaction): TimelineApi {
  return {
    post: (entry) => service.post(entry, actor, plugin, transaction),
    list: (record, options) => service.list(record, options, transaction, actor),
  };
}
