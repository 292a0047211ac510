import { type FS, Liquid, LiquidError, Tag, type Template } from 'liquidjs';
import { isIsoDate } from '../../kernel/dates.ts';
import { type DulyErrorDetail, fail, ok, type Result } from '../../kernel/errors.ts';
import { LANGUAGES, type Language } from '../../kernel/locale.ts';
import { assertMinor, isCurrency } from '../../kernel/money.ts';
import type { MessageVars, TemplateKey } from '../model.ts';
import { type CompiledTemplate, compileLiquid, type Filters } from './compiled.ts';
import { type DateStyle, formatDate, formatMoney } from './format.ts';
import { textToHtml } from './html.ts';
import { invoiceTableHtml, invoiceTableText } from './invoice-table.ts';
import { sampleMessageVars } from './sample.ts';
import { INVOICE_TABLE_MARK, TEMPLATE_VARIABLES, templateScope } from './scope.ts';

/** A template as stored: Liquid source for the subject and the plain-text body. */
export interface MessageTemplate {
  readonly subject: string;
  readonly body: string;
  /** Named in error messages ("template overdue_first (cs), body line 4"). */
  readonly key?: TemplateKey;
}

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Longest template source accepted, per part (characters). */
export const MAX_TEMPLATE_LENGTH = 50_000;
/** Longest rendered body accepted (characters); a reminder is a few kilobytes. */
export const MAX_MESSAGE_LENGTH = 200_000;
/** Longest subject accepted (characters), after whitespace is folded. */
export const MAX_SUBJECT_LENGTH = 500;
/** Wall-clock budget of one render; a reminder takes well under a millisecond. */
export const RENDER_LIMIT_MS = 1_000;
/** LiquidJS's allocation budget (range sizes, string and array filters). */
const MEMORY_LIMIT = 1_000_000;

const refuse = (): never => {
  throw new Error('templates cannot read files');
};
/** A file system that has nothing: the last line of defence if a file-loading tag slipped through. */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => refuse(),
  readFileSync: refuse,
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

function forbiddenTag(name: string) {
  return class extends Tag {
    constructor(...args: ConstructorParameters<typeof Tag>) {
      super(...args);
      throw new Error(`{% ${name} %} is not available: a Duly template cannot load other templates or files`);
    }
    render(): void {}
  };
}

function languageOf(environment: unknown): Language {
  const language = (environment as { language?: unknown }).language;
  if (!LANGUAGES.includes(language as Language)) throw new Error('no language in the template scope');
  return language as Language;
}

type Variables = Readonly<Record<string, unknown>>;

/** `{{ amount | money }}`, `{{ amount | money: 'EUR' }}`: minor units in the customer's locale. */
function moneyFilter(value: unknown, currency: unknown, variables: Variables): string {
  const code = currency === undefined ? variables.currency : currency;
  if (typeof code !== 'string' || !isCurrency(code))
    throw new Error(`money: unknown currency ${String(code)}`);
  assertMinor(value, 'money: the amount');
  return formatMoney(value, code, languageOf(variables));
}

/** `{{ deadline | date }}`, `{{ deadline | date: 'long' }}`. */
function dateFilter(value: unknown, style: unknown, variables: Variables): string {
  if (value === null || value === undefined) throw new Error('date: the value is empty (no date given)');
  if (typeof value !== 'string' || !isIsoDate(value)) throw new Error(`date: not a date: ${String(value)}`);
  const s = style ?? 'short';
  if (s !== 'short' && s !== 'long')
    throw new Error(`date: style must be "short" or "long", not ${String(s)}`);
  return formatDate(value, languageOf(variables), s as DateStyle);
}

/** The same filters for the compiled fast path (compiled.ts). */
const COMPILED_FILTERS: Filters = Object.freeze({
  money: (value, args, variables) => moneyFilter(value, args[0], variables),
  date: (value, args, variables) => dateFilter(value, args[0], variables),
});

