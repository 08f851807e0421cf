import { PhoneGenerator, createRandom, type IdentityRecord } from '@ringside/server';

// A generated customer base with known duplicates, for the dedupe benchmark. Every record carries
// the id of the real person it stands for (`entity`); the matcher never sees it. Duplicates are
// made the way they arrive in a contact center: typos, swapped names, nicknames, missing fields,
// another phone format (normalised to E.164 on the way in, as the import does), a new address.
// Households (same family name, address and landline, different people) are the trap for precision.

const GIVEN = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan',
  'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Sandra', 'Mark', 'Ashley', 'Priya',
  'Kimberly', 'Steven', 'Emily', 'Paul', 'Donna', 'Andrew', 'Michelle', 'Joshua', 'Carol', 'Kenji', 'Amanda', 'Kevin', 'Melissa', 'Brian', 'Deborah',
  'George', 'Stephanie', 'Timothy', 'Rebecca', 'Ronald', 'Sharon', 'Jason', 'Laura', 'Edward', 'Cynthia', 'Jeffrey', 'Amy', 'Ryan', 'Kathleen',
  'Jacob', 'Angela', 'Omar', 'Fatima', 'Wei', 'Mei', 'Lucas', 'Sofia', 'Mateo', 'Valentina', 'Noah', 'Olivia', 'Liam', 'Emma', 'Aarav', 'Ananya',
  'Hiroshi', 'Yuki', 'Ivan', 'Olga', 'Pierre', 'Camille', 'Nicholas', 'Benjamin', 'Samuel', 'Alexander', 'Patrick', 'Gregory', 'Peter', 'Charles',
  'Margaret', 'Catherine', 'Victoria', 'Samantha', 'Kenneth', 'Christopher', 'Ahmed', 'Layla', 'Santiago', 'Lucia', 'Mohammed', 'Aisha', 'Chen',
  'Ingrid', 'Lars', 'Freya', 'Mikko', 'Aino', 'Tomasz', 'Zofia', 'Giulia', 'Marco', 'Elena', 'Dmitri', 'Anya', 'Kwame', 'Ama', 'Chidi', 'Ngozi',
  'Rahul', 'Deepa', 'Arjun', 'Kavya', 'Hana', 'Jun', 'Minh', 'Linh', 'Tariq', 'Noor', 'Felix', 'Clara', 'Hugo', 'Ines', 'Jonas', 'Lea', 'Emil', 'Ida',
];
const NICKNAMES: Record<string, string[]> = {
  Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will'], Richard: ['Rick', 'Dick'], James: ['Jim', 'Jimmy'], John: ['Jack', 'Johnny'],
  Joseph: ['Joe'], Thomas: ['Tom'], Michael: ['Mike'], Christopher: ['Chris'], Daniel: ['Dan', 'Danny'], Matthew: ['Matt'], Anthony: ['Tony'],
  Steven: ['Steve'], Andrew: ['Andy'], Joshua: ['Josh'], Kenneth: ['Ken'], Edward: ['Ed', 'Ted'], Timothy: ['Tim'], Ronald: ['Ron'], Jeffrey: ['Jeff'],
  Jacob: ['Jake'], Nicholas: ['Nick'], Benjamin: ['Ben'], Samuel: ['Sam'], Alexander: ['Alex'], Patrick: ['Pat'], Gregory: ['Greg'], Peter: ['Pete'],
  Charles: ['Charlie'], David: ['Dave'], Elizabeth: ['Liz', 'Beth'], Margaret: ['Maggie', 'Peggy'], Patricia: ['Trish', 'Patty'], Jennifer: ['Jenny', 'Jen'],
  Barbara: ['Barb'], Susan: ['Sue'], Jessica: ['Jess'], Deborah: ['Debbie'], Kimberly: ['Kim'], Rebecca: ['Becky'], Kathleen: ['Kathy'],
  Catherine: ['Cathy', 'Kate'], Stephanie: ['Steph'], Cynthia: ['Cindy'], Amanda: ['Mandy'], Melissa: ['Mel'], Victoria: ['Vicky'], Samantha: ['Sam'],
};
// Family names from syllables: ~40k distinct, drawn with a skew so some are common (as Smith is).
const ONSETS = ['B', 'C', 'D', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'W', 'Br', 'Ch', 'Cr', 'Dr', 'Fr', 'Gr', 'Kr', 'Pr', 'Sch', 'Sh', 'St', 'Th', 'Tr'];
const MIDDLES = ['a', 'e', 'i', 'o', 'u', 'an', 'ar', 'el', 'en', 'er', 'in', 'or', 'ol', 'ul', 'am', 'ov', 'ak', 'ash', 'ett', 'ill'];
const ENDINGS = ['son', 'sen', 'ski', 'ova', 'ez', 'ner', 'man', 'berg', 'stein', 'ley', 'ton', 'well', 'ford', 'wood', 'by', 'ini', 'etti', 'ard', 'ault', 'ic', 'ovic', 'ides', 'opoulos', 'ersen', 'hardt', 'mann', 'ola', 'ura', 'aka', 'oto', 'ong', 'ang', 'ez', 'ado', 'eira', 'ani', 'umi', 'ah', 'ers', 'ick', 'ox', 'ins', 'ock', 'ett', 'iel', 'ow', 'ay', 'ue', 'eau', 'ier', 'oux', 'ens', 'aert', 'dijk', 'hof', 'gaard', 'lund', 'qvist', 'strom', 'ari', 'inen', 'onen', 'ak', 'ik', 'uk', 'yk', 'enko', 'uk', 'ov', 'in', 'ian', 'yan', 'ashvili', 'adze', 'oglu', 'er', 'ur', 'oz'];
const STREETS = ['Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'River', 'Church', 'Mill', 'High', 'Station', 'Victoria', 'Green', 'King', 'Queen', 'Bridge', 'North', 'South', 'Spring', 'Forest', 'Meadow', 'Sunset', 'Highland', 'Ridge', 'Valley', 'Orchard'];
const STREET_KINDS = ['Street', 'Avenue', 'Road', 'Drive', 'Lane', 'Court', 'Place', 'Boulevard'];
const STREET_ABBREVIATIONS: Record<string, string> = { Street: 'St', Avenue: 'Ave', Road: 'Rd', Drive: 'Dr', Lane: 'Ln', Court: 'Ct', Place: 'Pl', Boulevard: 'Blvd' };
const MAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example', 'inbox.example', 'post.example'];

/** One generated record and the real person it stands for. */
export interface LabelledRecord {
  record: IdentityRecord;
  entity: number;
}

/** How the duplicates were made, for the printout. */
export interface GeneratedSet {
  records: LabelledRecord[];
  duplicates: number;
  households: number;
  corruptions: Record<string, number>;
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function skewedPick<T>(rnd: () => number, list: readonly T[]): T {
  // rnd()^2 favours the start of the list: a few very common values, a long tail.
  return list[Math.floor(rnd() * rnd() * list.length)] as T;
}

function familyName(rnd: () => number): string {
  return `${skewedPick(rnd, ONSETS)}${pick(rnd, MIDDLES)}${skewedPick(rnd, ENDINGS)}`;
}

function typo(rnd: () => number, word: string): string {
  if (word.length < 3) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1); // dropped letter
    case 1:
      return word.slice(0, i) + pick(rnd, [...letters]) + word.slice(i); // extra letter
    case 2:
      return word.slice(0, i) + pick(rnd, [...letters]) + word.slice(i + 1); // wrong letter
    default:
      return word.slice(0, i - 1) + word.charAt(i) + word.charAt(i - 1) + word.slice(i + 1); // swapped letters
  }
}

