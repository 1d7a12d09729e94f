/**
 * The baseline for `npm run bench`: the five benchmarked operations on the same SQLite file,
 * answered by node:http and better-sqlite3 with hand-written SQL. No framework, no auth, no
 * metadata, no validation beyond what the operation needs. It shows what the machine can do,
 * so Trellis's numbers can be read as a ratio to it.
 *
 *   node bench/bare-server.mjs <sqlite file> [port] [host]
 *
 * Routes:
 *   GET   /contact/:id
 *   GET   /contact/list/filtered     status = 'active' AND score > 50, ORDER BY score DESC, id DESC, 25 rows
 *   GET   /contact/list/by-last-name?after_last_name=&after_id=   the page after a (last_name, id) keyset cursor
 *   POST  /contact                   inserts one contact (JSON body), id = UUIDv7
 *   PATCH /contact/:id               sets the given score
 *   GET   /contact/:id/relations     the contact's relations, grouped by type, 25 per type (the statements
 *                                    Trellis's relations list runs: existence check, one UNION ALL of a keyset
 *                                    page per type, one display-field lookup per related entity)
 *   GET   /contact/list/employed-by-filtered   contacts employed by a company in FR with more than 50
 *                                    employees, newest first, 25 rows (the EXISTS Trellis compiles $relation to)
 */
import { v7 as uuidv7 } from 'uuid';
import { openBareDatabase, send, serveBare } from './lib/bare-http.mjs';

const bare = openBareDatabase('bench/bare-server.mjs');
const { db } = bare;

const COLUMNS = 'id, created_at, updated_at, created_by, owner_id, first_name, last_name, email, company, score, created, status';
const PAGE = 25;

const byId = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE id = ?`);
const filtered = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE status = ? AND score > ? ORDER BY score DESC, id DESC LIMIT ?`);
const afterLastName = db.prepare(`SELECT ${COLUMNS} FROM contact WHERE (last_name, id) > (?, ?) ORDER BY last_name, id LIMIT ?`);
const insert = db.prepare(
  `INSERT INTO contact (${COLUMNS}) VALUES (@id, @created_at, @updated_at, NULL, NULL, @first_name, @last_name, @email, @company, @score, @created, @status)`,
);
const contactExists = db.prepare('SELECT "id" FROM "contact" WHERE "id" = ?');
const RELATION_COLUMNS =
  '"id", "type", "subject_entity", "subject_id", "object_entity", "object_id", "symmetric_id", "attributes", "created_at", "created_by"';
/** Relation types whose subject may be a contact, in key order (read once, as Trellis caches them). */
const contactRelationTypes = db
  .prepare('SELECT "key", "label", "subject_entities" FROM "trellis_relation_types" ORDER BY "key"')
  .all()
  .filter((type) => {
    const entities = JSON.parse(type.subject_entities);
    return entities.length === 0 || entities.includes('contact');
  });
const relationPage = `SELECT * FROM (SELECT ${RELATION_COLUMNS} FROM "trellis_relations" WHERE "subject_id" = ? AND "type" = ? AND "subject_entity" = ? ORDER BY "id" LIMIT ?)`;
const relationsOfContact = contactRelationTypes.length
  ? db.prepare(contactRelationTypes.map((_, i) => `${relationPage} AS g${i}`).join(' UNION ALL '))
  : undefined;
/** The display field of each related entity: its first text or e-mail field. */
const DISPLAY = { contact: 'first_name', company: 'name' };
const displayStatements = new Map();
function displayValues(entity, ids) {
  const key = `${entity}/${ids.length}`;
  let statement = displayStatements.get(key);
  if (!statement) {
    statement = db.prepare(`SELECT "id", "${DISPLAY[entity]}" AS v FROM "${entity}" WHERE "id" IN (${ids.map(() => '?').join(', ')})`);
    displayStatements.set(key, statement);
  }
  return new Map(statement.all(ids).map((row) => [row.id, row.v]));
}
// Prepared on first use: the company table exists only when the run seeds relations.
let employedByFiltered;
const employedByFilteredSql = () =>
  `SELECT ${COLUMNS.split(', ')
    .map((c) => `t0."${c}"`)
    .join(
      ', ',
    )} FROM "contact" AS t0 WHERE EXISTS (SELECT 1 FROM "trellis_relations" AS r1 JOIN "company" AS t2 ON t2."id" = r1."object_id" WHERE r1."subject_id" = t0."id" AND r1."type" = ? AND t2."country" = ? AND t2."employees" > ?) ORDER BY t0."id" DESC LIMIT ?`;