function createEngine(): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // No file system: no root, no relative references, a refusing fs, and the tags that load files
    // replaced below by tags that fail while parsing.
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    dynamicPartials: false,
    fs: NO_FILES,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
    timezoneOffset: 0,
  });
  for (const tag of ['include', 'render', 'layout']) engine.registerTag(tag, forbiddenTag(tag));
  // Rendering is a pure function of the variables: nothing that reads the clock or a random source.
  for (const filter of [
    'date_to_xmlschema',
    'date_to_rfc822',
    'date_to_string',
    'date_to_long_string',
    'sample',
  ]) {
    engine.unregisterFilter(filter);
  }
  engine.registerFilter('money', function (this: { context: { environments: unknown } }, value, currency) {
    return moneyFilter(value, currency, this.context.environments as Variables);
  });
  engine.registerFilter('date', function (this: { context: { environments: unknown } }, value, style) {
    return dateFilter(value, style, this.context.environments as Variables);
  });
  return engine;
}

const engine = createEngine();

// Parsed templates are immutable and reusable; a run renders the same few dozen sources many times.
const parsed = new Map<string, Template[]>();
const PARSE_CACHE_SIZE = 500;

function parse(source: string): Template[] {
  const cached = parsed.get(source);
  if (cached) return cached;
  const templates = engine.parse(source);
  if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string);
  parsed.set(source, templates);
  return templates;
}

type Part = 'subject' | 'body';

function explain(error: unknown): { message: string; line?: number; column?: number; hint?: string } {
  if (!(error instanceof LiquidError)) throw error;
  const [line, column] = error.token?.getPosition() ?? [];
  const raw = (error.originalError?.message ?? error.message).replace(/, line:\d+, col:\d+$/, '');
  const where = { line, column };
  const variable = /^undefined variable: (.+)$/.exec(raw);
  if (variable) {
    const hint = `Available: ${TEMPLATE_VARIABLES.map(([name]) => name).join('; ')}`;
    return { message: `unknown variable "${variable[1]}"`, hint, ...where };
  }
  const filter = /^undefined filter: (.+)$/.exec(raw);
  if (filter) {
    const hint = 'Duly adds the filters money and date to the standard Liquid filters.';
    return { message: `unknown filter "${filter[1]}"`, hint, ...where };
  }
  if (raw === 'template render limit exceeded') {
    return {
      message: `the template took longer than ${RENDER_LIMIT_MS} ms to render (a runaway loop?)`,
      ...where,
    };
  }
  if (raw === 'memory alloc limit exceeded') {
    return { message: 'the template builds too large a list or text (a runaway loop or range?)', ...where };
  }
  if (raw === 'parse length limit exceeded') {
    return { message: `the template is longer than ${MAX_TEMPLATE_LENGTH} characters`, ...where };
  }
  if (/Cannot convert object to primitive value/.test(raw)) {
    return { message: 'a list or an object cannot be printed as such: print one of its fields', ...where };
  }
  return { message: raw, ...where };
}

const compiledCache = new Map<string, CompiledTemplate | null>();

/** The compiled form of `source`, or null when only LiquidJS can render it (see compiled.ts). */
function compiled(source: string): CompiledTemplate | null {
  let c = compiledCache.get(source);
  if (c === undefined) {
    c = compileLiquid(source, COMPILED_FILTERS);
    if (compiledCache.size >= PARSE_CACHE_SIZE)
      compiledCache.delete(compiledCache.keys().next().value as string);
    compiledCache.set(source, c);
  }
  return c;
}

/** Whether `source` renders on the compiled fast path (the shipped texts must). */
export function hasFastPath(source: string): boolean {
  return compiled(source) !== null;
}

function renderPart(
  template: MessageTemplate,
  part: Part,
  variables: object,
  language: Language,
  fastPath: boolean,
): Result<string> {
  const fast = fastPath ? compiled(template[part]) : null;
  if (fast) {
    try {
      return ok(fast(variables));
    } catch {
      // FALLBACK or an error: LiquidJS renders it, or says what is wrong in its own words.
    }
  }
  try {
    return ok(String(engine.renderSync(parse(template[part]), variables)));
  } catch (error) {
    return templateError(template, part, language, explain(error));
  }
}

function templateError<T>(
  template: MessageTemplate,
  part: Part,
  language: Language,
  problem: { message: string; line?: number; column?: number; hint?: string },
): Result<T> {
  const name = `template ${template.key ? `${template.key} ` : ''}(${language})`;
  const at = problem.line === undefined ? '' : ` line ${problem.line}, column ${problem.column}`;
  const detail: DulyErrorDetail = { field: part, message: problem.message, line: problem.line };
  // A dedicated 'template_error' code would be clearer; errors.ts is not this module's to extend.
  return fail('validation_failed', `The ${name} cannot be rendered: ${part}${at}: ${problem.message}`, {
    field: 'template',
    errors: [detail],
    ...(problem.hint ? { hint: problem.hint } : {}),
  });
}

