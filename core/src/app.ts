import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { AccessControl } from './access/access-control.js';
import { pluginActor } from './auth/actor.js';
import { RolesService } from './access/roles-service.js';
import { TeamsService } from './access/teams-service.js';
import type { Server } from 'node:http';
import type { PluginDefinition } from '@trellis/sdk';
import type Koa from 'koa';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { AuditQuery, auditWrites, metadataRecorder, pluginStepRecorder, SqlAuditLog, withAuditContext } from './audit/index.js';
import { authGate } from './auth/auth-gate.js';
import { createAuthServices } from './auth/auth-services.js';
import { ensureFirstAdmin, firstAdminActor, type BootstrapResult } from './auth/bootstrap-admin.js';
import { SessionService } from './auth/sessions.js';
import { readConfig, type TrellisConfig } from './config.js';
import { openDatabase, type Database } from './db/connect.js';
import { migrateSystemTables } from './db/system-schema.js';
import { IndexService } from './entities/index-service.js';
import { MetadataService } from './entities/metadata-service.js';
import { MetadataStore } from './entities/metadata-store.js';
import { listenForMetadataChanges } from './entities/metadata-sync.js';
import { createAjv } from './entities/validators.js';
import { DomainEvents } from './events/domain-events.js';
import { createHttpApp } from './http/app.js';
import type { TrellisState } from './http/context.js';
import { loginRouter, sessionRouter } from './http/routes/auth.js';
import { healthRouter } from './http/routes/health.js';
import { metaRouter } from './http/routes/meta.js';
import { openApiRouter } from './http/routes/openapi.js';
import { pluginsRouter } from './http/routes/plugins.js';
import { privacyRouter } from './http/routes/privacy.js';
import { auditRouter } from './http/routes/audit.js';
import { recordsRouter } from './http/routes/records.js';
import { relationsRouter } from './http/routes/relations.js';
import { relationTypesRouter } from './http/routes/relations-meta.js';
import { timelineRouter } from './http/routes/timeline.js';
import { usersRouter } from './http/routes/users.js';
import { rolesRouter } from './http/routes/roles.js';
import { teamsRouter } from './http/routes/teams.js';
import { webhooksRouter } from './http/routes/webhooks.js';
import { staticFiles } from './http/static-files.js';
import { createLogger, type Logger } from './logger.js';
import { createJobQueue, type JobQueue } from './jobs/index.js';
import { createMailer } from './mail/mailer.js';
import { CORE_VERSION, discoverPlugins, enableDefaultPlugins, inlineCandidate, PluginHost } from './plugins/index.js';
import { RecordHooksRegistry } from './records/record-hooks.js';
import { ConsentService, privacyApi, PrivacyService, RetentionService, SuppressionList, type RecordEraserDeps } from './privacy/index.js';
import { usersApi } from './auth/users-api.js';
import { cascadeAll } from './records/record-writes.js';
import { RecordsService } from './records/records-service.js';
import { RelationTypeService } from './relations/relation-type-service.js';
import { RelationsService } from './relations/relations-service.js';
import { timelineApi } from './timeline/timeline-api.js';
import { TimelineService } from './timeline/timeline-service.js';
import { CoreTokens } from './tokens.js';
import type { AuditLog } from './audit/audit-log.js';
import { WebhookService } from './webhooks/index.js';

/** A running (or ready to run) Trellis instance. */
export interface Trellis {
  readonly config: TrellisConfig;
  readonly db: Database;
  readonly container: DependencyContainer;
  readonly http: Koa<TrellisState>;
  /** What start-up did about the first admin (the CLI prints a generated password once). */
  readonly bootstrap: BootstrapResult;
  /** The plugin host: list, install, enable, disable, upgrade, uninstall plugins, their settings. */
  readonly plugins: PluginHost;
  /** The job queue (started by listen()). */
  readonly jobs: JobQueue;
  /** Starts listening on config.port/host (port 0 picks a free one); resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops listening and closes the database. */
  close(): Promise<void>;
}

