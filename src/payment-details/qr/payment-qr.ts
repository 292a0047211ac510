import type { IsoDate } from '../../kernel/dates.ts';

/**
 * The payment QR codes Duly prints on invoices and reminders, one per national or European standard.
 * A `PaymentQr` is the text a banking app reads (the payload) plus the error-correction level its
 * standard asks for; rendering (qr-render.ts) is a separate, pure step, so the payload can be tested,
 * stored or shown on its own.
 *
 * @example
 *   const qr: PaymentQr = { standard: 'epc', payload: 'BCD\n002\n1\nSCT\n...', errorCorrection: 'M' };
 */
export type QrStandard = 'epc' | 'spayd' | 'bysquare' | 'swiss';

export interface PaymentQr {
  readonly standard: QrStandard;
  readonly payload: string;
  readonly errorCorrection: 'L' | 'M' | 'Q' | 'H';
}

/** A structured postal address (the Swiss QR-bill's address type S needs the parts apart). */
export interface PostalAddress {
  readonly street: string;
  readonly buildingNumber?: string;
  readonly postalCode: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

/**
 * The kinds of payment reference Duly issues (src/payment-details/references/). The value arrives
 * already validated; the builders here only check what their own field can carry.
 */
export type PaymentReferenceKind = 'RF' | 'VS' | 'QRR' | 'KID' | 'OGM' | 'FI' | 'NL' | 'other';

export interface PaymentReference {
  readonly kind: PaymentReferenceKind;
  readonly value: string;
}

/** Czech and Slovak payment symbols: variable (<= 10 digits), specific (<= 10), constant (<= 4). */
export interface PaymentSymbols {
  readonly vs?: string;
  readonly ss?: string;
  readonly ks?: string;
}

/** Everything the chooser needs to print one payment QR code for the amount still due. */
export interface PaymentQrInput {
  readonly currency: string;
  /** Minor units, > 0. */
  readonly amount: number;
  readonly creditor: {
    readonly name: string;
    readonly iban: string;
    readonly bic?: string;
    readonly address?: PostalAddress;
  };
  readonly debtor?: { readonly name: string; readonly address?: PostalAddress };
  /** ISO 3166-1 alpha-2 of the customer (the payer): picks PAY by square for Slovakia. */
  readonly customerCountry: string;
  readonly reference?: PaymentReference;
  readonly symbols?: PaymentSymbols;
  /** Free text for the payer's statement ("Invoice 2026-0042"). */
  readonly message?: string;
  readonly dueDate?: IsoDate;
  /** The organisation prints Swiss QR-bills for its Swiss and Liechtenstein customers in EUR too. */
  readonly swissQrBill?: boolean;
}
