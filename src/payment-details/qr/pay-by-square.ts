import { type DataModel, encode, PaymentOptions } from 'bysquare/pay';
import type { IsoDate } from '../../kernel/dates.ts';
import { fail, ok, type Result } from '../../kernel/errors.ts';
import {
  amountText,
  bicField,
  collect,
  compactDate,
  currencyField,
  digitsField,
  ibanField,
  optionalText,
  requiredText,
} from './fields.ts';
import type { PaymentQr } from './payment-qr.ts';

/** What a Slovak PAY by square code carries for one payment order (version 1.2). */
export interface PayBySquareInput {
  /** EUR: Slovak banks pay euros; Duly prints PAY by square for Slovak customers' euro invoices. */
  readonly currency: string;
  /** Minor units; the amount field is 15 characters, so at most 999 999 999 999.99. */
  readonly amount: number;
  readonly iban: string;
  readonly bic?: string;
  /** Required since version 1.2 of the standard, at most 70 characters. */
  readonly beneficiaryName: string;
  readonly beneficiaryStreet?: string;
  readonly beneficiaryCity?: string;
  readonly dueDate?: IsoDate;
  readonly vs?: string;
  readonly ss?: string;
  /** Constant symbol: four digits at most in Slovakia. */
  readonly ks?: string;
  /** Originator's reference information per SEPA (an RF reference), at most 35 characters. */
  readonly originatorsReference?: string;
  /** The payment note, at most 140 characters. */
  readonly note?: string;
  /**
   * Keep accents in the note and the beneficiary. Off by default: the `bysquare` package strips them
   * ("Ľubomír" -> "Lubomir") because many Slovak banking apps fail on diacritics; the standard itself
   * is UTF-8, so an organisation whose customers' banks cope may turn this on.
   */
  readonly keepDiacritics?: boolean;
}

const MAX_AMOUNT = 99_999_999_999_999;

/**
 * Builds the PAY by square string with the `bysquare` package (tab-separated model, CRC32, LZMA,
 * base32hex). The package's model takes the amount as a JavaScript number: the decimal text of the
 * minor units is parsed, and since it has at most 15 significant digits the number prints back as the
 * same decimal, so no float rounding reaches the code. The output is base32hex (0-9, A-V), which the
 * renderer encodes in the QR code's compact alphanumeric mode.
 *
 * @example
 *   buildPayBySquareQr({ currency: 'EUR', amount: 4550, iban: 'SK3112000000198742637541',
 *     beneficiaryName: 'Duly s.r.o.', vs: '20260042' })
 *   // ok({ standard: 'bysquare', payload: '000A8000...', errorCorrection: 'M' })
 */
export function buildPayBySquareQr(input: PayBySquareInput): Result<PaymentQr> {
  const currency = currencyField(input.currency, ['EUR']);
  if (!currency.ok) return currency;
  const v = collect({
    amount: amountText(input.amount, currency.value, MAX_AMOUNT),
    dueDate: compactDate(input.dueDate, 'dueDate'),
    vs: digitsField(input.vs, 'vs', 10),
    ks: digitsField(input.ks, 'ks', 4),
    ss: digitsField(input.ss, 'ss', 10),
    originatorsReference: optionalText(input.originatorsReference, 'originatorsReference', 35),
    note: optionalText(input.note, 'note', 140),
    iban: ibanField(input.iban, 'iban'),
    bic: bicField(input.bic, 'bic'),
    beneficiaryName: requiredText(input.beneficiaryName, 'beneficiaryName', 70),
    beneficiaryStreet: optionalText(input.beneficiaryStreet, 'beneficiaryStreet', 70),
    beneficiaryCity: optionalText(input.beneficiaryCity, 'beneficiaryCity', 70),
  });
  if (!v.ok) return v;
  const f = v.value;
  // A fresh model each call: encode() strips diacritics by writing into the model it is given.
  const model: DataModel = {
    payments: [
      {
        type: PaymentOptions.PaymentOrder,
        amount: Number(f.amount),
        currencyCode: currency.value,
        ...(f.dueDate && { paymentDueDate: f.dueDate }),
        ...(f.vs && { variableSymbol: f.vs }),
        ...(f.ks && { constantSymbol: f.ks }),
        ...(f.ss && { specificSymbol: f.ss }),
        ...(f.originatorsReference && { originatorsReferenceInformation: f.originatorsReference }),
        ...(f.note && { paymentNote: f.note }),
        bankAccounts: [{ iban: f.iban, ...(f.bic && { bic: f.bic }) }],
        beneficiary: {
          name: f.beneficiaryName,
          ...(f.beneficiaryStreet && { street: f.beneficiaryStreet }),
          ...(f.beneficiaryCity && { city: f.beneficiaryCity }),
        },
      },
    ],
  };
  try {
    const payload = encode(model, { deburr: !input.keepDiacritics, validate: true });
    return ok({ standard: 'bysquare', payload, errorCorrection: 'M' });
  } catch (error) {
    // The checks above cover what the package validates; this keeps a stricter future version of it
    // from turning an unprintable QR code into a crash.
    return fail('validation_failed', `PAY by square refused the payment: ${(error as Error).message}`, {
      field: 'payment',
      hint: 'check the IBAN, BIC, currency and due date',
    });
  }
}
