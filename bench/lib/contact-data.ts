/**
 * Plausible Norwegian (and some English) contact data for the benchmarks: companies with addresses, phones and
 * e-mail domains, and persons with first names, surnames, mobiles and e-mails. Only the user-typed fields are
 * produced here; numbering, inheritance and search keys are applied by the app's own functions (see seed.ts).
 */
import type { ContactFields } from '../../src/services/contacts/contact-record';
import { checkDigitOf } from '../../src/services/company-register/org-no';
import { foldText } from '../../src/services/search/fold';
import { Random } from './random';

export const FIRST_NAMES = [
  // Norwegian
  'Ole',
  'Lars',
  'Kjell',
  'Bjørn',
  'Per',
  'Jan',
  'Knut',
  'Arne',
  'Svein',
  'Geir',
  'Tor',
  'Terje',
  'Hans',
  'Morten',
  'Rune',
  'Trond',
  'Jon',
  'Odd',
  'Øyvind',
  'Espen',
  'Håkon',
  'Sindre',
  'Magnus',
  'Henrik',
  'Jørgen',
  'Sigurd',
  'Torbjørn',
  'Åsmund',
  'Eirik',
  'Anders',
  'Kristian',
  'Stian',
  'Fredrik',
  'Halvard',
  'Gunnar',
  'Leif',
  'Steinar',
  'Vegard',
  'Aksel',
  'Sverre',
  'Audun',
  'Ståle',
  'Kåre',
  'Øystein',
  'Anne',
  'Inger',
  'Kari',
  'Marit',
  'Ingrid',
  'Liv',
  'Eva',
  'Berit',
  'Astrid',
  'Bjørg',
  'Hilde',
  'Solveig',
  'Randi',
  'Gunn',
  'Siri',
  'Åse',
  'Ragnhild',
  'Tone',
  'Nina',
  'Heidi',
  'Kristin',
  'Camilla',
  'Ingeborg',
  'Sigrid',
  'Marte',
  'Synnøve',
  'Guro',
  'Tuva',
  'Ida',
  'Nora',
  'Maja',
  'Ingvild',
  'Kjersti',
  'Torild',
  'Gøril',
  'Birgitte',
  'Elisabeth',
  'Gro',
  'Vigdis',
  'Hanne',
  'Mette',
  'Silje',
  'Therese',
  'Linnéa',
  'Margrethe',
  // English
  'John',
  'James',
  'Michael',
  'David',
  'Robert',
  'William',
  'Richard',
  'Thomas',
  'Daniel',
  'Matthew',
  'Oliver',
  'Harry',
  'George',
  'Sarah',
  'Emily',
  'Jessica',
  'Elizabeth',
  'Margaret',
  'Susan',
  'Helen',
  'Charlotte',
  'Olivia',
  'Sophie',
  'Amelia',
] as const;

export const SURNAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Jakobsen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Eide',
  'Knutsen',
  'Martinsen',
  'Paulsen',
  'Bakken',
  'Kristoffersen',
  'Mathisen',
  'Lie',
  'Amundsen',
  'Rasmussen',
  'Lunde',
  'Solheim',
  'Berge',
  'Moe',
  'Nygård',
  'Bakke',
  'Kristensen',
  'Fredriksen',
  'Holm',
  'Lien',
  'Hauge',
  'Christensen',
  'Andresen',
  'Nielsen',
  'Knudsen',
  'Evensen',
  'Sæther',
  'Aas',
  'Myhre',
  'Hanssen',
  'Ødegård',
  'Sandvik',
  'Aasen',
  'Tveit',
  'Bråthen',
  'Haaland',
  'Løvås',
  'Strøm',
  'Fjeld',
  'Østby',
  'Våge',
  'Ruud',
  'Brekke',
  'Vik',
  'Thorsen',
  'Hovland',
  'Skjelbred',
  'Nordahl',
  'Rønning',
  'Grønli',
  'Tangen',
  'Kvalheim',
  'Aune',
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Taylor',
  'Davies',
  'Wilson',
  'Evans',
  'Johnson',
  'Roberts',
  'Walker',
  'Wright',
  'Robinson',
  'Thompson',
  'White',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Clarke',
] as const;

