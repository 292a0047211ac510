import type { Language } from '../kernel/locale.ts';
import type { MessageVars } from './model.ts';
import { formatDate, formatIban, formatList, formatMoney } from './templates/format.ts';

/**
 * The call task's script. The caller is one of our own people, so the script is in English; the
 * phrases they may say to the customer come in the customer's language. Follows DOMAIN.md section 1:
 * say who you are and why you call, stay on the payment, be polite, accuse no one, state what is owed
 * and how to pay, and record the date, every commitment and every excuse.
 */

interface PhraseContext {
  readonly org: string;
  readonly count: number;
  /** The invoice numbers as a list in the customer's language ("1, 2 a 3"). */
  readonly numbers: string;
  readonly amount: string;
  readonly oldestDue: string;
  readonly iban: string | null;
  readonly reference: string;
  readonly phone: string;
  readonly deadline: string | null;
  /** A consumer's debt is nobody else's business: a voicemail names no invoice. */
  readonly discreet: boolean;
}

interface CallPhrases {
  readonly languageName: string;
  readonly intro: (c: PhraseContext) => string;
  readonly askPerson: string;
  readonly owed: (c: PhraseContext) => string;
  readonly askDate: string;
  readonly deadline: (c: PhraseContext) => string;
  readonly howToPay: (c: PhraseContext) => string;
  readonly alreadyPaid: string;
  readonly confirmPromise: string;
  readonly dispute: string;
  readonly voicemail: (c: PhraseContext) => string;
  readonly closing: string;
}

const VS = /^\d{1,10}$/;

