/** A demo company as written, before the ids exist. */
export interface DemoCompany {
  name: string;
  domain: string;
  website: string;
  industry: string;
  country: string;
  employees: number;
  phone: string;
}

/** A demo contact, pointing at its company by index in the company list. */
export interface DemoContact {
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  job_title: string;
  status: string;
  companyIndex: number;
}

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
/** Country, switchboard number, and the start of a mobile number there (4 digits complete it). */
const COUNTRIES: Array<[string, string, string]> = [
  ['FR', '+33 1 42 68 53 00', '+33 6 12 34 '],
  ['DE', '+49 30 901820', '+49 151 2345'],
  ['GB', '+44 20 7946 0000', '+44 7911 12'],
  ['US', '+1 212 555 0100', '+1 212 555 '],
  ['ES', '+34 912 345 678', '+34 612 34'],
  ['IT', '+39 06 6982', '+39 312 345'],
];
const INDUSTRIES = ['software', 'manufacturing', 'retail', 'finance', 'health', 'energy', 'logistics'];
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
const TITLES = ['CEO', 'CTO', 'Head of Sales', 'Buyer', 'Office Manager', 'Engineer', 'Marketing Lead', 'Finance Director'];
const STATUSES = ['new', 'active', 'active', 'customer', 'customer', 'lost'];

/** Number of demo contacts: enough for lists and filters to look alive, few enough to seed in a second. */
export const DEMO_CONTACTS = 120;

/** A small deterministic generator (an LCG), so every demo database looks the same. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z]+/g, '-');

/**
 * The demo companies, then contacts working at them: the same on every run. Each contact's
 * e-mail address is at their company's domain, made unique when two namesakes share one.
 *
 * @example
 * ```ts
 * const { companies, contacts } = demoRecords();
 * companies[contacts[0].companyIndex].name; // the first contact's employer
 * ```
 */
export function demoRecords(): { companies: DemoCompany[]; contacts: DemoContact[] } {
  const random = generator(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const companies = COMPANY_NAMES.map((name, index): DemoCompany => {
    const [country, phone] = COUNTRIES[index % COUNTRIES.length] as [string, string, string];
    const domain = `${slug(name)}.example`;
    return {
      name,
      domain,
      website: `https://www.${domain}`,
      industry: INDUSTRIES[index % INDUSTRIES.length] as string,
      country,
      employees: 10 + Math.floor(random() * 5000),
      phone,
    };
  });
  const emails = new Set<string>();
  const contacts = Array.from({ length: DEMO_CONTACTS }, (_, index): DemoContact => {
    const first = pick(FIRST);
    const last = pick(LAST);
    const companyIndex = index % companies.length;
    const company = companies[companyIndex] as DemoCompany;
    const local = `${slug(first)}.${slug(last)}`.replace(/-+/g, '');
    let email = `${local}@${company.domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${company.domain}`;
    emails.add(email);
    const mobile = (COUNTRIES.find(([code]) => code === company.country) ?? COUNTRIES[0])?.[2] as string;
    return {
      first_name: first,
      last_name: last,
      email,
      // Two thirds have a mobile number on file.
      phone: random() < 0.66 ? `${mobile}${String(index).padStart(4, '0')}` : null,
      job_title: pick(TITLES),
      status: pick(STATUSES),
      companyIndex,
    };
  });
  return { companies, contacts };
}
