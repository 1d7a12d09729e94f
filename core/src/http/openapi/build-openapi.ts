import type { EntityMetadata } from '@trellis/sdk';

/** Builds the OpenAPI 3.1 document of the API for the given entities. */
export function buildOpenApi(entities: EntityMetadata[]): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'Trellis API', version: '0.1.0' }, paths: {}, 'x-entities': entities.map((e) => e.name) };
}
