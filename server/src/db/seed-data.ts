import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { Customer } from '@ringside/shared';

/** A small, fast deterministic PRNG (mulberry32): the same seed gives the same demo data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya', 'Kimberly', 'Steven', 'Emily', 'Paul', 'Donna', 'Andrew', 'Michelle', 'Joshua', 'Carol', 'Kenji', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Deborah', 'George', 'Stephanie', 'Timothy', 'Rebecca', 'Ronald', 'Sharon', 'Jason', 'Laura', 'Edward', 'Cynthia', 'Jeffrey', 'Amy', 'Ryan', 'Kathleen', 'Jacob', 'Angela', 'Omar', 'Fatima', 'Wei', 'Mei', 'Lucas', 'Sofia', 'Mateo', 'Valentina', 'Noah', 'Olivia', 'Liam', 'Emma', 'Aarav', 'Ananya', 'Hiroshi', 'Yuki', 'Ivan', 'Olga', 'Pierre', 'Camille'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel', 'Kim', 'Chen', 'Wang', 'Singh', 'Kowalski', 'Novak', 'Dubois', 'Rossi', 'Müller', 'Schmidt', 'Tanaka', 'Sato', 'Ivanov', 'Okafor', 'Mensah', "O'Brien", 'Fitzgerald', 'Lindqvist', 'Andersen'];
const COMPANY_A = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Cyberdyne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell', 'Wonka', 'Gringotts', 'Oscorp', 'Aperture', 'Massive', 'Pied Piper', 'Dunder', 'Bluth', 'Prestige', 'Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Adventure', 'Blue Yonder', 'Coho', 'Wingtip', 'Proseware'];
const COMPANY_B = ['Industries', 'Corp', 'Ltd', 'Systems', 'Logistics', 'Holdings', 'Labs', 'Trading', 'Partners', 'Foods', 'Energy', 'Media', 'Health', 'Travel', 'Insurance', 'Retail', 'Consulting', 'Software'];
const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example'];
const NOTES = ['Prefers email follow-up.', 'Calls usually about billing.', 'VIP: escalate to a supervisor.', 'Asked about the annual plan.', 'Speaks Spanish and English.', 'Renewal due next quarter.', 'Had a delivery issue last month.', null, null, null];
const LIFECYCLE: Customer['lifecycle'][] = ['lead', 'prospect', 'customer', 'customer', 'customer', 'churned'];
const DISPOSITIONS = ['resolved', 'callback', 'sale', 'escalated', 'information'];
const QUEUES = ['sales', 'support', 'billing'];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function asciiSlug(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

/** The raw forms one number can be typed in, ending in the 4 digits that vary per customer. */
interface PhoneTemplate {
  countryCode: string;
  prefix: string;
  formats: string[];
}

/** Digits each generated number varies after its prefix: 10^6 endings per prefix. */
const ENDING_DIGITS = 6;
/** Prefixes per country: with 10^6 endings each, 1M customers' phones rarely share a number, as in a real CRM. */
const MAX_PREFIXES = 100;

/**
 * Valid numbers of a country, cheaply: a pool of valid prefixes (national number minus its last
 * ENDING_DIGITS digits, found by random search from the country's example mobile number) and their
 * raw formats; each generated number then only swaps the ending, so no per-row parsing.
 */
export class PhoneGenerator {
  private readonly templates: PhoneTemplate[] = [];