function birthDate(rnd: () => number): string {
  const year = 1940 + Math.floor(rnd() * 66);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function address(rnd: () => number): { line1: string; postalCode: string; country: string } {
  return { line1: `${1 + Math.floor(rnd() * 2000)} ${pick(rnd, STREETS)} ${pick(rnd, STREET_KINDS)}`, postalCode: String(10_000 + Math.floor(rnd() * 89_999)), country: 'US' };
}

// A mailbox belongs to one person: namesakes get a number, as mail providers make them.
const usedEmails = new Set<string>();
function emailOf(rnd: () => number, given: string, family: string): string {
  const local = `${given}.${family}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
  let email = `${local}${rnd() < 0.5 ? Math.floor(rnd() * 1000) : ''}@${pick(rnd, MAIL_DOMAINS)}`;
  while (usedEmails.has(email)) email = `${local}${Math.floor(rnd() * 100_000)}@${pick(rnd, MAIL_DOMAINS)}`;
  usedEmails.add(email);
  return email;
}

/**
 * `total` records, `duplicateShare` of them duplicates of others, 10 % of the originals living in
 * two-person households. Deterministic for a seed.
 */
export function generateDedupeSet(total: number, duplicateShare: number, seed: number): GeneratedSet {
  const rnd = createRandom(seed);
  usedEmails.clear();
  const phones = new PhoneGenerator('US', rnd);
  const duplicates = Math.round(total * duplicateShare);
  const originals = total - duplicates;
  const records: LabelledRecord[] = [];
  let households = 0;
  for (let entity = 0; entity < originals; entity++) {
    const previous = records[records.length - 1]?.record;
    // A household member: same family name, address and landline as the person before, nothing else.
    if (previous && rnd() < 0.1 && previous.familyName && previous.address) {
      households++;
      const given = pick(rnd, GIVEN);
      records.push({
        entity,
        record: {
          id: `c${entity}`,
          kind: 'person',
          givenName: given,
          familyName: previous.familyName,
          birthDate: rnd() < 0.8 ? birthDate(rnd) : null,
          phones: previous.phones.slice(0, 1),
          emails: rnd() < 0.7 ? [emailOf(rnd, given, previous.familyName)] : [],
          address: previous.address,
        },
      });
      continue;
    }
    const given = pick(rnd, GIVEN);
    const family = familyName(rnd);
    records.push({
      entity,
      record: {
        id: `c${entity}`,
        kind: 'person',
        givenName: given,
        familyName: family,
        birthDate: rnd() < 0.8 ? birthDate(rnd) : null,
        phones: rnd() < 0.9 ? [phones.next(rnd).e164] : [],
        emails: rnd() < 0.7 ? [emailOf(rnd, given, family)] : [],
        address: rnd() < 0.8 ? address(rnd) : null,
      },
    });
  }
  const corruptions: Record<string, number> = {};
  const count = (what: string) => (corruptions[what] = (corruptions[what] ?? 0) + 1);
  for (let d = 0; d < duplicates; d++) {
    const source = records[Math.floor(rnd() * originals)] as LabelledRecord;
    const r = source.record;
    const dup: IdentityRecord = { ...r, id: `d${d}`, phones: [...r.phones], emails: [...r.emails], address: r.address ? { ...r.address } : null };
    // One to three corruptions each, as real second records have.
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) {
      const what = pick(rnd, ['typo_family', 'typo_given', 'swapped_names', 'nickname', 'missing_email', 'missing_phone', 'missing_birth_date', 'reformatted_phone', 'moved', 'new_email']);
      count(what);
      switch (what) {
        case 'typo_family':
          dup.familyName = typo(rnd, dup.familyName ?? '');
          break;
        case 'typo_given':
          dup.givenName = typo(rnd, dup.givenName ?? '');
          break;
        case 'swapped_names':
          [dup.givenName, dup.familyName] = [dup.familyName, dup.givenName];
          break;
        case 'nickname': {
          const options = NICKNAMES[dup.givenName ?? ''];
          if (options) dup.givenName = pick(rnd, options);
          break;
        }
        case 'missing_email':
          dup.emails = [];
          break;
        case 'missing_phone':
          dup.phones = [];
          break;
        case 'missing_birth_date':
          dup.birthDate = null;
          break;
        case 'reformatted_phone':
          // Typed as "(415) 555-0100" or "+1 415 555 0100": the import stores the same E.164, so nothing changes here.
          break;
        case 'moved':
          dup.address = address(rnd);
          dup.phones = rnd() < 0.5 ? [phones.next(rnd).e164] : dup.phones;
          break;
        case 'new_email':
          dup.emails = [emailOf(rnd, dup.givenName ?? 'x', dup.familyName ?? 'y')];
          break;
      }
    }
    if (dup.address?.line1 && rnd() < 0.3) {
      // The same address typed with abbreviations ("12 Oak Street" → "12 Oak St").
      const kind = Object.keys(STREET_ABBREVIATIONS).find((k) => dup.address?.line1?.endsWith(k));
      if (kind) dup.address.line1 = dup.address.line1.slice(0, -kind.length) + STREET_ABBREVIATIONS[kind];
    }
    records.push({ entity: source.entity, record: dup });
  }
  // Shuffle so duplicates do not sit at the end (Fisher–Yates, same seed).
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [records[i], records[j]] = [records[j] as LabelledRecord, records[i] as LabelledRecord];
  }
  return { records, duplicates, households, corruptions };
}
