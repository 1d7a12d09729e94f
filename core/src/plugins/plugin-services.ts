import {
  Tokens,
  type DomainEvent,
  type EventsApi,
  type JobsApi,
  type LoggerApi,
  type MailerApi,
  type MetadataApi,
  type PluginPermissions,
  type PrivacyApi,
  type Relation,
  type RelationsApi,
  type ServiceToken,
  type Services,
  type SettingsApi,
  type TimelineApi,
  type UsersApi,
} from '@trellis/sdk';
import type { AccessControl } from '../access/access-control.js';
import type { Actor } from '../auth/actor.js';
import type { MetadataStore } from '../entities/metadata-store.js';
import type { DomainEvents } from '../events/domain-events.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { recordsApi } from '../records/records-api.js';
import type { RecordsService } from '../records/records-service.js';
import type { RecordsTransaction } from '../records/records-transaction.js';
import type { RelationDetail, RelationsService } from '../relations/relations-service.js';

/** Core's services the plugin-facing adapters are built on. */
export interface PluginServiceDeps {
  records: RecordsService;
  store: MetadataStore;
  relations: RelationsService;
  events: DomainEvents;
  jobs: JobQueue;
  mailer: MailerApi;
  logger: Logger;
  /** The timeline, posting as the plugin on behalf of the actor (inside the transaction, when given). */
  timeline(actor: Actor, plugin: string, transaction?: RecordsTransaction): TimelineApi;
  /** The plugin's settings. */
  settings(plugin: string): SettingsApi;
  /** Consents and the suppression list. */
  privacy: PrivacyApi;
  /** Read-only user look-ups. */
  users: UsersApi;
  /** Who may do what: `ctx.can` and route permissions of plugin routes. */
  access: AccessControl;
  /** Merges a plugin's default permissions into the existing roles (PluginDefinition.permissions), after install. */
  defaultPermissions(plugin: string, permissions: PluginPermissions): Promise<void>;
}

/** The fully qualified name of a plugin's job: a bare name is the plugin's own. */
export function qualifiedJobName(plugin: string, name: string): string {
  return name.includes('.') ? name : `${plugin}.${name}`;
}

/**
 * The {@link Services} a plugin's code receives, acting as `actor` (the signed-in user in a
 * route, the plugin itself in setup, jobs and subscribers) and, given one, inside a
 * transaction (a hook's write, a migration). Adapters are built on first use.
 */
export function pluginServices(deps: PluginServiceDeps, plugin: string, actor: Actor, transaction?: RecordsTransaction): Services {
  const factories = new Map<symbol, () => unknown>([
    [Tokens.Records, () => recordsApi(deps.records, actor, transaction)],
    [Tokens.Metadata, () => metadataApi(deps.store)],
    [Tokens.Relations, () => relationsApi(deps.relations, actor)],
    [Tokens.Jobs, () => jobsApi(deps.jobs, plugin)],
    [Tokens.Events, () => eventsApi(deps.events, plugin)],
    [Tokens.Mailer, () => deps.mailer],
    [Tokens.Logger, () => pluginLogger(deps.logger, plugin)],
    [Tokens.Settings, () => deps.settings(plugin)],
    [Tokens.Timeline, () => deps.timeline(actor, plugin, transaction)],
    [Tokens.Privacy, () => deps.privacy],
    [Tokens.Users, () => deps.users],
  ]);
  const built = new Map<symbol, unknown>();
  return {
    get<T>(token: ServiceToken<T>): T {
      if (!built.has(token)) {
        const factory = factories.get(token);
        if (!factory) throw new Error(`Trellis offers no service for ${String(token)}; use one of the SDK's Tokens`);
        built.set(token, factory());
      }
      return built.get(token) as T;
    },
  };
}

function metadataApi(store: MetadataStore): MetadataApi {
  return {
    entities: () => store.list().map((entity) => entity.meta),
    entity: (name) => store.find(name)?.meta,
    relationTypes: () => store.relationTypes.list().map((type) => type.meta),
  };
}

function toRelation(
  detail: Pick<RelationDetail, 'id' | 'subject' | 'object' | 'attributes' | 'created_at' | 'created_by'>,
  type: string,
): Relation {
  return {
    id: detail.id,
    type,
    subject: { entity: detail.subject.entity, id: detail.subject.id },
    object: { entity: detail.object.entity, id: detail.object.id },
    attributes: detail.attributes,
    created_at: detail.created_at,
    created_by: detail.created_by,
  };
}

function relationsApi(relations: RelationsService, actor: Actor): RelationsApi {
  return {
    async add(subject, type, object, attributes) {
      const detail = await relations.add(subject.entity, subject.id, { type, object, ...(attributes ? { attributes } : {}) }, actor);
      return toRelation(detail, detail.type.key);
    },
    remove: (subject, relationId) => relations.remove(subject.entity, subject.id, relationId, actor),
    async list(subject, options = {}) {
      const groups = await relations.list(subject.entity, subject.id, options, actor);
      const data = groups.flatMap((group) => group.relations.map((relation) => toRelation({ ...relation, subject }, group.type.key)));
      // A cursor pages through one type: without `type`, each type's first page is returned.
      return { data, page: { next: options.type ? (groups[0]?.page.next ?? null) : null } };
    },
  };
}

function jobsApi(jobs: JobQueue, plugin: string): JobsApi {
  return { enqueue: (name, payload = {}, options) => jobs.enqueue(qualifiedJobName(plugin, name), payload, options) };
}

function eventsApi(events: DomainEvents, plugin: string): EventsApi {
  return {
    emit: (name, payload = {}) => events.emit({ type: `${plugin}.${name}`, plugin, payload }),
    // The bus hands a listener only events of the type it subscribed to.
    on: (type, listener) => events.on(type, listener as (event: DomainEvent) => void | Promise<void>),
  };
}

/** The core logger, with the plugin's name on every line. */
export function pluginLogger(logger: Logger, plugin: string): LoggerApi {
  return {
    info: (message, fields) => logger.info(message, { plugin, ...fields }),
    warn: (message, fields) => logger.warn(message, { plugin, ...fields }),
    error: (message, fields) => logger.error(message, { plugin, ...fields }),
  };
}