const COMPANY_PREFIXES = [
  'Nordlys',
  'Fjord',
  'Vest',
  'Nord',
  'Sør',
  'Øst',
  'Havbris',
  'Fjell',
  'Polar',
  'Kyst',
  'Bølge',
  'Storm',
  'Midnatt',
  'Viking',
  'Fossen',
  'Brygge',
  'Trollhavn',
  'Skagerak',
  'Lofoten',
  'Hardanger',
  'Sogn',
  'Romsdal',
  'Helgeland',
  'Finnmark',
  'Jæren',
  'Fosen',
  'Nordkapp',
  'Vesterålen',
  'Sunnmøre',
  'Ryfylke',
  'Glåmdal',
  'Telemark',
  'Senja',
  'Havørn',
  'Måke',
  'Furu',
  'Bjørke',
  'Eik',
  'Granitt',
  'Sølv',
  'Kobber',
  'Stein',
  'Isbre',
  'Nordsjø',
  'Atlantic',
  'Northern',
  'Arctic',
  'Coastal',
  'Harbour',
  'Granite',
  'Silver',
  'Blue Ocean',
  'North Sea',
  'Highland',
  'Aurora',
] as const;

const COMPANY_TRADES = [
  'Maskin',
  'Pumper',
  'Elektro',
  'Rør',
  'Bygg',
  'Sjømat',
  'Fisk',
  'Transport',
  'Regnskap',
  'Data',
  'Verft',
  'Hydraulikk',
  'Marine',
  'Energi',
  'Trelast',
  'Stål',
  'Betong',
  'Logistikk',
  'Eiendom',
  'Konsult',
  'Handel',
  'Service',
  'Mekaniske',
  'Ventilasjon',
  'Kran',
  'Glass',
  'Tak',
  'Maling',
  'Engineering',
  'Solutions',
  'Supply',
  'Systems',
  'Shipping',
  'Offshore',
  'Automasjon',
  'Sveis',
] as const;

const COMPANY_SUFFIXES = [
  [' AS', 60],
  ['', 12],
  [' ASA', 3],
  [' & Sønner AS', 3],
  [' Holding AS', 4],
  [' Drift AS', 4],
  [' Ltd', 3],
  [' ANS', 4],
  [' Gruppen AS', 3],
] as const satisfies readonly (readonly [string, number])[];

