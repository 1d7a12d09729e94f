import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bulkCreate,
  count,
  createEntity,
  createRecord,
  expectOk,
  expectProblem,
  listAll,
  qs,
  snapshot,
  tableExists,
  type Rec,
} from './support/api.js';
import { startTestServer, type TestServer } from './support/server.js';

/** A seeded person as the test expects it stored (normalised the way each type documents). */
interface Person {
  id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  score: number | null;
  rating: number | null;
  status: string | null;
  vip: boolean | null;
  tags: string[] | null;
  phone: string | null;
  born_on: string | null;
  seen_at: string | null;
  company: string | null;
  note: string | null;
  website: string | null;
  budget: number | null;
}

interface Org {
  id: string;
  name: string;
  country: string | null;
  parent: string | null;
}

let server: TestServer;
const orgs: Org[] = [];
const people: Person[] = [];
let before: Rec[];

const N = 64;
const FIRST = ['Anna', 'Louis', 'Bob', 'Jules', 'Emma', 'Hugo', 'Chloe', 'Nina'];
const SPECIAL_FIRST: Record<number, string> = {
  0: '100%',
  1: '100 percent',
  2: 'x_y',
  3: 'xay',
  4: "O'Brien",
  5: "x' OR 1=1 --",
  6: 'back\\slash',
  7: 'JOANNA',
  8: 'Anna',
  9: 'annabel',
  10: 'Bobby',
  11: 'bob',
};
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];
const TAG_SETS = [[], ['red'], ['green', 'red'], ['blue'], ['blue', 'green', 'red']];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The API body of seeded person i, and what the test expects stored. */
function person(i: number): { input: Record<string, unknown>; expected: Omit<Person, 'id'> } {
  const first = i % 13 === 12 ? null : (SPECIAL_FIRST[i] ?? FIRST[i % FIRST.length]!);
  const last = i % 11 === 10 ? null : LAST[(i * 7) % LAST.length]!;
  const email = i % 9 === 8 ? null : i % 2 === 0 ? `User${i}@Example.com` : `user${i}@test.org`;
  const seenAt = Date.UTC(2026, 0, 1) + i * 7 * 3_600_000 + i * 60_000;
  const seenInput =
    i % 5 === 0
      ? null
      : i % 2 === 0
        ? new Date(seenAt).toISOString()
        : `${new Date(seenAt + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`;
  const phoneFormats = [`06 12 34 56 ${pad2(i)}`, `+33 6 12 34 56 ${pad2(i)}`, `06.12.34.56.${pad2(i)}`];
  const amount = Math.round((i * 12_345) % 100_000) / 100;
  const input: Record<string, unknown> = {
    first_name: first,
    last_name: last,
    email,
    score: i % 7 === 6 ? null : ((i * 37) % 100) - 20,
    rating: i % 8 === 7 ? null : ((i * 13) % 50) / 4,
    status: i % 10 === 9 ? null : ['active', 'inactive', 'lead'][i % 3],
    vip: i % 6 === 5 ? null : i % 2 === 0,
    tags: i % 7 === 3 ? null : TAG_SETS[i % TAG_SETS.length],
    phone: i % 4 === 3 ? null : phoneFormats[i % 3],
    born_on: i % 6 === 0 ? null : `${1970 + ((i * 7) % 40)}-${pad2((i % 12) + 1)}-${pad2(((i * 3) % 28) + 1)}`,
    seen_at: seenInput,
    company: i % 4 === 0 ? null : orgs[i % orgs.length]!.id,
    note:
      i % 5 === 1
        ? `has a needle inside (${i})`
        : i % 5 === 2
          ? 'NEEDLE in capitals'
          : i % 5 === 3
            ? null
            : i === 4
              ? 'now 50% off'
              : `plain text ${i}`,
    website: i % 10 === 3 ? null : `https://site${i % 5}.example.com/p?id=${i}`,
    budget: i % 3 === 2 ? null : { amount, currency: i % 2 ? 'USD' : 'EUR' },
  };
  const expected: Omit<Person, 'id'> = {
    first_name: first,
    last_name: last,
    email: email?.toLowerCase() ?? null,
    score: input.score as number | null,
    rating: input.rating as number | null,
    status: input.status as string | null,
    vip: input.vip as boolean | null,
    tags: input.tags as string[] | null,
    phone: input.phone === null ? null : `+336123456${pad2(i)}`,
    born_on: input.born_on as string | null,
    seen_at: seenInput === null ? null : new Date(seenAt).toISOString(),
    company: input.company as string | null,
    note: input.note as string | null,
    website: input.website as string | null,
    budget: input.budget === null ? null : amount,
  };
  return { input, expected };
}

