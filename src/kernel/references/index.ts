/**
 * Structured payment references: make the one printed on an invoice, check one a person typed, print
 * it, and find them in bank statement text. Pure functions; references are digit/letter strings.
 */
export {
  type PaymentSymbols,
  parseSymbolsFromEndToEndId,
  symbolsToEndToEndId,
  validateConstantSymbol,
  validateSpecificSymbol,
  validateVariableSymbol,
} from './czech-symbols.ts';
export { defaultReferenceScheme } from './default-scheme.ts';
export { finnishRf } from './fi.ts';
export { type FoundReference, type FoundReferenceKind, findReferences } from './find-references.ts';
export {
  formatReference,
  isReferenceScheme,
  REFERENCE_SCHEMES,
  type ReferenceOptions,
  type ReferenceScheme,
  referenceForInvoice,
  validateReference,
} from './reference-for-invoice.ts';
