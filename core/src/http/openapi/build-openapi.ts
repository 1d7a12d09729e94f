import type { EntityMetadata, RelationTypeMetadata } from '@trellis/sdk';
import { AUDIT_SCHEMAS, AUDIT_TAG, auditPaths, historyPaths } from './audit-paths.js';
import { AUTH_SCHEMAS, authSecurityPaths, USERS_TAG } from './auth-paths.js';
import { entityPaths } from './entity-paths.js';
import { META_SCHEMAS } from './meta-schemas.js';
import { recordSchemas } from './record-schemas.js';
import { relationPaths } from './relation-paths.js';
import { relationTypePaths } from './relation-type-paths.js';
import { relationAttributeSchemas, relationTypesExtension } from './relation-types.js';
import type { PluginRoutes } from '../../plugins/plugin-router.js';
import { PLUGIN_SCHEMAS, PLUGIN_TAG, pluginManagerPaths, pluginRoutePaths, pluginTags } from './plugin-paths.js';
import { PROBLEM_SCHEMAS, problemResponseComponents, SECURITY, SECURITY_SCHEMES, type OpenApiObject } from './shared.js';
import { STATIC_TAGS, staticPaths } from './static-paths.js';
import { timelinePaths } from './timeline-paths.js';
import { TIMELINE_SCHEMAS } from './timeline-schemas.js';
import { WEBHOOK_SCHEMAS, WEBHOOK_TAG, webhookPaths } from './webhook-paths.js';
import { ACCESS_SCHEMAS, ACCESS_TAG, accessPaths } from './access-paths.js';
import { PRIVACY_SCHEMAS, PRIVACY_TAG, privacyPaths } from './privacy-paths.js';

/** Version of the HTTP contract this document describes; raised with every change to it. */
export const API_VERSION = '0.2.0';

function merged<T>(parts: Array<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(parts.flatMap((part) => Object.entries(part)));
}

/**
 * Builds the OpenAPI 3.1 document of the API for the given entities and relation types: the
 * fixed routes (auth, metadata, service) plus concrete records and relations paths and schemas
 * for each entity, so generated clients get one typed operation per entity instead of a
 * generic `:entity`. The relation types defined at that moment are listed under
 * `x-trellis-relation-types`, and each has its attributes schema. Enabled plugins' routes are
 * listed under their own tag.
 */
export function buildOpenApi(
  entities: EntityMetadata[],
  relationTypes: readonly RelationTypeMetadata[] = [],
  plugins: readonly PluginRoutes[] = [],
): OpenApiObject {
  const pluginRoutes = [...plugins].sort((a, b) => (a.plugin < b.plugin ? -1 : 1));
  const sorted = [...entities].sort((a, b) => (a.name < b.name ? -1 : 1));
  const types = [...relationTypes].sort((a, b) => (a.key < b.key ? -1 : 1));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version: API_VERSION,
      description:
        'Generated from the current metadata: every entity has its own records and relations paths and schemas. ' +
        'Errors are RFC 9457 problem details (application/problem+json).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: SECURITY,
    tags: [
      ...STATIC_TAGS,
      USERS_TAG,
      ACCESS_TAG,
      WEBHOOK_TAG,
      PRIVACY_TAG,
      AUDIT_TAG,
      PLUGIN_TAG,
      ...pluginTags(pluginRoutes),
      ...sorted.map((entity) => ({ name: entity.name, description: entity.description || entity.pluralLabel })),
    ],
    paths: merged([
      staticPaths(),
      authSecurityPaths(),
      accessPaths(),
      relationTypePaths(),
      webhookPaths(),
      privacyPaths(),
      auditPaths(),
      pluginManagerPaths(),
      pluginRoutePaths(pluginRoutes),
      ...sorted.flatMap((entity) => [
        entityPaths(entity, types),
        relationPaths(entity, types),
        timelinePaths(entity),
        historyPaths(entity),
      ]),
    ]),
    components: {
      schemas: merged([
        PROBLEM_SCHEMAS,
        META_SCHEMAS,
        AUTH_SCHEMAS,
        WEBHOOK_SCHEMAS,
        ACCESS_SCHEMAS,
        PRIVACY_SCHEMAS,
        PLUGIN_SCHEMAS,
        TIMELINE_SCHEMAS,
        AUDIT_SCHEMAS,
        ...sorted.map(recordSchemas),
        relationAttributeSchemas(types),
      ]),
      responses: problemResponseComponents(),
      securitySchemes: SECURITY_SCHEMES,
    },
    'x-trellis-relation-types': relationTypesExtension(types),
  };
}
