import type { Rng } from './random.ts';

/**
 * Names, places and phone numbers that fit each demo country. Company names follow the local habit
 * (trade + town + legal form in CZ and SK, family name + trade in DE, NL and GB, place + trade in
 * NO). Slavic surnames come in pairs because the female form differs (Novák / Nováková).
 */
export const DEMO_COUNTRIES = ['CZ', 'SK', 'DE', 'NL', 'NO', 'GB'] as const;
export type DemoCountry = (typeof DEMO_COUNTRIES)[number];

export interface Person {
  readonly first: string;
  readonly last: string;
  readonly female: boolean;
}

interface CountryNames {
  readonly male: readonly string[];
  readonly female: readonly string[];
  /** [male form, female form]; identical where the language has one form. */
  readonly surnames: readonly (readonly [string, string])[];
  company(rng: Rng, person: () => Person): string;
  phone(rng: Rng): string;
  /** Shared mailboxes for invoices, in the local language. */
  readonly billingMailboxes: readonly string[];
}

const same = (names: readonly string[]) => names.map((n) => [n, n] as const);
const num = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');

const CZ_TOWNS = [
  'Brno',
  'Zlín',
  'Olomouc',
  'Přerov',
  'Jihlava',
  'Kroměříž',
  'Vsetín',
  'Třebíč',
  'Hodonín',
  'Prostějov',
  'Ostrava',
  'Pardubice',
  'Hradec Králové',
  'Plzeň',
  'Kladno',
  'Liberec',
  'Znojmo',
  'Blansko',
  'Vyškov',
  'Šumperk',
];
const SK_TOWNS = [
  'Žilina',
  'Trnava',
  'Nitra',
  'Banská Bystrica',
  'Prešov',
  'Košice',
  'Martin',
  'Trenčín',
  'Poprad',
  'Zvolen',
  'Piešťany',
  'Skalica',
];

const BRAND_HEADS = ['KOVO', 'ELEKTRO', 'STAV', 'TECHNO', 'HYDRO', 'PROFI', 'TERMO', 'AGRO', 'METAL', 'AUTO'];
const BRAND_TAILS = ['MONT', 'SERVIS', 'PLAST', 'TRADE', 'FORM', 'TECH', 'STROJ', 'MAT'];

const czSk = (towns: readonly string[], trades: readonly string[], shortTrades: readonly string[]) =>
  function company(rng: Rng, person: () => Person): string {
    const form = rng.chance(0.2) ? 'a.s.' : 's.r.o.';
    // Firms carry the founder's surname in its male form: "Elektro Pokorný", "Horák a syn".
    const founder = () => {
      for (;;) {
        const p = person();
        if (!p.female) return p.last;
      }
    };
    switch (
      rng.weighted([
        [0, 35],
        [1, 30],
        [2, 20],
        [3, 15],
      ] as const)
    ) {
      case 0:
        return `${rng.pick(trades)} ${rng.pick(towns)} ${form}`;
      case 1:
        return `${rng.pick(BRAND_HEADS)}${rng.pick(BRAND_TAILS)} ${rng.pick(towns)} ${form}`;
      case 2:
        return `${rng.pick(shortTrades)} ${founder()} s.r.o.`;
      default:
        return `${founder()} a syn s.r.o.`;
    }
  };

/** Two different family names, for partnerships ("Weber & Hartmann"). */
function partners(person: () => Person): string {
  const a = person().last;
  for (;;) {
    const b = person().last;
    if (b !== a) return `${a} & ${b}`;
  }
}