/** Placeholders stay in English: the caller fills them in, the customer never reads them. */
const PHRASES: Readonly<Record<Language, CallPhrases>> = Object.freeze({
  en: {
    languageName: 'English',
    intro: (c) => `Hello, this is [your name] from ${c.org}. I'm calling about ${enInvoices(c)}.`,
    askPerson: 'Could I speak to the person who looks after supplier payments, please?',
    owed: (c) =>
      c.count === 1
        ? `Our records show that invoice ${c.numbers} for ${c.amount}, due on ${c.oldestDue}, is still open.`
        : `Our records show ${c.amount} still open on these invoices; the oldest was due on ${c.oldestDue}.`,
    askDate: 'Could you tell me when we can expect the payment?',
    deadline: (c) => `We would ask you to pay by ${c.deadline} at the latest.`,
    howToPay: (c) =>
      `You can pay by bank transfer${c.iban ? ` to IBAN ${c.iban}` : ''}, quoting the reference ${c.reference}.`,
    alreadyPaid:
      'It may be that your payment crossed with our reminder. Could you tell me when it was sent and from which account?',
    confirmPromise: "Thank you. So I'll note that you will pay [amount] by [date]. Is that right?",
    dispute:
      "I'm sorry there's a problem with the invoice. Could you tell me exactly what the issue is? We'll look into it and come back to you.",
    voicemail: (c) =>
      `Hello, this is [your name] from ${c.org}${c.discreet ? '' : `, calling about ${enInvoices(c)}`}. Could you call me back on ${c.phone}? Thank you.`,
    closing: 'Thank you for your time. Goodbye.',
  },
  cs: {
    languageName: 'Czech',
    intro: (c) =>
      `Dobrý den, u telefonu [your name] ze společnosti ${c.org}. Volám ohledně ${csInvoices(c)}.`,
    askPerson: 'Mohu prosím mluvit s tím, kdo u vás má na starosti úhrady faktur?',
    owed: (c) =>
      c.count === 1
        ? `Podle našich záznamů u nás zatím neevidujeme úhradu faktury č. ${c.numbers} na ${c.amount}, která byla splatná ${c.oldestDue}.`
        : `Podle našich záznamů u nás zatím neevidujeme úhradu těchto faktur v celkové výši ${c.amount}; nejstarší z nich byla splatná ${c.oldestDue}.`,
    askDate: 'Můžete mi prosím říct, kdy můžeme platbu očekávat?',
    deadline: (c) => `Prosíme o úhradu nejpozději do ${c.deadline}.`,
    howToPay: (c) =>
      `Platbu prosím pošlete na ${c.iban ? `účet ${c.iban}` : 'účet uvedený na faktuře'}${
        VS.test(c.reference)
          ? `, variabilní symbol ${c.reference}`
          : ` a do zprávy pro příjemce uveďte ${c.reference}`
      }.`,
    alreadyPaid:
      'Je možné, že se Vaše platba s naší upomínkou minula. Můžete mi prosím říct, kdy a z jakého účtu jste platili?',
    confirmPromise: 'Děkuji. Poznamenám si tedy, že částku [amount] uhradíte do [date]. Je to tak?',
    dispute:
      'Mrzí mě, že s fakturou není něco v pořádku. Můžete mi prosím popsat, o co přesně jde? Prověříme to a ozveme se Vám.',
    voicemail: (c) =>
      `Dobrý den, tady [your name] ze společnosti ${c.org}.${c.discreet ? '' : ` Volám ohledně ${csInvoices(c)}.`} Zavolejte mi prosím zpět na číslo ${c.phone}. Děkuji, na shledanou.`,
    closing: 'Děkuji za Váš čas a přeji hezký den. Na shledanou.',
  },
  sk: {
    languageName: 'Slovak',
    intro: (c) =>
      `Dobrý deň, pri telefóne [your name] zo spoločnosti ${c.org}. Volám ohľadom ${skInvoices(c)}.`,
    askPerson: 'Môžem, prosím, hovoriť s tým, kto má u vás na starosti úhrady faktúr?',
    owed: (c) =>
      c.count === 1
        ? `Podľa našich záznamov sme zatiaľ neprijali úhradu faktúry č. ${c.numbers} na sumu ${c.amount}, ktorá bola splatná ${c.oldestDue}.`
        : `Podľa našich záznamov sme zatiaľ neprijali úhradu týchto faktúr v celkovej sume ${c.amount}; najstaršia z nich bola splatná ${c.oldestDue}.`,
    askDate: 'Môžete mi, prosím, povedať, kedy môžeme platbu očakávať?',
    deadline: (c) => `Prosíme o úhradu najneskôr do ${c.deadline}.`,
    howToPay: (c) =>
      `Platbu, prosím, pošlite na ${c.iban ? `účet ${c.iban}` : 'účet uvedený na faktúre'}${
        VS.test(c.reference)
          ? `, variabilný symbol ${c.reference}`
          : ` a do správy pre príjemcu uveďte ${c.reference}`
      }.`,
    alreadyPaid:
      'Je možné, že sa Vaša platba s našou upomienkou minula. Môžete mi, prosím, povedať, kedy a z akého účtu ste platili?',
    confirmPromise: 'Ďakujem. Poznačím si teda, že sumu [amount] uhradíte do [date]. Je to tak?',
    dispute:
      'Mrzí ma, že s faktúrou nie je niečo v poriadku. Môžete mi, prosím, opísať, o čo presne ide? Preveríme to a ozveme sa Vám.',
    voicemail: (c) =>
      `Dobrý deň, tu je [your name] zo spoločnosti ${c.org}.${c.discreet ? '' : ` Volám ohľadom ${skInvoices(c)}.`} Zavolajte mi, prosím, späť na číslo ${c.phone}. Ďakujem, dovidenia.`,
    closing: 'Ďakujem za Váš čas a prajem pekný deň. Dovidenia.',
  },
  de: {
    languageName: 'German',
    intro: (c) => `Guten Tag, hier spricht [your name] von ${c.org}. Ich rufe wegen ${deInvoices(c)} an.`,
    askPerson: 'Könnten Sie mich bitte mit Ihrer Kreditorenbuchhaltung verbinden?',
    owed: (c) =>
      c.count === 1
        ? `Nach unseren Unterlagen ist die Rechnung ${c.numbers} über ${c.amount}, fällig am ${c.oldestDue}, noch offen.`
        : `Nach unseren Unterlagen sind diese Rechnungen über insgesamt ${c.amount} noch offen; die älteste war am ${c.oldestDue} fällig.`,
    askDate: 'Können Sie mir sagen, bis wann wir mit der Zahlung rechnen können?',
    deadline: (c) => `Wir bitten Sie, den Betrag bis spätestens ${c.deadline} zu überweisen.`,
    howToPay: (c) =>
      `Bitte überweisen Sie den Betrag ${c.iban ? `auf unser Konto ${c.iban}` : 'auf das Konto auf der Rechnung'} mit dem Verwendungszweck ${c.reference}.`,
    alreadyPaid:
      'Vielleicht hat sich Ihre Zahlung mit unserer Erinnerung überschnitten. Können Sie mir sagen, wann und von welchem Konto Sie überwiesen haben?',
    confirmPromise:
      'Vielen Dank. Dann notiere ich, dass Sie [amount] bis zum [date] überweisen. Ist das richtig?',
    dispute:
      'Es tut mir leid, dass es mit der Rechnung ein Problem gibt. Können Sie mir bitte genau schildern, worum es geht? Wir prüfen das und melden uns bei Ihnen.',
    voicemail: (c) =>
      `Guten Tag, hier ist [your name] von ${c.org}.${c.discreet ? '' : ` Ich rufe wegen ${deInvoices(c)} an.`} Bitte rufen Sie mich unter ${c.phone} zurück. Vielen Dank und auf Wiederhören.`,
    closing: 'Vielen Dank für Ihre Zeit. Auf Wiederhören.',
  },
  nl: {
    languageName: 'Dutch',
    intro: (c) => `Goedendag, u spreekt met [your name] van ${c.org}. Ik bel over ${nlInvoices(c)}.`,
    askPerson: 'Mag ik iemand van de crediteurenadministratie spreken?',
    owed: (c) =>
      c.count === 1
        ? `Volgens onze administratie staat factuur ${c.numbers} van ${c.amount}, met vervaldatum ${c.oldestDue}, nog open.`
        : `Volgens onze administratie staat er op deze facturen nog ${c.amount} open; de oudste verviel op ${c.oldestDue}.`,
    askDate: 'Kunt u mij vertellen wanneer wij de betaling kunnen verwachten?',
    deadline: (c) => `Wij verzoeken u het bedrag uiterlijk ${c.deadline} te betalen.`,
    howToPay: (c) =>
      `U kunt het bedrag overmaken${c.iban ? ` naar IBAN ${c.iban}` : ' naar het rekeningnummer op de factuur'}, onder vermelding van ${c.reference}.`,
    alreadyPaid:
      'Misschien heeft uw betaling onze herinnering gekruist. Kunt u mij vertellen wanneer en vanaf welke rekening u heeft betaald?',
    confirmPromise: 'Dank u wel. Dan noteer ik dat u [amount] uiterlijk [date] betaalt. Klopt dat?',
    dispute:
      'Vervelend dat er iets niet klopt met de factuur. Kunt u mij precies vertellen waar het om gaat? Wij zoeken het uit en nemen contact met u op.',
    voicemail: (c) =>
      `Goedendag, dit is [your name] van ${c.org}.${c.discreet ? '' : ` Ik bel over ${nlInvoices(c)}.`} Wilt u mij terugbellen op ${c.phone}? Dank u wel.`,
    closing: 'Dank u wel voor uw tijd. Nog een fijne dag!',
  },
  nb: {
    languageName: 'Norwegian Bokmål',
    intro: (c) => `Hei, du snakker med [your name] fra ${c.org}. Jeg ringer angående ${nbInvoices(c)}.`,
    askPerson: 'Kan jeg få snakke med den som tar seg av betaling av fakturaer hos dere?',
    owed: (c) =>
      c.count === 1
        ? `Etter det vi kan se, er faktura ${c.numbers} på ${c.amount}, med forfall ${c.oldestDue}, fortsatt ikke betalt.`
        : `Etter det vi kan se, er disse fakturaene, til sammen ${c.amount}, fortsatt ikke betalt; den eldste forfalt ${c.oldestDue}.`,
    askDate: 'Kan du si meg når vi kan regne med betalingen?',
    deadline: (c) => `Vi ber om at beløpet betales senest ${c.deadline}.`,
    howToPay: (c) =>
      `Beløpet kan betales til ${c.iban ? `IBAN ${c.iban}` : 'kontonummeret på fakturaen'}; merk betalingen med ${c.reference}.`,
    alreadyPaid:
      'Det kan hende at betalingen har krysset påminnelsen vår. Kan du si meg når og fra hvilken konto betalingen ble sendt?',
    confirmPromise: 'Takk. Da noterer jeg at [amount] blir betalt innen [date]. Stemmer det?',
    dispute:
      'Så leit at noe ikke stemmer med fakturaen. Kan du fortelle meg nøyaktig hva det gjelder? Vi ser på det og tar kontakt med deg.',
    voicemail: (c) =>
      `Hei, dette er [your name] fra ${c.org}.${c.discreet ? '' : ` Jeg ringer angående ${nbInvoices(c)}.`} Kan du ringe meg tilbake på ${c.phone}? Takk.`,
    closing: 'Takk for at du tok deg tid. Ha en fin dag!',
  },
});

