import { isValid, parse } from 'date-fns';

/**
 * Cells of an imported spreadsheet read the way people write them, before the shared zod schemas
 * validate the result: dates as spreadsheets export them (03/04/2026, 4-Mar-26, "Mar 4, 2026"),
 * salaries with symbols, thousands separators, `k` and ranges, statuses in other trackers' words.
 * Anything not understood is left as it was (or answered with a problem), so the import report
 * shows the row, the field and why.
 */

export type DateOrder = 'dayFirst' | 'monthFirst';

/** A date the file wrote with two small numbers first, split into its parts. */
const numericDate = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
/** Year first, any of the usual separators, one- or two-digit month and day (2026/3/4). */
const yearFirstDate = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
/** ISO 8601 as the tracker's own exports write it (a date, or a date-time with or without zone). */
const isoDateTime = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** A time of day after the date ("3/4/2026 14:05", "Mar 4, 2026 2:05 PM"). */
const trailingTime = /^(.*?)[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$/i;
/** Month-name spellings (English), tried in order with date-fns. */
const namedFormats = [
  'MMM d, yyyy',
  'MMMM d, yyyy',
  'MMM do, yyyy',
  'MMMM do, yyyy',
  'MMM d yyyy',
  'MMMM d yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'do MMMM yyyy',
  'd-MMM-yyyy',
  'd-MMM-yy',
  'd MMM yy',
  'EEE, MMM d, yyyy',
  'EEEE, MMMM d, yyyy',
  'EEE, d MMM yyyy',
  'EEE d MMM yyyy',
];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: number) => String(n).padStart(2, '0');
/** Two-digit years: 00–49 are 2000–2049, 50–99 are 1950–1999 (as date-fns reads "4-Mar-26" below). */
const fullYear = (year: string) => (year.length === 4 ? Number(year) : Number(year) + (Number(year) < 50 ? 2000 : 1900));

/** `YYYY-MM-DD` when the day exists (no 31 April), else null. */
function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The two leading numbers and the year of a numeric date; which is the day depends on the order. */
function numericParts(text: string) {
  const match = numericDate.exec(text);
  if (!match) return null;
  const [, first, , second, year] = match;
  return { first: Number(first), second: Number(second), year: fullYear(year!) };
}

/** The only order a numeric date can be in (25/03/2026: day first), or null when both could be. */
export function orderOf(text: string): DateOrder | null {
  const parts = numericParts(text.trim());
  if (!parts || parts.first === parts.second) return null;
  if (parts.first > 12 && parts.second <= 12) return 'dayFirst';
  if (parts.second > 12 && parts.first <= 12) return 'monthFirst';
  return null;
}

/** What the file's own dates say about their order, with the first value that says it. */
export interface DetectedDateOrder {
  order: DateOrder | null;
  /** A date that can only be read this way (shown in the report), null when none says. */
  example: string | null;
  /** The file has dates of both orders: none is chosen, each ambiguous date is reported. */
  conflict: boolean;
}

export function detectDateOrder(values: Iterable<string | undefined>): DetectedDateOrder {
  const found: Partial<Record<DateOrder, string>> = {};
  for (const value of values) {
    if (!value) continue;
    const text = splitTime(value.trim()).date;
    const order = orderOf(text);
    if (order && !found[order]) {
      found[order] = text;
      if (found.dayFirst && found.monthFirst) return { order: null, example: null, conflict: true };
    }
  }
  const order = found.dayFirst ? 'dayFirst' : found.monthFirst ? 'monthFirst' : null;
  return { order, example: order ? found[order]! : null, conflict: false };
}

/**
 * Whether the text holds anything written like a numeric day/month date (03/04/2026, 3.4.26):
 * a cheap test over a whole file, so a file of ISO dates is not read twice to detect an order.
 */
export function mayHoldNumericDates(text: string): boolean {
  return /(?<![\d/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d/.-])/.test(text);
}

export type ImportDate = { ok: true; value: string } | { ok: false; problem: string };

