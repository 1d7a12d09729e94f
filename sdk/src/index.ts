/**
 * The public contract of Trellis: types, `define*` helpers, error classes and service tokens
 * for plugins. The test kit is the separate entry `@trellis/sdk/testing`.
 *
 * @module sdk
 */
export type { ActorRef } from './actors.js';
export { AGGREGATE_FUNCTIONS, DATE_BUCKETS } from './aggregates.js';
export type {
  AggregateFunction,
  DateBucket,
  AggregateMetric,
  AggregateGroup,
  AggregateQuery,
  AggregateRow,
  AggregateResult,
} from './aggregates.js';
export type { PluginContext, RouteContext, RouteHandler, PluginRouter, RecordHookContext } from './context.js';
export { SYSTEM_FIELDS, defineEntity } from './entities.js';
export type { SystemField, EntityDefinition, EntityMetadata, EntityIndexDefinition, EntityIndexMetadata } from './entities.js';
export { TrellisError, ValidationError, NotFoundError, ConflictError, ForbiddenError } from './errors.js';
export { CORE_EVENT_TYPES } from './events.js';
export type {
  RecordCreatedEvent,
  RecordUpdatedEvent,
  RecordDeletedEvent,
  PluginEvent,
  DomainEvent,
  DomainEventType,
  DomainEventOf,
} from './events.js';
export { FIELD_TYPE_BASES, defineFieldType } from './field-types.js';
export type { FieldTypeBase, CustomFieldTypeName, FieldTypeDefinition } from './field-types.js';
export { FIELD_TYPES } from './fields.js';
export type { FieldType, SelectOption, FieldOptions, FieldDefinition, FieldMetadata } from './fields.js';
export { FILTER_OPERATORS } from './filters.js';
export type { FilterOperator, FilterValue, FieldCondition, Filter, RelationTest } from './filters.js';
export type { RecordHooks } from './hooks.js';
export type { JobContext, JobDefinition, EnqueueOptions } from './jobs.js';
export type { JsonValue, JsonObject, JsonSchema } from './json.js';
export type { MailMessage } from './mailer.js';
export { PERMISSION_ACTIONS, PERMISSION_SCOPES } from './permissions.js';
export type {
  PermissionAction,
  PermissionScope,
  EntityPermissions,
  PluginPermissions,
  RoutePermission,
  RouteOptions,
} from './permissions.js';
export type { ConsentStatus, Consent, PrivacyApi, PluginPrivacy, PrivacyContext } from './privacy.js';
export { definePlugin } from './plugins.js';
export type {
  PluginRequirements,
  EntityExtension,
  MigrationContext,
  PluginMigration,
  EventSubscriber,
  PluginSettings,
  PluginDefinition,
  PluginState,
  PluginInfo,
  DemoReport,
} from './plugins.js';
export type { FieldProblem, ProblemDetails } from './problems.js';
export type { TrellisRecord, RecordPage, ListQuery } from './records.js';
export { defineRelationType } from './relations.js';
export type { RelationCardinality, RelationTypeDefinition, RelationTypeMetadata, RecordRef, Relation, RelationEvent } from './relations.js';
export { Tokens } from './services.js';
export type {
  RecordsApi,
  UpdateOptions,
  MetadataApi,
  RelationsApi,
  JobsApi,
  EventsApi,
  MailerApi,
  LoggerApi,
  SettingsApi,
  TimelineApi,
  ServiceToken,
  Services,
} from './services.js';
export type { TimelineEntryInput, TimelineEntry } from './timeline.js';
export type { UserSummary, UsersApi } from './users.js';
export { UI_SLOTS } from './ui.js';
export type {
  UiSlot,
  UiContributions,
  UiNavigationEntry,
  UiPage,
  UiRecordPanel,
  UiRecordAction,
  UiDashboardWidget,
  UiFieldRenderer,
} from './ui.js';