/** Trailing spaces go, runs of blank lines (left by tags on their own lines) become one. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** A subject is one line: no header injection, whatever a variable held. No-break spaces stay. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a subject must not carry any
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029 ]+/g, ' ').trim();
}

/**
 * Renders a reminder: the subject, the plain-text body and an HTML body derived from it. Expected
 * failures (a template that does not parse, an unknown variable or filter, a runaway loop) come back
 * as `validation_failed` naming the template, the part and the line; nothing half-rendered is ever
 * returned.
 *
 * @example
 *   renderMessage(defaultTemplate('overdue_first', 'cs'), vars)
 *   // ok({ subject: 'Připomínka úhrady faktury 2026-0042', text: 'Dobrý den,\n\n...', html: '<!DOCTYPE html>...' })
 */
export function renderMessage(
  template: MessageTemplate,
  vars: MessageVars,
  options: {
    /** False renders with LiquidJS alone: the reference the compiled fast path is tested against. */
    readonly fastPath?: boolean;
  } = {},
): Result<RenderedMessage> {
  const fastPath = options.fastPath ?? true;
  const language = vars.language;
  if (vars.invoices.length === 0) {
    return fail('validation_failed', 'A reminder needs at least one invoice', { field: 'invoices' });
  }
  const { variables, table } = templateScope(vars);
  const subject = renderPart(template, 'subject', variables, language, fastPath);
  if (!subject.ok) return subject;
  const body = renderPart(template, 'body', variables, language, fastPath);
  if (!body.ok) return body;
  const problem = (part: Part, message: string) =>
    templateError<RenderedMessage>(template, part, language, { message });

  if (subject.value.includes('\u0000')) return problem('subject', 'invoiceTable cannot be used in a subject');
  const subjectLine = oneLine(subject.value);
  if (subjectLine === '') return problem('subject', 'the subject is empty');
  if (subjectLine.length > MAX_SUBJECT_LENGTH) {
    return problem('subject', `the subject is longer than ${MAX_SUBJECT_LENGTH} characters`);
  }

  const pieces = body.value.split(INVOICE_TABLE_MARK);
  if (pieces.some((piece) => piece.includes('\u0000'))) {
    return problem('body', 'invoiceTable must be output as it is, {{ invoiceTable }}, without filters');
  }
  // Checked before expanding: a loop printing the table thousands of times must not build a huge string.
  const tableText = invoiceTableText(table);
  const expanded = body.value.length + (pieces.length - 1) * (tableText.length + 4);
  if (expanded > MAX_MESSAGE_LENGTH) {
    return problem('body', `the message is longer than ${MAX_MESSAGE_LENGTH} characters`);
  }
  const text = tidy(pieces.join(`\n\n${tableText}\n\n`));
  if (text === '') return problem('body', 'the body is empty');
  const html = textToHtml(tidy(pieces.join(`\n\n${INVOICE_TABLE_MARK}\n\n`)), {
    language,
    subject: subjectLine,
    tableMark: INVOICE_TABLE_MARK,
    tableHtml: invoiceTableHtml(table),
  });
  return ok({ subject: subjectLine, text, html });
}

export interface TemplatePreview {
  readonly oneInvoice: RenderedMessage;
  readonly severalInvoices: RenderedMessage;
}

/**
 * For the template editor: renders the template against sample messages about one and about three
 * invoices (a template that works for only one of them fails), at the level its key names, in
 * `language`. Returns both previews, or the first error with its part and line.
 *
 * @example
 *   validateTemplate({ key: 'overdue_first', subject: 'Invoice {{ invoiceNumbers }}', body: '{{ customr.name }}' }, 'en')
 *   // fail: The template overdue_first (en) cannot be rendered: body line 1, column 4: unknown variable "customr.name"
 */
export function validateTemplate(
  template: MessageTemplate,
  language: Language = 'en',
): Result<TemplatePreview> {
  const key = template.key;
  const one = renderMessage(template, sampleMessageVars(language, { ...(key && { key }), invoiceCount: 1 }));
  if (!one.ok) return one;
  const several = renderMessage(
    template,
    sampleMessageVars(language, { ...(key && { key }), invoiceCount: 3 }),
  );
  if (!several.ok) return several;
  return ok({ oneInvoice: one.value, severalInvoices: several.value });
}
