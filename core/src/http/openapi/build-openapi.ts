import type { EntityMetadata } from '@trellis/sdk';
import { entityPaths } from './entity-paths.js';
import { META_SCHEMAS } from './meta-schemas.js';
import { recordSchemas } from './record-schemas.js';
import { PROBLEM_SCHEMAS, problemResponseComponents, SECURITY, SECURITY_SCHEMES, type OpenApiObject } from './shared.js';
import { STATIC_TAGS, staticPaths } from './static-paths.js';

/** Version of the HTTP contract this document describes; raised with every change to it. */
export const API_VERSION = '0.1.0';

function merged<T>(parts: Array<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(parts.flatMap((part) => Object.entries(part)));
}

/**
 * Builds the OpenAPI 3.1 document of the API for the given entities: the fixed routes
 * (auth, metadata, service) plus concrete records paths and schemas for each entity, so
 * generated clients get one typed operation per entity instead of a generic `:entity`.
 */
export function buildOpenApi(entities: EntityMetadata[]): OpenApiObject {
  const sorted = [...entities].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version: API_VERSION,
      description:
        'Generated from the current metadata: every entity has its own records paths and schemas. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: SECURITY,
    tags: [...STATIC_TAGS, ...sorted.map((entity) => ({ name: entity.name, description: entity.description || entity.pluralLabel }))],
    paths: merged([staticPaths(), ...sorted.map(entityPaths)]),
    components: {
      schemas: merged([PROBLEM_SCHEMAS, META_SCHEMAS, ...sorted.map(recordSchemas)]),
      responses: problemResponseComponents(),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
