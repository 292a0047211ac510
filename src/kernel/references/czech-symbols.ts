import { fail, ok, type Result } from '../errors.ts';
import { digitsOf, firstDisallowed, isDigits, stripLeadingZeros, withoutSpaces } from './digits.ts';

/**
 * Czech and Slovak payment symbols (Czech National Bank decree on payment symbols, No. 169/2011 Sb.;
 * Slovak Banking Association rules for SEPA payments): variabilní symbol (VS) and specifický symbol (SS) up to 10 digits, konstantní
 * symbol (KS) up to 4 digits; none has a check digit. Banks keep them in zero-padded fixed-width fields
 * (ABO/GPC), so leading zeros carry no meaning: the machine form of VS and SS drops them, KS is kept
 * as its customary 4 digits ('308' -> '0308'). A symbol of only zeros means "no symbol" and is refused.
 * Slovak SEPA credit transfers carry the three in the EndToEndId as `/VS123/SS456/KS0308`.
 */

type SymbolName = 'variable symbol' | 'specific symbol' | 'constant symbol';

function validateSymbol(name: SymbolName, maxDigits: number, text: string): Result<string> {
  const bad = firstDisallowed(text, /[0-9]/);
  if (bad) {
    return fail(
      'validation_failed',
      `character '${bad.char}' at column ${bad.column} is not allowed in a ${name}; use digits only`,
      {
        field: 'reference',
      },
    );
  }
  const digits = withoutSpaces(text);
  if (digits.length === 0) return fail('validation_failed', `the ${name} is empty`, { field: 'reference' });
  const significant = stripLeadingZeros(digits);
  if (significant.length === 0) {
    return fail('validation_failed', `the ${name} '${digits}' is all zeros, which banks read as no symbol`, {
      field: 'reference',
    });
  }
  if (significant.length > maxDigits) {
    return fail(
      'validation_failed',
      `the ${name} '${digits}' has ${significant.length} digits; at most ${maxDigits} are allowed`,
      {
        field: 'reference',
      },
    );
  }
  return ok(significant);
}

/**
 * A variable symbol without leading zeros.
 * @example validateVariableSymbol('0020260042') // ok('20260042')
 */
export function validateVariableSymbol(text: string): Result<string> {
  return validateSymbol('variable symbol', 10, text);
}

/** A specific symbol (often the customer number) without leading zeros. @example validateSpecificSymbol('456') // ok('456') */
export function validateSpecificSymbol(text: string): Result<string> {
  return validateSymbol('specific symbol', 10, text);
}

/** A constant symbol as its customary four digits. @example validateConstantSymbol('308') // ok('0308') */
export function validateConstantSymbol(text: string): Result<string> {
  const result = validateSymbol('constant symbol', 4, text);
  return result.ok ? ok(result.value.padStart(4, '0')) : result;
}

/**
 * The variable symbol for an invoice number: its digits without leading zeros. An invoice number with
 * more than 10 digits keeps its LAST 10, where the running sequence is; two invoices that differ only in
 * the digits dropped then share a VS, so keep invoice numbers to 10 digits where VS matters.
 * @example variableSymbolFromInvoice('2026-0042') // ok('20260042')
 * @example variableSymbolFromInvoice('FV-2026-000000123') // ok('6000000123'), the last 10 digits
 */
export function variableSymbolFromInvoice(invoiceNumber: string): Result<string> {
  const digits = digitsOf(invoiceNumber).slice(-10);
  const significant = stripLeadingZeros(digits);
  if (significant.length === 0) {
    return fail(
      'validation_failed',
      `invoice number '${invoiceNumber}' has no ${digits.length === 0 ? 'digits' : 'digits other than zeros'} for a variable symbol; use invoice numbers with digits or choose the RF reference`,
      { field: 'invoiceNumber' },
    );
  }
  return ok(significant);
}

export interface PaymentSymbols {
  readonly vs?: string;
  readonly ss?: string;
  readonly ks?: string;
}

const SYMBOLS = {
  VS: validateVariableSymbol,
  SS: validateSpecificSymbol,
  KS: validateConstantSymbol,
} as const;

/**
 * Reads the Slovak EndToEndId form `/VS123/SS456/KS0308`. Each part is optional and may be empty
 * (`/VS123/SS/KS0308`); parts come in any order, each at most once.
 * @example parseSymbolsFromEndToEndId('/VS20260042/SS/KS0308') // ok({ vs: '20260042', ks: '0308' })
 */
export function parseSymbolsFromEndToEndId(endToEndId: string): Result<PaymentSymbols> {
  const text = endToEndId.trim();
  if (!text.startsWith('/')) {
    return fail('validation_failed', `EndToEndId '${text}' is not of the form /VS.../SS.../KS...`, {
      field: 'EndToEndId',
    });
  }
  const found: { vs?: string; ss?: string; ks?: string } = {};
  const seen = new Set<string>();
  for (const part of text.slice(1).split('/')) {
    const key = part.slice(0, 2).toUpperCase();
    const value = part.slice(2);
    if (!(key === 'VS' || key === 'SS' || key === 'KS') || (value !== '' && !isDigits(value))) {
      return fail(
        'validation_failed',
        `EndToEndId '${text}': part '/${part}' is not VS, SS or KS followed by digits`,
        {
          field: 'EndToEndId',
        },
      );
    }
    if (seen.has(key))
      return fail('validation_failed', `EndToEndId '${text}' names ${key} twice`, { field: 'EndToEndId' });
    seen.add(key);
    if (value === '' || stripLeadingZeros(value) === '') continue;
    const symbol = SYMBOLS[key](value);
    if (!symbol.ok) {
      return fail('validation_failed', `EndToEndId '${text}': ${symbol.error.message}`, {
        field: 'EndToEndId',
      });
    }
    found[key.toLowerCase() as 'vs' | 'ss' | 'ks'] = symbol.value;
  }
  return ok(found);
}

/**
 * The EndToEndId a Slovak payer's bank expects, at most 35 characters (10 + 10 + 4 digits fit).
 * @example symbolsToEndToEndId({ vs: '123', ss: '456', ks: '0308' }) // '/VS123/SS456/KS0308'
 */
export function symbolsToEndToEndId(symbols: PaymentSymbols): string {
  return (
    (symbols.vs ? `/VS${symbols.vs}` : '') +
    (symbols.ss ? `/SS${symbols.ss}` : '') +
    (symbols.ks ? `/KS${symbols.ks}` : '')
  );
}
