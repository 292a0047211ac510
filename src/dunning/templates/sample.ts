import { addDays, type IsoDate } from '../../kernel/dates.ts';
import type { Language } from '../../kernel/locale.ts';
import { DEFAULT_LEVELS, type MessageVars, type TemplateKey } from '../model.ts';

/**
 * Realistic message variables per language, for the template editor's validation and preview and
 * for tests: a local supplier writing to a local business customer, amounts in the local currency.
 */
interface Party {
  readonly currency: string;
  readonly country: string;
  readonly organization: MessageVars['organization'];
  readonly customer: Omit<MessageVars['customer'], 'kind' | 'country'>;
  readonly payment: MessageVars['payment'];
  readonly numbers: readonly [string, string, string];
}

const PARTIES: Readonly<Record<Language, Party>> = Object.freeze({
  en: {
    currency: 'GBP',
    country: 'GB',
    organization: {
      name: 'Harbour Tools Ltd',
      country: 'GB',
      email: 'accounts@harbourtools.co.uk',
      phone: '+44 20 7946 0321',
    },
    customer: {
      name: 'Northgate Joinery Ltd',
      contactName: 'Sarah Mitchell',
      address: ['Unit 4, Canal Street', 'Leeds LS1 4DL'],
    },
    payment: {
      iban: 'GB29NWBK60161331926819',
      bic: 'NWBKGB2L',
      bankName: 'NatWest',
      reference: 'HT-2026-0042',
    },
    numbers: ['HT-2026-0042', 'HT-2026-0031', 'HT-2026-0027'],
  },
  cs: {
    currency: 'CZK',
    country: 'CZ',
    organization: {
      name: 'Strojírny Kovář s.r.o.',
      country: 'CZ',
      email: 'fakturace@strojirny-kovar.cz',
      phone: '+420 602 123 456',
    },
    customer: {
      name: 'Novák Stavby s.r.o.',
      contactName: 'Jana Nováková',
      address: ['Průmyslová 12', '602 00 Brno'],
    },
    payment: {
      iban: 'CZ6508000000192000145399',
      bic: 'GIBACZPX',
      bankName: 'Česká spořitelna',
      reference: '20260042',
    },
    numbers: ['2026-0042', '2026-0031', '2026-0027'],
  },
  sk: {
    currency: 'EUR',
    country: 'SK',
    organization: {
      name: 'Kovospol Trnava s.r.o.',
      country: 'SK',
      email: 'fakturacia@kovospol.sk',
      phone: '+421 905 123 456',
    },
    customer: {
      name: 'Horváth Stav s.r.o.',
      contactName: 'Peter Horváth',
      address: ['Hlavná 8', '040 01 Košice'],
    },
    payment: {
      iban: 'SK3112000000198742637541',
      bic: 'SUBASKBX',
      bankName: 'VÚB banka',
      reference: '20260042',
    },
    numbers: ['FA20260042', 'FA20260031', 'FA20260027'],
  },
  de: {
    currency: 'EUR',
    country: 'DE',
    organization: {
      name: 'Maschinenbau Weber GmbH',
      country: 'DE',
      email: 'buchhaltung@weber-maschinenbau.de',
      phone: '+49 30 1234567',
    },
    customer: {
      name: 'Schmidt Metallbau GmbH',
      contactName: 'Anna Schmidt',
      address: ['Industriestraße 5', '04109 Leipzig'],
    },
    payment: {
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      bankName: 'Commerzbank',
      reference: 'RE-2026-0042',
    },
    numbers: ['RE-2026-0042', 'RE-2026-0031', 'RE-2026-0027'],
  },
  nl: {
    currency: 'EUR',
    country: 'NL',
    organization: {
      name: 'Van Dijk Installatietechniek B.V.',
      country: 'NL',
      email: 'debiteuren@vandijk-installatie.nl',
      phone: '+31 20 123 4567',
    },
    customer: {
      name: 'De Vries Bouw B.V.',
      contactName: 'Jan de Vries',
      address: ['Havenweg 21', '3011 AB Rotterdam'],
    },
    payment: { iban: 'NL91ABNA0417164300', bic: 'ABNANL2A', bankName: 'ABN AMRO', reference: 'F2026-0042' },
    numbers: ['F2026-0042', 'F2026-0031', 'F2026-0027'],
  },
  nb: {
    currency: 'NOK',
    country: 'NO',
    organization: {
      name: 'Fjordverk AS',
      country: 'NO',
      email: 'faktura@fjordverk.no',
      phone: '+47 22 12 34 56',
    },
    customer: {
      name: 'Berg Bygg AS',
      contactName: 'Kari Berg',
      address: ['Sjøgata 3', '5003 Bergen'],
    },
    payment: { iban: 'NO9386011117947', bic: 'DNBANOKK', bankName: 'DNB', reference: '2345676' },
    numbers: ['10042', '10031', '10027'],
  },
});

/** Open amounts of the sample invoices (minor units); the first is partly paid. */
const AMOUNTS: readonly (readonly [total: number, open: number])[] = [
  [1_534_550, 1_234_550],
  [48_050, 48_050],
  [250_000, 250_000],
];

export interface SampleOptions {
  readonly key?: TemplateKey;
  readonly invoiceCount?: 1 | 3;
  readonly today?: IsoDate;
}

/**
 * A message for `language` at the level of `key` (default overdue_first), about one or three
 * invoices. The deadline is set when that level of the default ladder gives one (or when no key is
 * given), so a preview shows what a run would send.
 */
export function sampleMessageVars(language: Language, options: SampleOptions = {}): MessageVars {
  const party = PARTIES[language];
  const today = options.today ?? '2026-04-15';
  const level = DEFAULT_LEVELS.find((l) => l.templateKey === (options.key ?? 'overdue_first'));
  if (!level) throw new Error(`no default level for ${options.key}`);
  const daysOverdue = [level.days, level.days + 12, level.days + 26];
  const invoices = AMOUNTS.slice(0, options.invoiceCount ?? 1).map(([total, open], i) => ({
    number: party.numbers[i]!,
    issueDate: addDays(today, -daysOverdue[i]! - 30),
    dueDate: addDays(today, -daysOverdue[i]!),
    daysOverdue: daysOverdue[i]!,
    currency: party.currency,
    total,
    open,
  }));
  const deadlineDays = options.key === undefined ? 14 : level.deadlineDays;
  return {
    language,
    today,
    level: { position: level.position, name: level.name, kind: level.kind },
    organization: party.organization,
    customer: { ...party.customer, kind: 'business', country: party.country },
    invoices,
    currency: party.currency,
    totalOpen: invoices.reduce((sum, i) => sum + i.open, 0),
    payment: party.payment,
    deadline: deadlineDays === null ? null : addDays(today, deadlineDays),
  };
}
