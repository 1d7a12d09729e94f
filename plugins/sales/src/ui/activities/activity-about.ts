import { callApi, withQuery } from '../shared/api.js';
import type { RelationGroup } from '../shared/types.js';

/** A record an activity is about, as a link target. */
export interface AboutLink {
  entity: string;
  id: string;
  label: string;
}

/**
 * The records each activity is `sales_activity_about`, one relations request per activity
 * (a page holds at most 50), all at once. An activity whose relations cannot be read gets none.
 */
export async function aboutLinks(activityIds: string[]): Promise<Map<string, AboutLink[]>> {
  const pairs = await Promise.all(
    activityIds.map(async (id): Promise<[string, AboutLink[]]> => {
      try {
        const { data } = await callApi<{ data: RelationGroup[] }>(
          'GET',
          withQuery(`/api/records/sales_activity/${encodeURIComponent(id)}/relations`, { type: 'sales_activity_about', limit: 10 }),
        );
        const links = data.flatMap((group) =>
          group.relations.map((relation) => ({
            entity: relation.object.entity,
            id: relation.object.id,
            label: relation.object.label || relation.object.id,
          })),
        );
        return [id, links];
      } catch {
        return [id, []];
      }
    }),
  );
  return new Map(pairs);
}