beforeAll(async () => {
  server = await startTestServer();
  await createEntity(server, {
    name: 'org',
    label: 'Organisation',
    fields: [
      { name: 'name', type: 'text' },
      { name: 'country', type: 'text' },
      { name: 'parent', type: 'lookup', options: { target: 'org' } },
    ],
  });
  await createEntity(server, {
    name: 'person',
    label: 'Person',
    fields: [
      { name: 'first_name', type: 'text' },
      { name: 'last_name', type: 'text', indexed: true },
      { name: 'email', type: 'email' },
      { name: 'score', type: 'integer' },
      { name: 'rating', type: 'decimal' },
      { name: 'status', type: 'select', options: { choices: ['active', 'inactive', 'lead'] } },
      { name: 'vip', type: 'boolean' },
      { name: 'tags', type: 'multi_select', options: { choices: ['red', 'green', 'blue'] } },
      { name: 'phone', type: 'phone', options: { defaultCountry: 'FR' } },
      { name: 'born_on', type: 'date' },
      { name: 'seen_at', type: 'datetime' },
      { name: 'company', type: 'lookup', options: { target: 'org' } },
      { name: 'note', type: 'long_text' },
      { name: 'website', type: 'url' },
      { name: 'budget', type: 'currency' },
      { name: 'extra', type: 'json' },
    ],
  });
  for (const [name, country, parent] of [
    ['Acme', 'FR', null],
    ['Globex', 'US', 'Acme'],
    ['Initech', null, 'Globex'],
    ['Umbrella', 'FR', 'Initech'],
    ['Hooli', 'DE', null],
  ] as const) {
    const parentId = parent === null ? null : orgs.find((org) => org.name === parent)!.id;
    const created = await createRecord(server, 'org', { name, country, parent: parentId });
    orgs.push({ id: created.id, name, country, parent: parentId });
  }
  const seeds = Array.from({ length: N }, (_, i) => person(i));
  const created = await bulkCreate(
    server,
    'person',
    seeds.map((seed) => seed.input),
  );
  created.forEach((record, i) => people.push({ id: record.id, ...seeds[i]!.expected }));
  before = await snapshot(server, 'person');
});
afterAll(() => server?.close());

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();
const lower = (value: string | null) => (value === null ? null : value.toLowerCase());
const orgOf = (p: Person) => orgs.find((org) => org.id === p.company) ?? null;
const parentOf = (org: Org | null) => (org?.parent ? orgs.find((o) => o.id === org.parent)! : null);
const has = (p: Person, tag: string) => p.tags !== null && p.tags.includes(tag);

async function matching(filter: unknown): Promise<string[]> {
  return ids(await listAll(server, 'person', { filter }));
}

describe('the seed', () => {
  it('is stored as the test expects it', () => {
    const byId = new Map(before.map((row) => [row.id, row]));
    expect(byId.size).toBe(N);
    for (const p of people) {
      const row = byId.get(p.id)!;
      expect({ ...row, phone: row.phone?.e164 ?? null, budget: row.budget?.amount ?? null }).toMatchObject(p);
    }
  });
});