// Past three invoices nobody reads numbers out; the count avoids declining a numeral in Czech or Slovak.
function enInvoices(c: PhraseContext): string {
  if (c.count > 3) return `your ${c.count} outstanding invoices`;
  return `${c.count === 1 ? 'invoice' : 'invoices'} ${c.numbers}`;
}
function csInvoices(c: PhraseContext): string {
  if (c.count > 3) return `Vašich neuhrazených faktur (celkem ${c.count})`;
  return `${c.count === 1 ? 'faktury' : 'faktur'} č. ${c.numbers}`;
}
function skInvoices(c: PhraseContext): string {
  if (c.count > 3) return `Vašich neuhradených faktúr (spolu ${c.count})`;
  return `${c.count === 1 ? 'faktúry' : 'faktúr'} č. ${c.numbers}`;
}
function deInvoices(c: PhraseContext): string {
  if (c.count > 3) return `Ihrer offenen Rechnungen (insgesamt ${c.count})`;
  return `${c.count === 1 ? 'unserer Rechnung' : 'unserer Rechnungen'} ${c.numbers}`;
}
function nlInvoices(c: PhraseContext): string {
  if (c.count > 3) return `uw openstaande facturen (in totaal ${c.count})`;
  return `${c.count === 1 ? 'factuur' : 'de facturen'} ${c.numbers}`;
}
function nbInvoices(c: PhraseContext): string {
  if (c.count > 3) return `de utestående fakturaene deres (totalt ${c.count})`;
  return `${c.count === 1 ? 'faktura' : 'fakturaene'} ${c.numbers}`;
}

