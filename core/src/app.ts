import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type Koa from 'koa';
import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import { authGate } from './auth/auth-gate.js';
import { ensureFirstAdmin, firstAdminActor, type BootstrapResult } from './auth/bootstrap-admin.js';
import { SessionService } from './auth/sessions.js';
import { readConfig, type TrellisConfig } from './config.js';
import { openDatabase, type Database } from './db/connect.js';
import { migrateSystemTables } from './db/system-schema.js';
import { seedDemo } from './demo/seed-demo.js';
import { MetadataService } from './entities/metadata-service.js';
import { MetadataStore } from './entities/metadata-store.js';
import { listenForMetadataChanges } from './entities/metadata-sync.js';
import { createAjv } from './entities/validators.js';
import { createHttpApp } from './http/app.js';
import type { TrellisState } from './http/context.js';
import { loginRouter, sessionRouter } from './http/routes/auth.js';
import { healthRouter } from './http/routes/health.js';
import { metaRouter } from './http/routes/meta.js';
import { openApiRouter } from './http/routes/openapi.js';
import { recordsRouter } from './http/routes/records.js';
import { relationsRouter } from './http/routes/relations.js';
import { relationTypesRouter } from './http/routes/relations-meta.js';
import { staticFiles } from './http/static-files.js';
import { createLogger, type Logger } from './logger.js';
import { RecordsService } from './records/records-service.js';
import { RelationTypeService } from './relations/relation-type-service.js';
import { RelationsService } from './relations/relations-service.js';
import { CoreTokens } from './tokens.js';

/** A running (or ready to run) Trellis instance. */
export interface Trellis {
  readonly config: TrellisConfig;
  readonly db: Database;
  readonly container: DependencyContainer;
  readonly http: Koa<TrellisState>;
  /** What start-up did about the first admin (the CLI prints a generated password once). */
  readonly bootstrap: BootstrapResult;
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
  await store.load();
  const metadata = new MetadataService(db, store, ajv);
  const relationTypes = new RelationTypeService(db, store, ajv);
  const relations = new RelationsService(db, store, ajv, logger);
  const records = new RecordsService(db, store, config.bulkLimit, relations);
  const sessions = new SessionService(db, config.sessionDays);
  const bootstrap = await ensureFirstAdmin(db, config);
  if (config.demo && (await seedDemo(store, metadata, records, await firstAdminActor(db)))) logger.info('demo data seeded');
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

  const http = createHttpApp({
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    publicRouters: [healthRouter(db), loginRouter(db, sessions, config.sessionDays)],
    staticFiles: staticFiles(config.adminUiDir),
    authGate: authGate(sessions),
    routers: [
      sessionRouter(db, sessions),
      metaRouter(store, metadata),
      relationTypesRouter(store, relationTypes),
      relationsRouter(relations),
      recordsRouter(records),
      openApiRouter(store),
    ],
  });

  let server: Server | undefined;
  return {
    config,
    db,
    container,
    http,
    bootstrap,
    listen() {
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
      if (server) {
        const closing = server;
        server = undefined;
        closing.closeAllConnections();
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      await db.close();
    },
  };
}