type Case = [string, unknown, (p: Person) => boolean];

const CASES: Case[] = [
  ['eq on text', { last_name: { eq: 'Martin' } }, (p) => p.last_name === 'Martin'],
  ['ne on text (NULLs included)', { last_name: { ne: 'Martin' } }, (p) => p.last_name !== 'Martin'],
  ['gt on text', { last_name: { gt: 'Moreau' } }, (p) => p.last_name !== null && p.last_name > 'Moreau'],
  ['lte on text', { last_name: { lte: 'Durand' } }, (p) => p.last_name !== null && p.last_name <= 'Durand'],
  ['eq on integer', { score: { eq: 17 } }, (p) => p.score === 17],
  ['ne on integer (NULLs included)', { score: { ne: 17 } }, (p) => p.score !== 17],
  ['gt on integer', { score: { gt: 30 } }, (p) => p.score !== null && p.score > 30],
  ['gte on integer', { score: { gte: 30 } }, (p) => p.score !== null && p.score >= 30],
  ['lt on integer (negatives)', { score: { lt: 0 } }, (p) => p.score !== null && p.score < 0],
  ['lte on integer', { score: { lte: -3 } }, (p) => p.score !== null && p.score <= -3],
  ['between on integer (inclusive)', { score: { between: [10, 40] } }, (p) => p.score !== null && p.score >= 10 && p.score <= 40],
  ['in on integer', { score: { in: [17, 54, -20, 1000] } }, (p) => p.score !== null && [17, 54, -20, 1000].includes(p.score)],
  ['nin on integer (NULLs included)', { score: { nin: [17, 54] } }, (p) => p.score === null || ![17, 54].includes(p.score)],
  ['in with an empty list', { score: { in: [] } }, () => false],
  ['nin with an empty list', { score: { nin: [] } }, () => true],
  ['isNull true', { score: { isNull: true } }, (p) => p.score === null],
  ['isNull false', { score: { isNull: false } }, (p) => p.score !== null],
  ['eq null', { score: { eq: null } }, (p) => p.score === null],
  ['ne null', { score: { ne: null } }, (p) => p.score !== null],
  ['gte on decimal', { rating: { gte: 5.5 } }, (p) => p.rating !== null && p.rating >= 5.5],
  ['between on decimal', { rating: { between: [2.5, 7.25] } }, (p) => p.rating !== null && p.rating >= 2.5 && p.rating <= 7.25],
  ['gt on a currency amount', { budget: { gt: 500 } }, (p) => p.budget !== null && p.budget > 500],
  ['contains, whatever the case', { first_name: { contains: 'ann' } }, (p) => lower(p.first_name)?.includes('ann') ?? false],
  ['contains in capitals', { first_name: { contains: 'ANN' } }, (p) => lower(p.first_name)?.includes('ann') ?? false],
  ['startsWith, whatever the case', { first_name: { startsWith: 'BO' } }, (p) => lower(p.first_name)?.startsWith('bo') ?? false],
  ['endsWith, whatever the case', { first_name: { endsWith: 'NA' } }, (p) => lower(p.first_name)?.endsWith('na') ?? false],
  ['contains "%" as a character', { first_name: { contains: '%' } }, (p) => p.first_name?.includes('%') ?? false],
  ['startsWith "100%" as characters', { first_name: { startsWith: '100%' } }, (p) => p.first_name?.startsWith('100%') ?? false],
  ['contains "_" as a character', { first_name: { contains: 'x_y' } }, (p) => p.first_name?.includes('x_y') ?? false],
  ['endsWith "_y" as characters', { first_name: { endsWith: '_y' } }, (p) => p.first_name?.endsWith('_y') ?? false],
  ['contains a backslash', { first_name: { contains: '\\' } }, (p) => p.first_name?.includes('\\') ?? false],
  ['contains a quote', { first_name: { contains: "'" } }, (p) => p.first_name?.includes("'") ?? false],
  ['eq with a quote', { first_name: { eq: "O'Brien" } }, (p) => p.first_name === "O'Brien"],
  ['eq on e-mail, in any case', { email: { eq: 'USER4@EXAMPLE.COM' } }, (p) => p.email === 'user4@example.com'],
  ['endsWith on e-mail', { email: { endsWith: '@TEST.org' } }, (p) => p.email?.endsWith('@test.org') ?? false],
  ['contains on a url', { website: { contains: 'site3.' } }, (p) => p.website?.includes('site3.') ?? false],
  ['contains on long text', { note: { contains: 'needle' } }, (p) => lower(p.note)?.includes('needle') ?? false],
  ['shorthand equality', { status: 'active' }, (p) => p.status === 'active'],
  ['shorthand null', { status: null }, (p) => p.status === null],
  ['select ne (NULLs included)', { status: { ne: 'lead' } }, (p) => p.status !== 'lead'],
  ['select in', { status: { in: ['active', 'lead'] } }, (p) => p.status === 'active' || p.status === 'lead'],
  ['select nin (NULLs included)', { status: { nin: ['active'] } }, (p) => p.status !== 'active'],
  ['boolean false (not NULL)', { vip: false }, (p) => p.vip === false],
  ['boolean true', { vip: { eq: true } }, (p) => p.vip === true],
  ['boolean ne true (NULLs included)', { vip: { ne: true } }, (p) => p.vip !== true],
  ['multi-select contains', { tags: { contains: 'red' } }, (p) => has(p, 'red')],
  ['multi-select in (any of)', { tags: { in: ['blue', 'green'] } }, (p) => has(p, 'blue') || has(p, 'green')],
  ['multi-select nin (none of, NULLs included)', { tags: { nin: ['red'] } }, (p) => !has(p, 'red')],
  ['multi-select in with an empty list', { tags: { in: [] } }, () => false],
  ['multi-select nin with an empty list', { tags: { nin: [] } }, () => true],
  ['multi-select isNull (an empty list is not NULL)', { tags: { isNull: true } }, (p) => p.tags === null],
  ['phone eq, written another way', { phone: { eq: '+33 6 12 34 56 04' } }, (p) => p.phone === '+33612345604'],
  ['phone eq, national format', { phone: { eq: '0612345605' } }, (p) => p.phone === '+33612345605'],
  ['phone in', { phone: { in: ['06 12 34 56 01', '+33612345602'] } }, (p) => p.phone === '+33612345601' || p.phone === '+33612345602'],
  ['phone startsWith a prefix', { phone: { startsWith: '+33 6 12 34 56 1' } }, (p) => p.phone?.startsWith('+336123456' + '1') ?? false],
  [
    'date range',
    { born_on: { gte: '1980-01-01', lt: '1990-01-01' } },
    (p) => p.born_on !== null && p.born_on >= '1980-01-01' && p.born_on < '1990-01-01',
  ],
  [
    'date between',
    { born_on: { between: ['1995-06-01', '2005-12-31'] } },
    (p) => p.born_on !== null && p.born_on >= '1995-06-01' && p.born_on <= '2005-12-31',
  ],
  [
    'datetime range with offsets',
    { seen_at: { gte: '2026-01-05T02:00:00+02:00', lt: '2026-01-10T00:00:00Z' } },
    (p) =>
      p.seen_at !== null &&
      Date.parse(p.seen_at) >= Date.parse('2026-01-05T00:00:00Z') &&
      Date.parse(p.seen_at) < Date.parse('2026-01-10T00:00:00Z'),
  ],
  ['datetime gt', { seen_at: { gt: '2026-01-12T12:00:00.000Z' } }, (p) => p.seen_at !== null && p.seen_at > '2026-01-12T12:00:00.000Z'],
  ['lookup by id', { company: () => orgs[1]!.id }, (p) => p.company === orgs[1]!.id],
  ['lookup in', { company: { in: () => [orgs[1]!.id, orgs[2]!.id] } }, (p) => p.company === orgs[1]!.id || p.company === orgs[2]!.id],
  ['lookup isNull', { company: { isNull: true } }, (p) => p.company === null],
  ['dotted path through a lookup', { 'company.country': { eq: 'FR' } }, (p) => orgOf(p)?.country === 'FR'],
  // With no company, company.country reads as NULL: NULL-matching tests include those records.
  [
    'dotted path with isNull (no company counts as no country)',
    { 'company.country': { isNull: true } },
    (p) => (orgOf(p)?.country ?? null) === null,
  ],
  ['dotted path with isNull false', { 'company.country': { isNull: false } }, (p) => (orgOf(p)?.country ?? null) !== null],
  ['dotted path with ne includes records without a company', { 'company.country': { ne: 'FR' } }, (p) => orgOf(p)?.country !== 'FR'],
  ['two levels of lookups (self-lookup)', { 'company.parent.name': { eq: 'Acme' } }, (p) => parentOf(orgOf(p))?.name === 'Acme'],
  [
    'two levels with contains',
    { 'company.parent.name': { contains: 'O' } },
    (p) => lower(parentOf(orgOf(p))?.name ?? null)?.includes('o') ?? false,
  ],
  ['id in', { id: { in: () => [people[3]!.id, people[30]!.id] } }, (p) => p.id === people[3]!.id || p.id === people[30]!.id],
  ['created_at before now', { created_at: { lte: () => new Date().toISOString() } }, () => true],
  ['an empty filter', {}, () => true],
  ['two fields in one object (and)', { status: 'active', vip: true }, (p) => p.status === 'active' && p.vip === true],
  ['two operators on one field (and)', { score: { gte: 0, lt: 50 } }, (p) => p.score !== null && p.score >= 0 && p.score < 50],
  ['and', { and: [{ status: 'active' }, { score: { gte: 0 } }] }, (p) => p.status === 'active' && p.score !== null && p.score >= 0],
  ['or', { or: [{ status: 'lead' }, { vip: true }] }, (p) => p.status === 'lead' || p.vip === true],
  ['an empty and (everything)', { and: [] }, () => true],
  ['an empty or (nothing)', { or: [] }, () => false],
  ['not (exact complement, NULLs included)', { not: { score: { gt: 30 } } }, (p) => !(p.score !== null && p.score > 30)],
  ['not of ne', { not: { status: { ne: 'active' } } }, (p) => p.status === 'active'],
  ['not of or', { not: { or: [{ status: 'lead' }, { vip: true }] } }, (p) => !(p.status === 'lead' || p.vip === true)],
  ['not of a dotted path', { not: { 'company.country': { eq: 'FR' } } }, (p) => orgOf(p)?.country !== 'FR'],
  ['not of not', { not: { not: { vip: true } } }, (p) => p.vip === true],
  [
    'nested and / or / not',
    {
      or: [
        { and: [{ status: 'active' }, { not: { tags: { contains: 'red' } } }] },
        { and: [{ 'company.country': 'FR' }, { score: { lt: 10 } }] },
      ],
    },
    (p) => (p.status === 'active' && !has(p, 'red')) || (orgOf(p)?.country === 'FR' && p.score !== null && p.score < 10),
  ],
  ['a SQL-looking value matches only itself', { first_name: { eq: "x' OR 1=1 --" } }, (p) => p.first_name === "x' OR 1=1 --"],
  ['a SQL-looking value that nobody has', { last_name: { eq: "Robert'); DROP TABLE person;--" } }, () => false],
  ['a SQL-looking contains', { last_name: { contains: "' OR '1'='1" } }, () => false],
];