function table(rows: readonly (readonly string[])[], rightAligned: readonly number[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('   ')
      .trimEnd(),
  );
}

/**
 * The script for a collection call about `vars.invoices`: plain text, English for the caller, with
 * suggested phrases in the customer's language. Pure: the same vars give the same text.
 */
export function callScript(vars: MessageVars): string {
  const { organization: org, customer, payment, language } = vars;
  const p = PHRASES[language];
  const count = vars.invoices.length;
  const oldest = vars.invoices.reduce<string | null>(
    (d, i) => (d === null || i.dueDate < d ? i.dueDate : d),
    null,
  );
  const iban = payment.iban ? formatIban(payment.iban) : null;
  const refName =
    (language === 'cs' || language === 'sk') && VS.test(payment.reference)
      ? `variable symbol (${language === 'cs' ? 'variabilní symbol' : 'variabilný symbol'})`
      : 'payment reference';
  const ctx: PhraseContext = {
    org: org.name,
    count,
    numbers: formatList(
      vars.invoices.map((i) => i.number),
      language,
    ),
    amount: formatMoney(vars.totalOpen, vars.currency, language),
    oldestDue: oldest ? formatDate(oldest, language) : '',
    iban,
    reference: payment.reference,
    phone: org.phone ?? '[your phone number]',
    deadline: vars.deadline ? formatDate(vars.deadline, language) : null,
    discreet: customer.kind === 'consumer',
  };
  const total = formatMoney(vars.totalOpen, vars.currency, 'en');
  const business = customer.kind === 'business';
  const askFor = business
    ? `${customer.contactName ? `${customer.contactName}, or ` : ''}the person who releases supplier payments (accounts payable)`
    : `${customer.name} in person; discuss the debt with nobody else`;
  const invoiceRows = table(
    [
      ['Invoice', 'Due date', 'Days overdue', 'Outstanding'],
      ...vars.invoices.map((i) => [
        i.number,
        formatDate(i.dueDate, 'en'),
        i.daysOverdue > 0 ? String(i.daysOverdue) : 'not yet due',
        formatMoney(i.open, i.currency, 'en'),
      ]),
    ],
    [2, 3],
  );
  const firm = vars.level.kind === 'lawsuit_warning' || vars.level.kind === 'formal_demand';
  // "Strojírny Hořice s.r.o." ends a sentence with its own full stop, not two.
  const phrase = (label: string, text: string): string =>
    `  ${label}\n    "${text.replace(/\.\.(?=\s|$)/g, '.')}"`;

  return [
    `CALL TASK: ${customer.name}, ${count} ${count === 1 ? 'invoice' : 'invoices'}, ${total} outstanding`,
    `Level ${vars.level.position} "${vars.level.name}" · prepared ${formatDate(vars.today, 'en')} · customer's language: ${p.languageName}`,
    '',
    'WHO TO CALL',
    `  Customer: ${customer.name} (${customer.kind}, ${customer.country})`,
    `  Ask for:  ${askFor}`,
    '',
    'BEFORE YOU DIAL',
    '  - Check the account for payments, credit notes or a dispute recorded since this task was created.',
    '    If the invoices are paid or disputed, do not call: close the task with that outcome.',
    '  - Have the invoices in front of you. Suggested phrases are at the end of this script.',
    '',
    '1. SAY WHO YOU ARE AND WHY YOU CALL',
    `  You are calling on behalf of ${org.name} about ${count === 1 ? 'an invoice' : `${count} invoices`} still open.`,
    '',
    '2. STATE WHAT IS OWED',
    `  Total outstanding: ${total}`,
    ...invoiceRows.map((r) => `  ${r}`),
    ...(vars.deadline
      ? [`  Our letter asks for payment by ${formatDate(vars.deadline, 'en')}.`]
      : ['  Payment is due now.']),
    '',
    '3. SAY HOW TO PAY',
    `  Bank transfer to ${iban ? `IBAN ${iban}` : 'the account on the invoice (no IBAN on file: check before calling)'}`,
    ...(payment.bic || payment.bankName
      ? [`  ${[payment.bic ? `BIC ${payment.bic}` : '', payment.bankName ?? ''].filter(Boolean).join(', ')}`]
      : []),
    `  Quoting the ${refName}: ${payment.reference}`,
    '',
    '4. LISTEN AND AGREE THE NEXT STEP',
    '  - Ask when the payment will be made; agree a date and an amount, and repeat them back.',
    '  - Already paid? Ask when, how much and from which account; check the bank before chasing again.',
    '  - A dispute? Listen, acknowledge, repeat the concern in your words, ask for the details, promise',
    '    to check and say when you will come back. Do not press for payment of a disputed invoice.',
    '  - Cannot pay in full? Note what they can pay and when; an instalment plan needs approval,',
    '    so promise only to pass the request on.',
    '',
    '5. RECORD THE OUTCOME',
    '  Always: date and time of the call, who you spoke to, every commitment and every excuse given.',
    '  [ ] Promise to pay: date ________  amount ________  invoices ________',
    '      (follow up the next business day if the promise is not kept)',
    '  [ ] Dispute: invoices ________  reason ________  (put them on hold; they get no more reminders)',
    '  [ ] Says already paid: date ________  amount ________  from account ________',
    '  [ ] Not reached: no answer / busy / voicemail left; try again on ________',
    '  [ ] Wrong contact: right person ________  phone ________  email ________',
    '  Excuses and other notes: ________',
    '',
    'TONE',
    '  - Say who you are and why you call before anything else.',
    '  - Stay on the payment; do not drift into other business.',
    '  - Speak clearly, calmly and politely, whatever the answer.',
    '  - Accuse no one: "our records show the invoice is still open", never "you have not paid".',
    '  - State what is owed and how to pay, and make paying easy.',
    firm
      ? `  - This is a ${vars.level.kind === 'lawsuit_warning' ? 'warning of legal action' : 'formal demand'}: state the deadline and the next step as facts, never as a threat.`
      : '  - No threats and no mention of fees or legal steps at this stage.',
    ...(business
      ? []
      : ['  - A consumer: leave no amount or invoice details on a voicemail or with anyone else.']),
    '',
    `SUGGESTED PHRASES (${p.languageName})`,
    phrase('Opening:', p.intro(ctx)),
    ...(business ? [phrase('Asking for the right person:', p.askPerson)] : []),
    phrase('What is owed:', p.owed(ctx)),
    phrase('Asking for a date:', p.askDate),
    ...(ctx.deadline ? [phrase('The deadline:', p.deadline(ctx))] : []),
    phrase('How to pay:', p.howToPay(ctx)),
    phrase('If they say they have paid:', p.alreadyPaid),
    phrase('Confirming a promise:', p.confirmPromise),
    phrase('If they dispute the invoice:', p.dispute),
    phrase('Voicemail:', p.voicemail(ctx)),
    phrase('Closing:', p.closing),
    '',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}
