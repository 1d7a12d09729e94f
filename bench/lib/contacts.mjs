/**
 * Deterministic, realistic-looking contact rows. The same seed gives the same rows on every
 * machine, so runs compare like with like.
 */

/** sfc32: a small, fast, well-distributed PRNG seeded from four 32-bit words. */
export function createRandom(seed = 0x7e1115) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    /** A float in [0, 1). */
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** One element of a list. */
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const FIRST_NAMES = [
  'Aaliyah',
  'Adam',
  'Adrian',
  'Aiko',
  'Alejandro',
  'Alice',
  'Amara',
  'Amelia',
  'Ana',
  'Andrea',
  'Anika',
  'Anton',
  'Arjun',
  'Astrid',
  'Ben',
  'Bianca',
  'Bruno',
  'Camille',
  'Carlos',
  'Charlotte',
  'Chen',
  'Chloe',
  'Clara',
  'Daniel',
  'David',
  'Diego',
  'Elena',
  'Eli',
  'Emil',
  'Emma',
  'Erik',
  'Fatima',
  'Felix',
  'Freya',
  'Gabriel',
  'Grace',
  'Hana',
  'Hannah',
  'Hugo',
  'Ines',
  'Isaac',
  'Ivan',
  'Jakob',
  'James',
  'Jana',
  'Javier',
  'Jin',
  'Jonas',
  'Julia',
  'Kai',
  'Karim',
  'Kenji',
  'Laila',
  'Lars',
  'Laura',
  'Leo',
  'Lina',
  'Lucas',
  'Lucia',
  'Luka',
  'Maja',
  'Marco',
  'Maria',
  'Mateo',
  'Maya',
  'Mei',
  'Mia',
  'Mohamed',
  'Nadia',
  'Nina',
  'Noah',
  'Nora',
  'Olga',
  'Oliver',
  'Omar',
  'Paula',
  'Pedro',
  'Priya',
  'Rafael',
  'Ravi',
  'Rosa',
  'Sara',
  'Sofia',
  'Sven',
  'Tariq',
  'Theo',
  'Tomas',
  'Valentina',
  'Victor',
  'Wei',
  'Yara',
  'Yusuf',
  'Zara',
  'Zoe',
];

const LAST_NAMES = [
  'Abara',
  'Adams',
  'Alvarez',
  'Andersen',
  'Bakker',
  'Baptiste',
  'Becker',
  'Bernard',
  'Bianchi',
  'Brown',
  'Castro',
  'Chen',
  'Clarke',
  'Costa',
  'Dubois',
  'Dvorak',
  'Eriksson',
  'Evans',
  'Fernandes',
  'Fischer',
  'Fontaine',
  'Garcia',
  'Gomez',
  'Gruber',
  'Haddad',
  'Hansen',
  'Hernandez',
  'Hoffmann',
  'Horvat',
  'Ivanova',
  'Jansen',
  'Jensen',
  'Johansson',
  'Kaur',
  'Keller',
  'Kim',
  'Kowalski',
  'Kumar',
  'Laurent',
  'Lee',
  'Lefebvre',
  'Lindqvist',
  'Lopez',
  'Marin',
  'Martin',
  'Meyer',
  'Moreau',
  'Muller',
  'Murphy',
  'Nakamura',
  'Nguyen',
  'Nielsen',
  'Novak',
  'Okafor',
  'Olsen',
  'Park',
  'Patel',
  'Peeters',
  'Perez',
  'Petrov',
  'Popescu',
  'Rossi',
  'Russo',
  'Santos',
  'Sato',
  'Schmidt',
  'Schneider',
  'Silva',
  'Singh',
  'Smith',
  'Sorensen',
  'Suzuki',
  'Tanaka',
  'Taylor',
  'Thomas',
  'Torres',
  'Van Dijk',
  'Varga',
  'Wagner',
  'Walsh',
  'Wang',
  'Weber',
  'Williams',
  'Wilson',
  'Wojcik',
  'Yamamoto',
  'Yilmaz',
  'Zhang',
  'Zimmermann',
];

const COMPANY_STEMS = [
  'Acme',
  'Apex',
  'Arbor',
  'Atlas',
  'Beacon',
  'Birch',
  'Blue Harbor',
  'Bright',
  'Cedar',
  'Cobalt',
  'Copper',
  'Crest',
  'Delta',
  'Echo',
  'Ember',
  'Evergreen',
  'Falcon',
  'Fern',
  'Granite',
  'Harbor',
  'Horizon',
  'Iris',
  'Juniper',
  'Keystone',
  'Lakeside',
  'Lumen',
  'Maple',
  'Meridian',
  'Nimbus',
  'North Star',
  'Oak',
  'Orbit',
  'Pine',
  'Pioneer',
  'Quartz',
  'Redwood',
  'Ridge',
  'River',
  'Sage',
  'Silver',
  'Summit',
  'Terra',
  'Tidal',
  'Trellis',
  'Vertex',
  'Willow',
  'Zenith',
];
const COMPANY_KINDS = [
  'Analytics',
  'Bakery',
  'Consulting',
  'Dynamics',
  'Energy',
  'Foods',
  'Health',
  'Labs',
  'Logistics',
  'Media',
  'Motors',
  'Partners',
  'Robotics',
  'Software',
  'Systems',
  'Textiles',
  'Travel',
  'Ventures',
];
const COMPANY_SUFFIXES = ['Inc.', 'Ltd', 'GmbH', 'SAS', 'BV', 'AB', 'LLC', 'S.p.A.', 'Oy', 'KK'];

const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'corp.example', 'sales.example'];

/** Status mix of a typical pipeline: most contacts new or active, fewer closed. */
const STATUSES = [
  ['new', 0.3],
  ['active', 0.4],
  ['lost', 0.15],
  ['won', 0.15],
];

/** Picks a value from `[value, share]` pairs whose shares add up to 1. */
export function pickWeighted(r, table) {
  let x = r.next();
  for (const [value, share] of table) {
    if (x < share) return value;
    x -= share;
  }
  return table[table.length - 1][0];
}

const CREATED_FROM = Date.UTC(2020, 0, 1);
const CREATED_SPAN = Date.UTC(2026, 10, 1) - CREATED_FROM;

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/**
 * The contact with sequence number `n` drawn from `r`. The number makes the e-mail unique;
 * `tag` keeps e-mails of different writers (seeding, create benchmarks) apart.
 */
export function contact(r, n, tag = 's') {
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  return {
    first_name: first,
    last_name: last,
    email: `${slug(first)}.${slug(last)}.${tag}${n}@${r.pick(MAIL_DOMAINS)}`,
    company: `${r.pick(COMPANY_STEMS)} ${r.pick(COMPANY_KINDS)} ${r.pick(COMPANY_SUFFIXES)}`,
    score: r.int(0, 100),
    created: new Date(CREATED_FROM + Math.floor(r.next() * CREATED_SPAN)).toISOString(),
    status: pickWeighted(r, STATUSES),
  };
}

/** The fields of the benchmark's `contact` entity, as `POST /api/meta/entities` takes them. */
export const CONTACT_ENTITY = {
  name: 'contact',
  label: 'Contact',
  pluralLabel: 'Contacts',
  fields: [
    { name: 'first_name', type: 'text' },
    { name: 'last_name', type: 'text', indexed: true },
    { name: 'email', type: 'email', indexed: true, unique: true },
    { name: 'company', type: 'text' },
    { name: 'score', type: 'integer', indexed: true },
    { name: 'created', type: 'datetime' },
    { name: 'status', type: 'select', indexed: true, options: { choices: ['new', 'active', 'lost', 'won'] } },
  ],
};