export interface City {
  name: string;
  /** Lowest and highest post code used. */
  postCodes: readonly [number, number];
  /** First two digits of landlines there. */
  area: string;
  territory: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  { name: 'Oslo', postCodes: [150, 1295], area: '22', territory: 'EAST', weight: 20 },
  { name: 'Bergen', postCodes: [5003, 5098], area: '55', territory: 'WEST', weight: 14 },
  { name: 'Trondheim', postCodes: [7010, 7099], area: '73', territory: 'MID', weight: 9 },
  { name: 'Stavanger', postCodes: [4005, 4099], area: '51', territory: 'WEST', weight: 8 },
  { name: 'Ålesund', postCodes: [6002, 6025], area: '70', territory: 'WEST', weight: 5 },
  { name: 'Tromsø', postCodes: [9006, 9020], area: '77', territory: 'NORTH', weight: 5 },
  { name: 'Bodø', postCodes: [8003, 8041], area: '75', territory: 'NORTH', weight: 4 },
  { name: 'Kristiansand', postCodes: [4608, 4639], area: '38', territory: 'SOUTH', weight: 5 },
  { name: 'Drammen', postCodes: [3004, 3048], area: '32', territory: 'EAST', weight: 4 },
  { name: 'Fredrikstad', postCodes: [1601, 1640], area: '69', territory: 'EAST', weight: 3 },
  { name: 'Haugesund', postCodes: [5501, 5545], area: '52', territory: 'WEST', weight: 3 },
  { name: 'Molde', postCodes: [6402, 6421], area: '71', territory: 'WEST', weight: 2 },
  { name: 'Kristiansund', postCodes: [6501, 6520], area: '71', territory: 'WEST', weight: 2 },
  { name: 'Harstad', postCodes: [9402, 9415], area: '77', territory: 'NORTH', weight: 2 },
  { name: 'Hammerfest', postCodes: [9600, 9615], area: '78', territory: 'NORTH', weight: 1 },
  { name: 'Førde', postCodes: [6800, 6813], area: '57', territory: 'WEST', weight: 1 },
  { name: 'Lillehammer', postCodes: [2609, 2636], area: '61', territory: 'EAST', weight: 2 },
  { name: 'Skien', postCodes: [3701, 3740], area: '35', territory: 'SOUTH', weight: 2 },
  { name: 'Mo i Rana', postCodes: [8601, 8622], area: '75', territory: 'NORTH', weight: 1 },
  { name: 'Sandnes', postCodes: [4306, 4329], area: '51', territory: 'WEST', weight: 2 },
  { name: 'Narvik', postCodes: [8502, 8520], area: '76', territory: 'NORTH', weight: 1 },
  { name: 'Tønsberg', postCodes: [3103, 3128], area: '33', territory: 'EAST', weight: 2 },
  { name: 'Hamar', postCodes: [2301, 2326], area: '62', territory: 'EAST', weight: 2 },
  { name: 'Arendal', postCodes: [4801, 4818], area: '37', territory: 'SOUTH', weight: 1 },
  { name: 'Steinkjer', postCodes: [7701, 7724], area: '74', territory: 'MID', weight: 1 },
  { name: 'Alta', postCodes: [9501, 9518], area: '78', territory: 'NORTH', weight: 1 },
];

const STREETS = [
  'Strandgata',
  'Bryggen',
  'Kongens gate',
  'Storgata',
  'Sjøgata',
  'Havnegata',
  'Fjordveien',
  'Industriveien',
  'Nyhavnsveien',
  'Kirkegata',
  'Dronningens gate',
  'Løkkeveien',
  'Vågsallmenningen',
  'Kaigata',
  'Tollbodgata',
  'Fabrikkgata',
  'Møllendalsveien',
  'Sandviksbodene',
  'Åsveien',
  'Skipsbyggerveien',
  'Verkstedveien',
  'Øvre Slottsgate',
] as const;

const JOB_TITLES = [
  'Daglig leder',
  'Innkjøpssjef',
  'Salgssjef',
  'Økonomisjef',
  'Driftsleder',
  'Prosjektleder',
  'Selger',
  'Innkjøper',
  'Teknisk sjef',
  'Verkstedleder',
  'Purchasing Manager',
  'Sales Manager',
  'CFO',
  'Controller',
] as const;

const INDUSTRIES = ['MANU', 'RETAIL', 'WHOLE', 'CONST', 'ENERGY', 'MARINE', 'PUBLIC', 'SERV', 'TECH'] as const;
const RELATIONS = [
  ['CUST', 6],
  ['PROS', 3],
  ['VEND', 1],
  ['PART', 1],
] as const satisfies readonly (readonly [string, number])[];
const FREE_MAIL = ['gmail.com', 'online.no', 'outlook.com', 'hotmail.com', 'icloud.com', 'live.no'] as const;

/** Slack user ids of the team's salespeople. */
export const SALESPEOPLE = ['U0001', 'U0002', 'U0003', 'U0004', 'U0005', 'U0006', 'U0007', 'U0008'] as const;

/** ASCII e-mail part: `Bjørn Ødegård` → `bjorn.odegard`. */
function mailPart(text: string): string {
  return foldText(text).replace(/ /g, '.');
}

function landline(random: Random, city: City): string {
  const d = city.area + random.digits(6);
  return `+47 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`;
}

function mobile(random: Random): string {
  const d = random.pick(['4', '9']) + random.digits(7);
  return `+47 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 8)}`;
}