/** A cell's date and the time written after it, if any ("10/28/25, 9:15 AM" → "10/28/25" and the time's parts). */
function splitTime(text: string): { date: string; time: RegExpExecArray | null } {
  const time = trailingTime.exec(text);
  return { date: time ? time[1]!.trim() : text, time };
}

/**
 * A date cell as an ISO day (`2026-03-04`) or date-time without zone (`2026-03-04T14:05:00`, read
 * like the ISO text the tracker exports). `order` places dates like 03/04/2026; without one, a
 * date that could be either is a problem that says how to choose.
 */
export function readImportDate(cell: string, order: DateOrder | null): ImportDate {
  const text = cell.trim();
  if (isoDateTime.test(text)) {
    const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    return calendarDay(year, month, day) ? { ok: true, value: text } : { ok: false, problem: `"${text}" is not a real date` };
  }
  const { date: datePart, time: timed } = splitTime(text);
  let time = '';
  if (timed) {
    let hours = Number(timed[2]);
    const meridiem = timed[5]?.toLowerCase();
    if (meridiem) {
      if (hours < 1 || hours > 12) return { ok: false, problem: `"${text}" has no such time of day` };
      hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
    }
    const minutes = Number(timed[3]);
    const seconds = Number(timed[4] ?? 0);
    if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, problem: `"${text}" has no such time of day` };
    time = `T${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  }
  const day = readDay(datePart, order);
  if (!day.ok) return day.problem ? day : { ok: false, problem: `"${text}" is not a date: write it like 2026-03-31, 31/03/2026 or 31 Mar 2026` };
  return { ok: true, value: `${day.value}${time}` };
}

/** The calendar day of a date without its time; an empty problem means "not a date at all" (the caller words it). */
function readDay(text: string, order: DateOrder | null): ImportDate | { ok: false; problem: '' } {
  const yearFirst = yearFirstDate.exec(text);
  if (yearFirst) {
    const value = calendarDay(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
    return value ? { ok: true, value } : { ok: false, problem: `"${text}" is not a real date` };
  }
  const parts = numericParts(text);
  if (parts) {
    const { first, second, year } = parts;
    const asDayFirst = calendarDay(year, second, first);
    const asMonthFirst = calendarDay(year, first, second);
    if (order === 'dayFirst') return asDayFirst ? { ok: true, value: asDayFirst } : { ok: false, problem: `"${text}" is not a date written day first (day/month/year)` };
    if (order === 'monthFirst') return asMonthFirst ? { ok: true, value: asMonthFirst } : { ok: false, problem: `"${text}" is not a date written month first (month/day/year)` };
    if (asDayFirst && asMonthFirst && asDayFirst !== asMonthFirst) {
      return {
        ok: false,
        problem: `"${text}" could be ${first} ${monthNames[second - 1]} or ${second} ${monthNames[first - 1]} ${year}: choose how the file writes dates (day or month first) and check again`,
      };
    }
    const value = asDayFirst ?? asMonthFirst;
    return value ? { ok: true, value } : { ok: false, problem: `"${text}" is not a real date` };
  }
  if (/[a-z]/i.test(text)) {
    // date-fns reads month and weekday names; a reference date is needed only for missing parts.
    const reference = new Date(2000, 0, 1);
    for (const format of namedFormats) {
      const parsed = parse(text, format, reference);
      // A 4-digit pattern also takes "26" as the year 26: such a reading is not the date meant.
      if (isValid(parsed) && parsed.getFullYear() >= 1000) return { ok: true, value: calendarDay(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate())! };
    }
  }
  return { ok: false, problem: '' };
}

export type ImportSalary = { min: number | string; max?: number | string; currency?: string };

/** Currency symbols, longest first; a 3-letter code in capitals (EUR, GBP) is taken as written. */
const currencySymbols: [RegExp, string][] = [
  [/US\$/, 'USD'],
  [/CA?\$/, 'CAD'],
  [/AU?\$/, 'AUD'],
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/₹/, 'INR'],
  [/¥/, 'JPY'],
  [/\$/, 'USD'],
];
const currencyOf = (text: string) => /\b[A-Z]{3}\b/.exec(text)?.[0] ?? currencySymbols.find(([pattern]) => pattern.test(text))?.[1];

/** Text around a salary amount that says nothing about it: currency, "per year", spaces. */
const currencyCode = /\b[A-Z]{3}\b|\b(?:US|CA|AU|C|A)(?=\$)/g;
const salaryNoise = /\s|['’€$£¥₹]|(?:\/|\bper\s*|\ba\s*)(?:year|yr|annum|y)\b|\bannually\b|\bp\.?a\.?(?=$)/gi;

/** A salary amount: "60,000", "60.000", "60 000", "$60k", "60.5k", "€60,000 per year"; anything else is returned as it was, for validation to reject. */
function amount(text: string): number | string {
  const compact = text.replace(currencyCode, '').replace(salaryNoise, '');
  const thousands = /^(\d+(?:[.,]\d+)?)k$/i.exec(compact);
  if (thousands) return Math.round(Number(thousands[1]!.replace(',', '.')) * 1000);
  if (/^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  if (/^\d+(?:[.,]\d{1,2})?$/.test(compact)) return Math.round(Number(compact.replace(',', '.')));
  return text;
}

/**
 * A salary cell: one amount, or a range ("$120,000 – $150,000", "120-150k", "60k to 80k") that
 * fills the minimum and the maximum, and the currency its symbol or code names ("€", "GBP").
 */
export function readSalary(cell: string): ImportSalary {
  const text = cell.trim();
  const currency = currencyOf(text);
  const named = currency ? { currency } : {};
  const ends = text.split(/\s*(?:–|—|-|\bto\b)\s*/i).filter(Boolean);
  if (ends.length === 2) {
    const [low, high] = ends as [string, string];
    let min = amount(low);
    const max = amount(high);
    // "120-150k": a k written once applies to both ends.
    if (typeof min === 'number' && typeof max === 'number') {
      if (/\dk\b/i.test(high) && !/\dk\b/i.test(low) && min < 1000) min *= 1000;
      return { min, max, ...named };
    }
  }
  return { min: amount(text), ...named };
}

/** Work modes, job types and statuses as other trackers and spreadsheets spell them. */
const enumAliases: Record<string, string> = {
  onsite: 'onsite', inoffice: 'onsite', office: 'onsite', inperson: 'onsite', hybrid: 'hybrid', remote: 'remote', wfh: 'remote', fullyremote: 'remote', remotefirst: 'remote',
  fulltime: 'full_time', parttime: 'part_time', contract: 'contract', contractor: 'contract', freelance: 'contract',
  internship: 'internship', intern: 'internship', temporary: 'temporary', temp: 'temporary',
  // Statuses: Huntr, Teal, Simplify and hand-made sheets.
  wishlist: 'saved', bookmarked: 'saved', interested: 'saved', applying: 'saved', todo: 'saved', tosubmit: 'saved',
  submitted: 'applied', sent: 'applied',
  interview: 'interviewing', interviews: 'interviewing', interviewed: 'interviewing', onsiteinterview: 'interviewing', technicalinterview: 'interviewing', finalround: 'interviewing',
  phonescreen: 'screening', screen: 'screening', recruiterscreen: 'screening', recruitercall: 'screening', phoneinterview: 'screening',
  offered: 'offer', offerreceived: 'offer', negotiating: 'offer', negotiation: 'offer',
  accept: 'accepted', hired: 'accepted', offeraccepted: 'accepted',
  reject: 'rejected', notselected: 'rejected',
  withdraw: 'withdrawn', withdrew: 'withdrawn', iwithdrew: 'withdrawn',
  ghost: 'ghosted', noresponse: 'ghosted', noreply: 'ghosted',
};

/** An enum cell: a known alias, else the text as an enum value ("Full time" → `full_time`) for the schema to accept or explain. */
export function enumValue(text: string): string {
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return enumAliases[key] ?? text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