/** Options of {@link createTrellis}. */
export interface CreateTrellisOptions {
  /** Settings that win over the environment. */
  config?: Partial<TrellisConfig>;
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Plugin definitions given in code (source `inline`), beside those found on disk; the test kit passes its plugins here. */
  plugins?: PluginDefinition[];
  /** Look for plugin packages in the plugin folders and node_modules (default true). */
  discoverPlugins?: boolean;
}

/**
 * Assembles Trellis: opens and migrates the database, loads metadata, creates the first admin
 * if needed, registers services in a DI container and builds the HTTP app.
 */
export async function createTrellis(options: CreateTrellisOptions = {}): Promise<Trellis> {
  const config = readConfig(options.env ?? process.env, options.config);
  const logger = options.logger ?? createLogger();
  const db = openDatabase(config.databaseUrl);
  try {
    await migrateSystemTables(db.knex);
  } catch (error) {
    await db.close();
    throw error;
  }
  const ajv = createAjv();
  const store = new MetadataStore(db, ajv);
  const metadata = new MetadataService(db, store, ajv);
  const indexes = new IndexService(db, store, ajv);
  const relationTypes = new RelationTypeService(db, store, ajv);
  const events = new DomainEvents(logger);
  const recordHooks = new RecordHooksRegistry();
  const audit = new SqlAuditLog(db, store);
  store.recordChange = metadataRecorder(audit);
  // Before plugins load, so the audit hooks run first and see every write.
  const stopAudit = auditWrites(audit, recordHooks, events, logger);
  const access = new AccessControl(db);
  const roles = new RolesService(db, store, access, audit, logger);
  const teams = new TeamsService(db, access, audit);
  const relations = new RelationsService(db, store, ajv, events, access);
  const timeline = new TimelineService(db, store, ajv, access);
  const consents = new ConsentService(db, store);
  const suppressions = new SuppressionList(db);
  const records = new RecordsService(db, store, config.bulkLimit, cascadeAll(relations, timeline, consents), recordHooks, events, access);
  const mailer = createMailer(config, logger, (address) => suppressions.isSuppressed(address));
  const jobs = createJobQueue(db, logger, { pollIntervalMs: config.jobsPollMs, concurrency: config.jobsConcurrency });
  const webhooks = new WebhookService(db, store, jobs, logger, {
    retries: config.webhookRetries,
    backoffSeconds: config.webhookBackoffSeconds,
  });
  const stopWebhooks = webhooks.start(events);
  const plugins = new PluginHost({
    db,
    store,
    metadata,
    indexes,
    relationTypes,
    hooks: recordHooks,
    events,
    jobs,
    logger,
    coreVersion: CORE_VERSION,
    demo: config.demo,
    demoActor: () => firstAdminActor(db),
    services: {
      records,
      store,
      relations,
      events,
      jobs,
      mailer,
      logger,
      timeline: (actor, plugin, transaction) => timelineApi(timeline, actor, plugin, transaction),
      privacy: privacyApi(consents, suppressions),
      users: usersApi(db),
      access,
      defaultPermissions: (plugin, permissions) => roles.mergePluginPermissions(plugin, permissions, pluginActor(plugin)),
    },
  });
  store.onUnknownFieldTypes = (knex) => plugins.registerInstalledFieldTypes(knex);
  plugins.recordStep = pluginStepRecorder(audit);
  const found = options.discoverPlugins === false ? [] : await discoverPlugins({ cwd: process.cwd(), dirs: config.pluginDirs });
  // Installed plugins' field types must be registered before entity metadata that uses them loads.
  await plugins.load([...(options.plugins ?? []).map(inlineCandidate), ...found]);
  await store.load();
  const sessions = new SessionService(db, config.sessionDays);
  const bootstrap = await ensureFirstAdmin(db, config);
  const stopListening = listenForMetadataChanges(db, store, logger);

  const container = rootContainer.createChildContainer();
  container.register(CoreTokens.Config, { useValue: config });
  container.register(CoreTokens.Database, { useValue: db });
  container.register(CoreTokens.Logger, { useValue: logger });
  container.register(CoreTokens.MetadataStore, { useValue: store });
  container.register(CoreTokens.MetadataService, { useValue: metadata });
  container.register(CoreTokens.Records, { useValue: records });
  container.register(CoreTokens.RelationTypes, { useValue: relationTypes });
  container.register(CoreTokens.Relations, { useValue: relations });
  container.register(CoreTokens.Sessions, { useValue: sessions });
  container.register(CoreTokens.Events, { useValue: events });
  container.register(CoreTokens.RecordHooks, { useValue: recordHooks });
  container.register(CoreTokens.Timeline, { useValue: timeline });
  container.register(CoreTokens.Mailer, { useValue: mailer });
  container.register(CoreTokens.Jobs, { useValue: jobs });
  container.register(CoreTokens.Plugins, { useValue: plugins });
  container.register(CoreTokens.Webhooks, { useValue: webhooks });
  container.register(CoreTokens.Audit, { useValue: audit });
  container.register(CoreTokens.Access, { useValue: access });
  const erasure: RecordEraserDeps = {
    cascade: cascadeAll(relations, timeline),
    consents,
    suppressions,
    audit: container.isRegistered(CoreTokens.Audit) ? container.resolve<AuditLog>(CoreTokens.Audit) : undefined,
    privacyHooks: (actor, txn) => plugins.privacyHooks(actor, txn),
  };
  const privacy = new PrivacyService({ ...erasure, db, store, timeline });
  const retention = new RetentionService(db, store, erasure);
  const stopRetention = retention.schedule(jobs);
  container.register(CoreTokens.Privacy, { useValue: privacy });
  const auth = createAuthServices({
    db,
    config,
    sessions,
    mailer,
    logger,
    audit: container.isRegistered(CoreTokens.Audit) ? container.resolve<AuditLog>(CoreTokens.Audit) : null,
    onUserChanged: (userId) => access.invalidate(userId),
  });

  const http = createHttpApp({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    publicRouters: [healthRouter(db), loginRouter(auth)],
    staticFiles: staticFiles(config.adminUiDir),
    authGate: withAuditContext(authGate(sessions, auth.tokens)),
    routers: [
      sessionRouter(auth),
      usersRouter(auth.users),
      metaRouter(store, metadata, indexes, access),
      relationTypesRouter(store, relationTypes),
      relationsRouter(relations),
      timelineRouter(timeline),
      auditRouter(new AuditQuery(db.sql), records),
      recordsRouter(records),
      pluginsRouter(plugins),
      webhooksRouter(webhooks),
      rolesRouter(roles),
      teamsRouter(teams),
      privacyRouter({ consents, privacy, retention, records }),
      openApiRouter(store, plugins),
    ],
  });
  await plugins.start();
  // Only the start that created the first administrator: a plugin disabled since stays disabled.
  if (bootstrap.created) await enableDefaultPlugins(plugins, config.defaultPlugins, logger);
  if (config.demo) await plugins.seedDemo();

  let server: Server | undefined;
  return {
    config,
    db,
    container,
    http,
    bootstrap,
    plugins,
    jobs,
    async listen() {
      await jobs.start();
      return new Promise((resolve, reject) => {
        const listening = http.listen(config.port, config.host);
        listening.once('error', reject);
        listening.once('listening', () => {
          server = listening;
          const { port } = listening.address() as AddressInfo;
          resolve(`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);
        });
      });
    },
    async close() {
      await stopListening();
      await plugins.stop();
      await stopWebhooks();
      stopRetention();
      stopAudit();
      await jobs.stop();
      if (server) {
        const closing = server;
        server = undefined;
        closing.closeAllConnections();
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      mailer.close();
      await db.close();
    },
  };
}