export const NAMES: Readonly<Record<DemoCountry, CountryNames>> = Object.freeze({
  CZ: {
    male: ['Jan', 'Petr', 'Pavel', 'Martin', 'Tomáš', 'Jiří', 'Josef', 'Lukáš', 'Michal', 'Ondřej', 'Karel'],
    female: ['Jana', 'Eva', 'Hana', 'Lenka', 'Petra', 'Lucie', 'Martina', 'Kateřina', 'Veronika', 'Alena'],
    surnames: [
      ['Novák', 'Nováková'],
      ['Svoboda', 'Svobodová'],
      ['Dvořák', 'Dvořáková'],
      ['Černý', 'Černá'],
      ['Procházka', 'Procházková'],
      ['Kučera', 'Kučerová'],
      ['Veselý', 'Veselá'],
      ['Horák', 'Horáková'],
      ['Němec', 'Němcová'],
      ['Pokorný', 'Pokorná'],
      ['Marek', 'Marková'],
      ['Pospíšil', 'Pospíšilová'],
      ['Hájek', 'Hájková'],
      ['Král', 'Králová'],
      ['Zeman', 'Zemanová'],
    ],
    company: czSk(
      CZ_TOWNS,
      [
        'Strojírny',
        'Kovovýroba',
        'Elektromontáže',
        'Slévárna',
        'Nástrojárna',
        'Lakovna',
        'Obráběcí centrum',
        'Technické služby',
        'Pila',
        'Dřevovýroba',
      ],
      ['Elektro', 'Kovo', 'Stavby', 'Autodoprava', 'Truhlářství'],
    ),
    phone: (rng) =>
      `+420 ${rng.pick(['602', '603', '604', '605', '606', '608', '720', '724', '728', '731', '736', '739', '775', '777'])} ${num(rng, 3)} ${num(rng, 3)}`,
    billingMailboxes: ['fakturace', 'faktury', 'ucetni'],
  },
  SK: {
    male: ['Peter', 'Martin', 'Michal', 'Ján', 'Tomáš', 'Marek', 'Juraj', 'Milan', 'Róbert'],
    female: ['Zuzana', 'Katarína', 'Mária', 'Jana', 'Lucia', 'Monika', 'Andrea', 'Ivana'],
    surnames: [
      ['Horváth', 'Horváthová'],
      ['Kováč', 'Kováčová'],
      ['Varga', 'Vargová'],
      ['Tóth', 'Tóthová'],
      ['Nagy', 'Nagyová'],
      ['Baláž', 'Balážová'],
      ['Szabó', 'Szabóová'],
      ['Molnár', 'Molnárová'],
      ['Lukáč', 'Lukáčová'],
      ['Kollár', 'Kollárová'],
    ],
    company: czSk(
      SK_TOWNS,
      ['Strojárne', 'Kovovýroba', 'Elektromontáže', 'Nástrojáreň', 'Technické služby', 'Drevovýroba'],
      ['Elektro', 'Kovo', 'Stavby', 'Autodoprava'],
    ),
    phone: (rng) => `+421 9${rng.pick(['0', '1', '4', '5'])}${num(rng, 1)} ${num(rng, 3)} ${num(rng, 3)}`,
    billingMailboxes: ['fakturacia', 'uctovnictvo', 'faktury'],
  },
  DE: {
    male: ['Thomas', 'Michael', 'Andreas', 'Stefan', 'Jürgen', 'Frank', 'Markus', 'Jan', 'Tobias'],
    female: ['Sabine', 'Claudia', 'Susanne', 'Anja', 'Katrin', 'Julia', 'Stefanie', 'Nicole'],
    surnames: same([
      'Müller',
      'Schmidt',
      'Weber',
      'Becker',
      'Hoffmann',
      'Krüger',
      'Wagner',
      'Schulz',
      'Zimmermann',
      'Hartmann',
      'Lange',
      'Brandt',
    ]),
    company(rng, person) {
      const trades = [
        'Maschinenbau',
        'Metallbau',
        'Anlagenbau',
        'Fördertechnik',
        'Elektrotechnik',
        'Antriebstechnik',
        'Werkzeugbau',
        'Stahlbau',
        'Kunststofftechnik',
      ];
      switch (rng.int(0, 3)) {
        case 0:
          return `${person().last} ${rng.pick(trades)} GmbH`;
        case 1:
          return `${partners(person)} GmbH & Co. KG`;
        case 2:
          return `${rng.pick(trades)} ${rng.pick(['Sachsen', 'Franken', 'Oberpfalz', 'Westfalen', 'Schwaben', 'Lausitz', 'Erzgebirge'])} GmbH`;
        default:
          return `${person().last} ${rng.pick(trades)} AG`;
      }
    },
    phone: (rng) => `+49 ${rng.pick(['30', '89', '371', '351', '911', '711', '231'])} ${num(rng, 7)}`,
    billingMailboxes: ['buchhaltung', 'rechnungen', 'kreditoren'],
  },
  NL: {
    male: ['Jeroen', 'Bas', 'Sander', 'Mark', 'Thijs', 'Ruud', 'Pieter', 'Joost'],
    female: ['Anouk', 'Femke', 'Sanne', 'Marieke', 'Lotte', 'Eline', 'Inge'],
    surnames: same([
      'de Vries',
      'van der Meer',
      'Bakker',
      'Visser',
      'Smit',
      'Mulder',
      'van Dijk',
      'de Boer',
      'Jansen',
      'van den Berg',
      'Dekker',
    ]),
    company(rng, person) {
      const trades = [
        'Installatietechniek',
        'Metaalbewerking',
        'Machinebouw',
        'Techniek',
        'Constructie',
        'Onderhoud',
        'Elektrotechniek',
      ];
      const family = person().last;
      const capitalised = family.charAt(0).toUpperCase() + family.slice(1);
      return rng.chance(0.6)
        ? `${capitalised} ${rng.pick(trades)} B.V.`
        : `${rng.pick(['Twente', 'Brabant', 'Rijnmond', 'Veluwe', 'Drenthe', 'Noord'])} ${rng.pick(trades)} B.V.`;
    },
    phone: (rng) => `+31 ${rng.pick(['20', '10', '40', '53', '73'])} ${num(rng, 3)} ${num(rng, 4)}`,
    billingMailboxes: ['crediteuren', 'facturen', 'administratie'],
  },
  NO: {
    male: ['Ole', 'Lars', 'Knut', 'Erik', 'Magnus', 'Håkon', 'Jonas', 'Anders'],
    female: ['Ingrid', 'Kari', 'Silje', 'Marte', 'Hanne', 'Ingeborg', 'Nora'],
    surnames: same([
      'Hansen',
      'Johansen',
      'Olsen',
      'Larsen',
      'Andersen',
      'Pedersen',
      'Nilsen',
      'Berg',
      'Haugen',
      'Solberg',
    ]),
    company(rng, person) {
      const places = ['Bergen', 'Stavanger', 'Ålesund', 'Trondheim', 'Drammen', 'Haugesund', 'Molde', 'Bodø'];
      switch (rng.int(0, 2)) {
        case 0:
          return `${rng.pick(places)} Mekaniske Verksted AS`;
        case 1:
          return `${person().last} ${rng.pick(['Elektro', 'Rør', 'Maskin', 'Sveis', 'Hydraulikk'])} AS`;
        default:
          return `${rng.pick(['Fjord', 'Nordvik', 'Vestland', 'Kyst', 'Polar'])} ${rng.pick(['Industri', 'Maskin', 'Offshore Service', 'Verft'])} AS`;
      }
    },
    phone: (rng) => `+47 ${rng.pick(['4', '9'])}${num(rng, 2)} ${num(rng, 2)} ${num(rng, 3)}`,
    billingMailboxes: ['faktura', 'regnskap', 'inngaende.faktura'],
  },
  GB: {
    male: ['James', 'David', 'Richard', 'Andrew', 'Paul', 'Mark', 'Simon', 'Stephen'],
    female: ['Sarah', 'Emma', 'Claire', 'Rachel', 'Helen', 'Louise', 'Joanne'],
    surnames: same([
      'Taylor',
      'Brown',
      'Wilson',
      'Thompson',
      'Walker',
      'Wright',
      'Hughes',
      'Edwards',
      'Clarke',
      'Harrison',
      'Marshall',
      'Fletcher',
    ]),
    company(rng, person) {
      const places = [
        'Sheffield',
        'Leeds',
        'Derby',
        'Coventry',
        'Wolverhampton',
        'Preston',
        'Rotherham',
        'Telford',
      ];
      switch (rng.int(0, 3)) {
        case 0:
          return `${person().last} Engineering Ltd`;
        case 1:
          return `${rng.pick(places)} ${rng.pick(['Fabrications', 'Precision', 'Hydraulics', 'Tooling'])} Ltd`;
        case 2:
          return `${person().last} & Sons Ltd`;
        default:
          return `${person().last} Industrial Services Ltd`;
      }
    },
    // Ofcom's ranges reserved for drama: these numbers reach nobody.
    phone: (rng) =>
      rng.pick([`+44 20 7946 0${num(rng, 3)}`, `+44 113 496 0${num(rng, 3)}`, `+44 7700 900${num(rng, 3)}`]),
    billingMailboxes: ['accounts.payable', 'accounts', 'invoices'],
  },
});

export function randomPerson(rng: Rng, country: DemoCountry): Person {
  const n = NAMES[country];
  const female = rng.chance(0.5);
  const [m, f] = rng.pick(n.surnames);
  return { first: rng.pick(female ? n.female : n.male), last: female ? f : m, female };
}

/** ASCII slug for mail addresses: "Dvořáková" -> "dvorakova", "Ålesund" -> "alesund". */
export function slug(text: string, separator = '-'): string {
  return text
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/æ/g, 'ae')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}|\\${separator}$`, 'g'), '');
}

/** Company domain under the reserved `.example` TLD, so demo mail can never reach a real inbox. */
export function companyDomain(name: string): string {
  const withoutForm = name.replace(/\s+(s\.r\.o\.|a\.s\.|GmbH & Co\. KG|GmbH|AG|B\.V\.|AS|Ltd)$/, '');
  return `${slug(withoutForm)}.example`;
}
