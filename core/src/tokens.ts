/**
 * DI tokens of core's services. Explicit symbols, because the build does not emit decorator
 * metadata. The ones plugins may use will be re-exported by the SDK with their interfaces.
 */
export const CoreTokens = {
  Config: Symbol.for('trellis.core.config'),
  Database: Symbol.for('trellis.core.database'),
  Logger: Symbol.for('trellis.core.logger'),
  MetadataStore: Symbol.for('trellis.core.metadata-store'),
  MetadataService: Symbol.for('trellis.core.metadata-service'),
  Records: Symbol.for('trellis.core.records'),
  RelationTypes: Symbol.for('trellis.core.relation-types'),
  Relations: Symbol.for('trellis.core.relations'),
  Sessions: Symbol.for('trellis.core.sessions'),
} as const;