  constructor(country: string, rnd: () => number) {
    const example = getExampleNumber(country as CountryCode, examples);
    if (!example) throw new Error(`no example phone number for ${country}`);
    const nsn = String(example.nationalNumber);
    const zeros = '0'.repeat(ENDING_DIGITS);
    for (let tries = 0; tries < 4000 && this.templates.length < MAX_PREFIXES; tries++) {
      const digits = nsn.slice(0, 1) + [...nsn.slice(1, -ENDING_DIGITS)].map(() => Math.floor(rnd() * 10)).join('');
      const parsed = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}${zeros}`);
      if (!parsed?.isValid() || this.templates.some((t) => t.prefix === digits)) continue;
      this.templates.push(this.template(String(example.countryCallingCode), digits));
    }
    if (this.templates.length === 0) this.templates.push(this.template(String(example.countryCallingCode), nsn.slice(0, -ENDING_DIGITS)));
  }

  private template(countryCode: string, prefix: string): PhoneTemplate {
    const zeros = '0'.repeat(ENDING_DIGITS);
    const parsed = parsePhoneNumberFromString(`+${countryCode}${prefix}${zeros}`);
    const national = parsed?.formatNational() ?? `${prefix}${zeros}`;
    return {
      countryCode,
      prefix,
      formats: [`+${countryCode}${prefix}${zeros}`, parsed?.formatInternational() ?? `+${countryCode} ${prefix}${zeros}`, national, national.replace(/\D/g, ''), `00${countryCode} ${prefix}${zeros}`],
    };
  }

  /** A valid number: its E.164 and the raw form a person might have typed. */
  next(rnd: () => number): { raw: string; e164: string } {
    const t = pick(rnd, this.templates);
    const ending = String(Math.floor(rnd() * 10 ** ENDING_DIGITS)).padStart(ENDING_DIGITS, '0');
    return { raw: replaceLastDigits(pick(rnd, t.formats), ending), e164: `+${t.countryCode}${t.prefix}${ending}` };
  }
}

function replaceLastDigits(text: string, digits: string): string {
  const chars = [...text];
  let k = digits.length - 1;
  for (let i = chars.length - 1; i >= 0 && k >= 0; i--) {
    if (/\d/.test(chars[i] as string)) chars[i] = digits[k--] as string;
  }
  return chars.join('');
}

/** One generated customer row plus its contact points, ids assigned client-side for batching. */
export interface GeneratedCustomer {
  id: string;
  kind: Customer['kind'];
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  company: string | null;
  email: string | null;
  lifecycle: Customer['lifecycle'];
  valueScore: number;
  notes: string | null;
  createdAt: Date;
  phones: { raw: string; e164: string; label: string }[];
}

/** A realistic pseudo-random customer; one in eight is an organisation. */
export function generateCustomer(rnd: () => number, phones: PhoneGenerator, now: number): GeneratedCustomer {
  const organisation = rnd() < 0.125;
  const first = pick(rnd, FIRST);
  const last = pick(rnd, LAST);
  const company = rnd() < 0.7 ? `${pick(rnd, COMPANY_A)} ${pick(rnd, COMPANY_B)}` : null;
  const orgName = organisation ? `${pick(rnd, COMPANY_A)} ${pick(rnd, COMPANY_B)}` : null;
  const domain = company && rnd() < 0.5 ? `${asciiSlug(company.split(' ')[0] ?? 'mail')}.example` : pick(rnd, MAIL_DOMAINS);
  const local = organisation ? pick(rnd, ['info', 'contact', 'office', 'hello']) : `${asciiSlug(first)}.${asciiSlug(last)}${rnd() < 0.4 ? Math.floor(rnd() * 100) : ''}`;
  const count = rnd() < 0.6 ? 1 : 2;
  const labels = ['mobile', 'work', 'home'];
  return {
    id: crypto.randomUUID(),
    kind: organisation ? 'organisation' : 'person',
    firstName: organisation ? null : first,
    lastName: organisation ? null : last,
    organisationName: orgName,
    company: organisation ? null : company,
    email: rnd() < 0.85 ? `${local}@${domain}` : null,
    lifecycle: pick(rnd, LIFECYCLE),
    valueScore: Math.floor(rnd() * 101),
    notes: pick(rnd, NOTES),
    createdAt: new Date(now - Math.floor(rnd() * 3 * 365 * 86_400_000)),
    phones: Array.from({ length: count }, (_, n) => ({ ...phones.next(rnd), label: labels[n] ?? 'other' })),
  };
}

/** A plausible past call for the demo timeline. */
export function generateInteraction(rnd: () => number, offeredAt: Date, queues: readonly string[] = QUEUES) {
  const abandoned = rnd() < 0.1;
  const wait = Math.floor(rnd() * 90);
  const talk = abandoned ? 0 : 30 + Math.floor(rnd() * 600);
  const answeredAt = abandoned ? null : new Date(offeredAt.getTime() + wait * 1000);
  return {
    direction: rnd() < 0.8 ? ('inbound' as const) : ('outbound' as const),
    queue: pick(rnd, queues),
    answeredAt,
    endedAt: new Date(offeredAt.getTime() + (wait + talk) * 1000),
    waitSeconds: wait,
    talkSeconds: talk,
    holdSeconds: abandoned ? 0 : Math.floor(rnd() * 40),
    disposition: abandoned ? null : pick(rnd, DISPOSITIONS),
    abandoned,
  };
}