/** `NO 923 609 016 MVA`: a valid org.nr. (Kontakt checks its mod-11 digit), from the same draws as before. */
function vatRegNo(random: Random): string {
  let first8 = `${random.pick(['8', '9'])}${random.digits(2)}${random.digits(3)}${random.digits(2)}`;
  random.digits(1);
  // A few eight-digit starts have no check digit (remainder 1): the next start along has one.
  while (checkDigitOf(first8) === undefined) first8 = String(Number(first8) + 1);
  const d = `${first8}${checkDigitOf(first8)}`;
  return `NO ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)} MVA`;
}

function postCode(random: Random, city: City): string {
  return String(random.int(city.postCodes[0], city.postCodes[1])).padStart(4, '0');
}

/** The parts of a company its persons inherit or refer to. */
export interface GeneratedCompany {
  id: string;
  name: string;
  /** E-mail domain of its people. */
  domain: string;
}

/** Every field the contact modal could have filled for a company (what createContact receives). */
export function generateCompany(random: Random): { fields: ContactFields; domain: string } {
  const city = random.weighted(CITIES.map((c) => [c, c.weight] as const));
  const suffix = random.weighted(COMPANY_SUFFIXES);
  const trade = random.pick(COMPANY_TRADES);
  const style = random.next();
  const base =
    style < 0.55
      ? `${random.pick(COMPANY_PREFIXES)} ${trade}`
      : style < 0.8
        ? `${random.pick(SURNAMES)} ${trade}`
        : style < 0.93
          ? `${city.name} ${trade}`
          : `${random.pick(COMPANY_PREFIXES)} ${trade} ${city.name}`;
  const name = `${base}${suffix}`;
  const domain = `${mailPart(base).replace(/\./g, '')}.no`;
  const fields: ContactFields = {
    type: 'company',
    name,
    address: `${random.pick(STREETS)} ${random.int(1, 120)}`,
    postCode: postCode(random, city),
    city: city.name,
    country: 'NO',
    phone: landline(random, city),
    email: `post@${domain}`,
    homePage: `www.${domain}`,
    salespersonId: random.pick(SALESPEOPLE),
    territory: city.territory,
    vatRegNo: vatRegNo(random),
    industryGroups: [random.pick(INDUSTRIES)],
    businessRelations: [random.weighted(RELATIONS)],
    jobResponsibilities: [],
    privacyBlocked: false,
    companyId: null,
  };
  return { fields, domain };
}

function personName(random: Random): string {
  const first = random.pick(FIRST_NAMES);
  const middle = random.chance(0.12) ? `${random.pick(SURNAMES)} ` : '';
  return `${first} ${middle}${random.pick(SURNAMES)}`;
}

/**
 * A person as typed in the modal: at a company (its id and name; the rest is inherited by the caller, as the
 * contact service does) or independent, with an address of their own.
 */
export function generatePerson(random: Random, company: GeneratedCompany | undefined): ContactFields {
  const name = personName(random);
  const common = {
    type: 'person' as const,
    name,
    mobile: random.chance(0.85) ? mobile(random) : undefined,
    industryGroups: [],
    businessRelations: [],
    jobResponsibilities: [],
    privacyBlocked: false,
  };
  if (company) {
    return {
      ...common,
      companyId: company.id,
      companyName: company.name,
      jobTitle: random.chance(0.7) ? random.pick(JOB_TITLES) : undefined,
      email: random.chance(0.9) ? `${mailPart(name)}@${company.domain}` : undefined,
    };
  }
  const city = random.weighted(CITIES.map((c) => [c, c.weight] as const));
  return {
    ...common,
    companyId: null,
    address: `${random.pick(STREETS)} ${random.int(1, 120)}`,
    postCode: postCode(random, city),
    city: city.name,
    country: 'NO',
    email: random.chance(0.8)
      ? `${mailPart(name)}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(FREE_MAIL)}`
      : undefined,
    salespersonId: random.pick(SALESPEOPLE),
    territory: city.territory,
  };
}