/** Replaces functions in a filter (values known only once seeded) by their value. */
function resolve(value: unknown): unknown {
  if (typeof value === 'function') return (value as () => unknown)();
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
  return value;
}

describe('every operator', () => {
  it.each(CASES)('%s', async (_name, raw, predicate) => {
    const filter = resolve(raw);
    const expected = ids(people.filter(predicate));
    expect(await matching(filter)).toEqual(expected);
    expect(await count(server, 'person', { filter })).toBe(expected.length);
    // `not` is the exact complement, rows with NULLs included.
    const complement = ids(people.filter((p) => !predicate(p)));
    expect(await matching({ not: filter })).toEqual(complement);
  });

  it('has cases that select something and leave something out', () => {
    // Guards the seed: a predicate that selects all or nothing proves little.
    const informative = CASES.filter(([, , predicate]) => {
      const hits = people.filter(predicate).length;
      return hits > 0 && hits < N;
    });
    expect(informative.length).toBeGreaterThan(CASES.length - 12);
  });
});

describe('q (free-text search)', () => {
  const searchable = (p: Person) => [p.first_name, p.last_name, p.email, p.note, p.website];
  it.each([['needle'], ['NEEDLE'], ['%'], ['_y'], ['example.com'], ['robert'], ['nothing matches this']])('q=%s', async (text) => {
    const expected = ids(people.filter((p) => searchable(p).some((value) => value?.toLowerCase().includes(text.toLowerCase()))));
    expect(ids(await listAll(server, 'person', { q: text }))).toEqual(expected);
    expect(await count(server, 'person', { q: text })).toBe(expected.length);
  });

  it('finds a phone number by its digits as written', async () => {
    const hits = await listAll(server, 'person', { q: '.56.05' });
    expect(ids(hits)).toEqual(ids(people.filter((_, i) => i === 5)));
  });

  it('combines with a filter', async () => {
    const expected = ids(people.filter((p) => lower(p.note)?.includes('needle') && p.status === 'active'));
    expect(ids(await listAll(server, 'person', { q: 'needle', filter: { status: 'active' } }))).toEqual(expected);
  });
});

