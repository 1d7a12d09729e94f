import type { EntityDefinition } from '@trellis/sdk';

/** The demo's entities: a plain company / contact model anyone can extend from the API. */
export const DEMO_ENTITIES: EntityDefinition[] = [
  {
    name: 'company',
    label: 'Company',
    pluralLabel: 'Companies',
    description: 'Organisations you work with (demo data).',
    fields: [
      { name: 'name', type: 'text', required: true, indexed: true },
      { name: 'website', type: 'url' },
      {
        name: 'industry',
        type: 'select',
        indexed: true,
        options: { choices: ['software', 'manufacturing', 'retail', 'finance', 'health'] },
      },
      { name: 'country', type: 'text', indexed: true },
      { name: 'employees', type: 'integer', indexed: true },
      { name: 'phone', type: 'phone' },
    ],
  },
  {
    name: 'contact',
    label: 'Contact',
    description: 'People at those companies (demo data).',
    fields: [
      { name: 'first_name', type: 'text', required: true },
      { name: 'last_name', type: 'text', required: true, indexed: true },
      { name: 'email', type: 'email', unique: true },
      { name: 'phone', type: 'phone' },
      { name: 'job_title', type: 'text' },
      { name: 'company', type: 'lookup', options: { target: 'company' } },
      { name: 'status', type: 'select', indexed: true, default: 'new', options: { choices: ['new', 'active', 'customer', 'lost'] } },
      { name: 'score', type: 'integer', indexed: true, default: 0 },
      { name: 'newsletter', type: 'boolean', default: false },
    ],
  },
];

const COMPANY_NAMES = [
  'Acme Robotics',
  'Blue Harbor Foods',
  'Cobalt Analytics',
  'Delta Textiles',
  'Evergreen Clinics',
  'Fjord Capital',
  'Granite Works',
  'Helios Energy',
  'Indigo Retail',
  'Juniper Health',
  'Kestrel Software',
  'Lumen Optics',
  'Meridian Bank',
  'Northwind Traders',
  'Orchid Pharma',
  'Pioneer Tools',
  'Quartz Logistics',
  'Redwood Furniture',
];
const COUNTRIES: Array<[string, string]> = [
  ['FR', '+33 1 42 68 53 00'],
  ['DE', '+49 30 901820'],
  ['GB', '+44 20 7946 0000'],
  ['US', '+1 212 555 0100'],
  ['ES', '+34 912 345 678'],
  ['IT', '+39 06 6982'],
];
const INDUSTRIES = ['software', 'manufacturing', 'retail', 'finance', 'health'];
const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Tim',
  'Barbara',
  'Ken',
  'Radia',
  'Dennis',
  'Frances',
  'Edsger',
  'Hedy',
  'John',
  'Katherine',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Berners-Lee',
  'Liskov',
  'Thompson',
  'Perlman',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Lamarr',
  'Backus',
  'Johnson',
];
const TITLES = ['CEO', 'CTO', 'Head of Sales', 'Buyer', 'Office Manager', 'Engineer', 'Marketing Lead'];
const STATUSES = ['new', 'active', 'customer', 'lost'];

/** A small deterministic generator, so every demo database looks the same. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Demo companies, then contacts pointing at them by index. */
export function demoRecords(): {
  companies: Array<Record<string, unknown>>;
  contacts: Array<Record<string, unknown> & { companyIndex: number }>;
} {
  const random = generator(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const companies = COMPANY_NAMES.map((name, index) => {
    const [country, phone] = COUNTRIES[index % COUNTRIES.length] as [string, string];
    return {
      name,
      website: `https://www.${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example`,
      industry: INDUSTRIES[index % INDUSTRIES.length],
      country,
      employees: 10 + Math.floor(random() * 5000),
      phone,
    };
  });
  const contacts = Array.from({ length: 120 }, (_, index) => {
    const first = pick(FIRST);
    const last = pick(LAST);
    return {
      first_name: first,
      last_name: last,
      email: `${first}.${last}.${index}@example.com`.toLowerCase(),
      job_title: pick(TITLES),
      status: pick(STATUSES),
      score: Math.floor(random() * 100),
      newsletter: random() > 0.5,
      companyIndex: index % companies.length,
    };
  });
  return { companies, contacts };
}
