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
  /** The DomainEvents bus (after-commit record, relation and plugin events). */
  Events: Symbol.for('trellis.core.events'),
  /** The RecordHooksRegistry (plugins' record hooks, run inside write transactions). */
  RecordHooks: Symbol.for('trellis.core.record-hooks'),
  /** The TimelineService. */
  Timeline: Symbol.for('trellis.core.timeline'),
  /** The MailerApi built from TRELLIS_SMTP_URL (a Mailer, with close()). */
  Mailer: Symbol.for('trellis.core.mailer'),
  /** The JobQueue (persisted jobs: SQLite table or pg-boss). */
  Jobs: Symbol.for('trellis.core.jobs'),
  /** The PluginHost (plugin lifecycle, state and routes). */
  Plugins: Symbol.for('trellis.core.plugins'),
  /** The WebhookService (outbound webhooks and their delivery log). */
  Webhooks: Symbol.for('trellis.core.webhooks'),
  /** The AuditLog (append-only record of every change, login and permission change). */
  Audit: Symbol.for('trellis.core.audit'),
  /** The AccessControl service (roles, teams, permission scopes as SQL). */
  Access: Symbol.for('trellis.core.access'),
  /** The privacy service (consents, export, erasure, suppression, retention). */
  Privacy: Symbol.for('trellis.core.privacy'),
} as const;
