import type { EntityMetadata, RelationTypeMetadata } from '@trellis/sdk';
import { fieldType } from '../../entities/field-types/index.js';
import { typeList, typesOfSubject } from './relation-types.js';
import type { OpenApiObject } from './shared.js';

/** Largest page the records API serves (routes/records.ts). */
const MAX_LIMIT = 1000;

const GRAMMAR = [
  'A JSON filter. `{"and":[…]}`, `{"or":[…]}` and `{"not":{…}}` combine conditions;',
  '`{"<field>":{"<op>":value}}` tests a field (several operators on one field must all hold; a bare value means `eq`).',
  'Dotted paths walk through lookups: `{"company.country":{"eq":"FR"}}`.',
  '`in` and `nin` take an array, `between` takes `[from, to]`, `isNull` takes true or false.',
  'An unknown field or operator is a 400 naming its path.',
].join(' ');

function query(name: string, description: string, schema: OpenApiObject, example?: unknown): OpenApiObject {
  return { name, in: 'query', required: false, description, schema, ...(example === undefined ? {} : { example }) };
}

function codeList(names: string[]): string {
  return names.length ? names.map((name) => `\`${name}\``).join(', ') : 'none';
}

const RELATION_GRAMMAR = [
  '`{"$relation":{"type":"<key>"}}` tests the record’s relations of a type: `"to":{"entity":…,"id":…}` one record,',
  '`"where":{…}` a filter on the related records (with `"entity"` when the type links to several), `"exists":false` none,',
  '`"count":{"gte":3}` how many (eq, ne, gt, gte, lt, lte).',
].join(' ');

function relationText(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): string {
  const own = typesOfSubject(entity.name, types);
  const listed = own.length ? `Relation types of ${entity.name}:\n${typeList(own)}` : `No relation type applies to ${entity.name} yet.`;
  return `${RELATION_GRAMMAR}\n\n${listed}`;
}

function filterParameter(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): OpenApiObject {
  const lines = entity.fields.map((field) => `- \`${field.name}\` (${field.type}): ${fieldType(field.type).operators.join(', ')}`);
  return query(
    'filter',
    `${GRAMMAR}\n\nFields of ${entity.name} and their operators:\n${lines.join('\n')}\n\n${relationText(entity, types)}`,
    { type: 'string' },
    '{"and":[{"created_at":{"gte":"2026-01-01T00:00:00Z"}}]}',
  );
}

function searchParameter(entity: EntityMetadata): OpenApiObject {
  const searched = entity.fields.filter((field) => !field.system && fieldType(field.type).searchable).map((field) => field.name);
  return query('q', `Free text, found case-insensitively anywhere in ${codeList(searched)}.`, { type: 'string', maxLength: 200 });
}

function lookupNames(entity: EntityMetadata): string[] {
  return entity.fields.filter((field) => field.type === 'lookup').map((field) => field.name);
}

/** `fields` and `expand`, accepted by list and read. */
export function readParameters(entity: EntityMetadata): OpenApiObject[] {
  return [
    query('fields', 'Comma-separated field names: the records carry only these (and `id`).', { type: 'string' }, 'id,created_at'),
    query('expand', `Comma-separated lookup fields to replace by the record they point to: ${codeList(lookupNames(entity))}.`, {
      type: 'string',
    }),
  ];
}

/** `filter` and `q`, accepted by count; `types` are the relation types `$relation` may name. */
export function countParameters(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): OpenApiObject[] {
  return [filterParameter(entity, types), searchParameter(entity)];
}

/** Everything a list accepts: filter, sort, limit, cursor, fields, expand, q. */
export function listParameters(entity: EntityMetadata, types: readonly RelationTypeMetadata[]): OpenApiObject[] {
  const sortable = entity.fields.filter((field) => fieldType(field.type).sortColumn(field) !== null).map((field) => field.name);
  return [
    filterParameter(entity, types),
    query(
      'sort',
      `Comma-separated field names, \`-\` in front for descending; at most 4. Newest first when absent. Sortable: ${codeList(sortable)}.`,
      { type: 'string' },
      '-created_at',
    ),
    query('limit', `Page size, 1 to ${MAX_LIMIT}.`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 }),
    query('cursor', 'The `page.next` of the previous page, to read the page after it with the same sort.', { type: 'string' }),
    ...readParameters(entity),
    searchParameter(entity),
  ];
}
