import type { Actor } from '../auth/actor.js';
import type { MetadataService } from '../entities/metadata-service.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import type { RecordsService } from '../records/records-service.js';
import { DEMO_ENTITIES, demoRecords } from './demo-data.js';

/**
 * Seeds the demo companies and contacts through the same services the API uses, once: a
 * database that already has a `company` entity is left alone.
 */
export async function seedDemo(store: MetadataStore, metadata: MetadataService, records: RecordsService, actor: Actor): Promise<boolean> {
  if (DEMO_ENTITIES.some((entity) => store.find(entity.name))) return false;
  for (const entity of DEMO_ENTITIES) await metadata.createEntity(entity);
  const { companies, contacts } = demoRecords();
  const created = (await records.create('company', companies, actor)) as Array<{ id: string }>;
  await records.create(
    'contact',
    contacts.map(({ companyIndex, ...contact }) => ({ ...contact, company: created[companyIndex]?.id ?? null })),
    actor,
  );
  return true;
}