/** A contact's relations as Trellis lists them: `{type, relations, page}` per type that has any. */
function listRelations(id) {
  if (!contactExists.get(id)) return undefined;
  if (!relationsOfContact) return [];
  const rows = relationsOfContact.all(contactRelationTypes.flatMap((type) => [id, type.key, 'contact', PAGE + 1]));
  const idsByEntity = new Map();
  for (const row of rows) {
    const ids = idsByEntity.get(row.object_entity) ?? new Set();
    ids.add(row.object_id);
    idsByEntity.set(row.object_entity, ids);
  }
  const labels = new Map();
  for (const [entity, ids] of idsByEntity) labels.set(entity, displayValues(entity, [...ids]));
  return contactRelationTypes.flatMap((type) => {
    const found = rows.filter((row) => row.type === type.key).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (found.length === 0) return [];
    const shown = found.slice(0, PAGE);
    return [
      {
        type: { key: type.key, label: type.label },
        relations: shown.map((row) => {
          const value = labels.get(row.object_entity)?.get(row.object_id);
          return {
            id: row.id,
            object: {
              [DISPLAY[row.object_entity]]: value ?? null,
              entity: row.object_entity,
              id: row.object_id,
              label: typeof value === 'string' && value !== '' ? value : row.object_id,
            },
            attributes: JSON.parse(row.attributes),
            created_at: row.created_at,
            created_by: row.created_by,
          };
        }),
        page: { next: found.length > PAGE ? shown.at(-1).id : null },
      },
    ];
  });
}

const updateScore = db.prepare(`UPDATE contact SET score = ?, updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`);

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

/** A page answered like Trellis does: one row more than asked tells whether there is a next page. */
function page(rows, cursorOf) {
  const data = rows.slice(0, PAGE);
  const next = rows.length > PAGE ? Buffer.from(JSON.stringify(cursorOf(data.at(-1)))).toString('base64url') : null;
  return { data, page: { next } };
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://bare');
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'contact') return send(res, 404, { title: 'Not found' });

  if (req.method === 'GET' && parts[1] === 'list' && parts[2] === 'filtered') {
    const rows = filtered.all('active', 50, PAGE + 1);
    return send(
      res,
      200,
      page(rows, (row) => [row.score, row.id]),
    );
  }
  if (req.method === 'GET' && parts[1] === 'list' && parts[2] === 'by-last-name') {
    const lastName = url.searchParams.get('after_last_name');
    const lastId = url.searchParams.get('after_id');
    if (lastName === null || lastId === null) return send(res, 400, { title: 'after_last_name and after_id are required' });
    const rows = afterLastName.all(lastName, lastId, PAGE + 1);
    return send(
      res,
      200,
      page(rows, (row) => [row.last_name, row.id]),
    );
  }
  if (req.method === 'GET' && parts[1] === 'list' && parts[2] === 'employed-by-filtered') {
    employedByFiltered ??= db.prepare(employedByFilteredSql());
    const rows = employedByFiltered.all('employed_by', 'FR', 50, PAGE + 1);
    return send(
      res,
      200,
      page(rows, (row) => [row.id]),
    );
  }
  if (req.method === 'GET' && parts.length === 3 && parts[2] === 'relations') {
    const groups = listRelations(parts[1]);
    return groups ? send(res, 200, { data: groups }) : send(res, 404, { title: 'Not found' });
  }
  if (req.method === 'GET' && parts.length === 2) {
    const row = byId.get(parts[1]);
    return row ? send(res, 200, { data: row }) : send(res, 404, { title: 'Not found' });
  }
  if (req.method === 'POST' && parts.length === 1) {
    const body = await readJson(req);
    const now = new Date().toISOString();
    const row = {
      id: uuidv7(),
      created_at: now,
      updated_at: now,
      created_by: null,
      owner_id: null,
      first_name: body.first_name ?? null,
      last_name: body.last_name ?? null,
      email: typeof body.email === 'string' ? body.email.trim().toLowerCase() : null,
      company: body.company ?? null,
      score: body.score ?? null,
      created: body.created ? new Date(body.created).toISOString() : null,
      status: body.status ?? null,
    };
    insert.run(row);
    return send(res, 201, { data: row });
  }
  if (req.method === 'PATCH' && parts.length === 2) {
    const body = await readJson(req);
    // .all() steps the RETURNING statement to completion, so the write commits now (.get() would
    // leave it open until the statement is reset).
    const [row] = updateScore.all(body.score, new Date().toISOString(), parts[1]);
    return row ? send(res, 200, { data: row }) : send(res, 404, { title: 'Not found' });
  }
  return send(res, 405, { title: 'Method not allowed' });
}

serveBare(bare, 'Bare baseline', handle);