describe('bad filters', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown field', { nope: { eq: 1 } }, 'filter.nope'],
    ['an unknown operator', { score: { like: 'x' } }, 'filter.score.like'],
    ['an operator that does not fit the type (contains on integer)', { score: { contains: '1' } }, 'filter.score.contains'],
    ['an operator that does not fit the type (gt on select)', { status: { gt: 'active' } }, 'filter.status.gt'],
    ['an operator that does not fit the type (eq on json)', { extra: { eq: 'x' } }, 'filter.extra.eq'],
    ['an operand of the wrong type', { score: { gt: 'abc' } }, 'filter.score.gt'],
    ['a fractional integer operand', { score: { eq: 1.5 } }, 'filter.score.eq'],
    ['a string for a boolean', { vip: 'yes' }, 'filter.vip.eq'],
    ['an unknown choice', { status: 'zombie' }, 'filter.status.eq'],
    ['an unknown choice in a multi-select', { tags: { contains: 'purple' } }, 'filter.tags.contains'],
    ['in that is not an array', { status: { in: 'active' } }, 'filter.status.in'],
    ['a wrong value inside in', { score: { in: [1, 'two'] } }, 'filter.score.in[1]'],
    ['between with one value', { score: { between: [1] } }, 'filter.score.between'],
    ['isNull that is not a boolean', { score: { isNull: 'yes' } }, 'filter.score.isNull'],
    ['an impossible date', { born_on: { eq: '2026-02-30' } }, 'filter.born_on.eq'],
    ['a date in another format', { born_on: { gt: '01/02/2000' } }, 'filter.born_on.gt'],
    ['an impossible date-time', { seen_at: { gt: '2026-02-30T10:00:00Z' } }, 'filter.seen_at.gt'],
    ['a date-time without offset', { seen_at: { gt: '2026-01-05T10:00:00' } }, 'filter.seen_at.gt'],
    ['something that is no phone number', { phone: { eq: 'call me' } }, 'filter.phone.eq'],
    ['a lookup value that is not an id', { company: 'Acme' }, 'filter.company.eq'],
    ['a dotted path through a field that is not a lookup', { 'last_name.x': { eq: 'a' } }, 'filter.last_name.x'],
    ['a dotted path to an unknown field of the target', { 'company.nope': { eq: 'a' } }, 'filter.company.nope'],
    ['a SQL-looking field name', { 'last_name" OR 1=1 --': { eq: 'a' } }, 'filter.last_name" OR 1=1 --'],
    ['a SQL-looking dotted path', { 'company.name") OR 1=1 --': { eq: 'a' } }, 'filter.company.name") OR 1=1 --'],
    ['an unknown $ keyword', { $bogus: { type: 'x' } }, 'filter.$bogus'],
    ['a misspelt $relation', { $relations: { type: 'employs' } }, 'filter.$relations'],
    ['and that is not an array', { and: { status: 'active' } }, 'filter.and'],
    ['a deep mistake', { and: [{ status: 'active' }, { or: [{ vip: true }, { score: { gt: 'x' } }] }] }, 'filter.and[1].or[1].score.gt'],
    ['a deep mistake under not', { not: { and: [{ nope: 1 }] } }, 'filter.not.and[0].nope'],
    ['no operator at all', { score: {} }, 'filter.score'],
    ['an array instead of an object', [{ status: 'active' }], 'filter'],
    ['a number instead of an object', 42, 'filter'],
    [
      'a filter nested too deep',
      Array.from({ length: 20 }).reduce((inner) => ({ not: inner }), { vip: true }),
      'filter' + '.not'.repeat(13),
    ],
  ];

  it.each(cases)('%s → 400 naming the path', async (_name, filter, path) => {
    for (const endpoint of ['/api/records/person', '/api/records/person/count']) {
      const body = expectProblem(await server.request('GET', `${endpoint}${qs({ filter })}`), 400, 'TRELLIS_VALIDATION', path);
      expect(body.errors).toHaveLength(1);
    }
  });

  it.each([['{"score":'], ['not json'], ["{'score': 1}"]])('invalid JSON %s → 400 naming filter', async (raw) => {
    const body = expectProblem(
      await server.request('GET', `/api/records/person?filter=${encodeURIComponent(raw)}`),
      400,
      'TRELLIS_VALIDATION',
      'filter',
    );
    expect(body.errors[0].message).toMatch(/JSON/);
  });

  it('refuses a filter given twice', async () => {
    const one = encodeURIComponent(JSON.stringify({ vip: true }));
    expectProblem(await server.request('GET', `/api/records/person?filter=${one}&filter=${one}`), 400, 'TRELLIS_VALIDATION', 'filter');
  });

  it('answers 404 for a filter on an unknown entity', async () => {
    expectProblem(await server.request('GET', `/api/records/nobody${qs({ filter: { x: 1 } })}`), 404, 'TRELLIS_NOT_FOUND');
  });

  it('SQL-looking values in q return what they literally match', async () => {
    for (const text of ["' OR 1=1 --", "x' OR 1=1 --", '"; DROP TABLE person; --']) {
      const expected = ids(
        people.filter((p) =>
          [p.first_name, p.last_name, p.email, p.note, p.website].some((v) => v?.toLowerCase().includes(text.toLowerCase())),
        ),
      );
      expect(ids(await listAll(server, 'person', { q: text }))).toEqual(expected);
      expect(expected.length).toBeLessThan(2);
    }
  });

  it('leave the database as it was', async () => {
    expect(await tableExists(server, 'person')).toBe(true);
    expect(await tableExists(server, 'org')).toBe(true);
    expect(await snapshot(server, 'person')).toEqual(before);
    expect(await count(server, 'org')).toBe(orgs.length);
    expectOk(await server.request('GET', '/api/meta/entities/person'));
  });
});
