// The dates stage: finds date expressions and resolves each to an inclusive day range, using the
// publication date for relative expressions ("last week", "in February", "on Tuesday").
//
// Division of labour:
// - chrono-node (a reduced configuration: month-name day parsers and the weekday parser) finds
//   day-level expressions in their many spellings: "March 3, 1987", "3 March 2025", "Jan. 5",
//   "Tuesday, March 3", "March 3-5", "on Tuesday", "Tuesday of last week". We keep only the
//   components chrono marks as certain (isCertain) and do the calendar arithmetic ourselves,
//   because chrono resolves a year-less "Jan. 5" or "February" to the *closest* date (often in the
//   future) while news needs a past preference, and its own date() works in local time.
// - Hand-written rules (the PATTERNS table below) cover what chrono does not do at all or does not
//   do as ranges: month-only and year-only expressions as whole months/years, seasons, quarters,
//   halves, decades, "last week" as a Monday-Sunday range, "earlier this month", "late last year",
//   "two weeks ago" as a calendar week, rolling windows ("in recent weeks", "the past year"),
//   ISO and unambiguous numeric dates, year ranges ("1986/87").
//
// All arithmetic is on UTC day numbers (days since 1970-01-01), so the local timezone never matters.
// When `published` is null, relative expressions are still reported with value null; nothing is
// ever resolved against today's date.
//
// Choices worth knowing (documented once here):
// - Past preference: a month, season, quarter or weekday without year resolves to the most recent
//   one that began on or before publication, unless the clause carries a future cue ("will", "is
//   due", "scheduled") before it, in which case the first one that has not ended is chosen.
//   A day without year ("Aug 25") is also resolved to the past unless a future cue says otherwise
//   or, with no cue, the date falls within FUTURE_DAY_WINDOW days after publication ("talks resume
//   Aug 25"), or, with a past cue, within DATELINE_LAG_DAYS.
// - Parts: early/mid/late month = days 1-10 / 11-20 / 21-end; early/mid/late of a multi-month
//   period = its first / middle / last third ("mid-2024" = 2024-05-01..2024-08-31); "the end of the
//   year" = December, "the beginning of the year" = January; early/mid/late decade = years 0-3/4-6/7-9;
//   early/mid/late week = Mon-Tue / Wed-Thu / Fri-Sun.
// - "N days ago" = that day; "N weeks/months/years ago" = the calendar week/month/year containing
//   the day N units before publication.
// - Vague windows: "recent days"/"the coming days" = 7 days, weeks = 21 days, months = 3 months,
//   years = 5 years, counted back (or forward) from publication, publication day included;
//   "the past two years" = publication minus two years .. publication; "a few/several weeks ago" =
//   4 to 2 weeks back.
// - "June/July" (a month pair with a slash) is a shipment or delivery period and resolves forward.
// - Fiscal years ("fiscal 1987", "FY2025") are reported as the calendar year: the fiscal calendar
//   of the company is unknown.
// - Names are skipped: "Arab Spring", "Summer Olympics", "Super Tuesday", "USA Today", "The Sun".

import { Chrono, configuration as enConfiguration } from 'chrono-node/en';
import type { ParsedResult } from 'chrono-node/en';
import type { DateSpan, DateValue, Span } from '../document.js';

// ---------------------------------------------------------------------------------------------
// Patterns and constants (one table; each entry names a real example that needs it)
// ---------------------------------------------------------------------------------------------

const MONTH_FULL = 'January|February|March|April|May|June|July|August|September|October|November|December';
const MONTH_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
/** A month name; abbreviations may carry a dot ("Jan. 5"). Case is checked in code. */
const MONTH = `(?:${MONTH_FULL}|(?:${MONTH_ABBR})\\.?)`;
/** Years we accept as dates: 1800-2099 ("in 1848", "by 2030"). */
const YEAR4 = '(?:1[89]\\d\\d|20\\d\\d)';
const SEASON = 'spring|summer|autumn|fall|winter';
const PART = 'early|mid|late|the\\s+(?:end|beginning|start|middle)\\s+of';
const SMALL_NUMBER = 'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\s+couple\\s+of|a\\s+few|few|several|\\d{1,2}';

const PATTERNS = {
  /** "2025-08-15", "2025/08/15", "2025-08-15T10:30:00Z" (ISO, year first: never ambiguous). */
  iso: new RegExp(`(?<![\\w.\\/-])(${YEAR4})([-/])(\\d{1,2})\\2(\\d{1,2})(?:T\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d\\d:?\\d\\d)?)?(?![\\w.\\/-]?\\d)`, 'g'),
  /** "15/08/2025", "15.08.2025": only when day and month cannot be swapped (one part > 12, or equal). */
  numeric: new RegExp(`(?<![\\w.\\/-])(\\d{1,2})([/.-])(\\d{1,2})\\2(${YEAR4})(?![\\w.\\/-]?\\d)`, 'g'),
  /** "the 1986/87 season", "2020-2025", "from 1985 to 1986", "between 2020 and 2025". */
  yearRange: new RegExp(`\\b(?:(in|during|from|between)\\s+)?(?:(fiscal(?:\\s+year)?|FY)\\s*)?(${YEAR4})\\s*(-|–|—|/|\\bto\\b|\\bthrough\\b|\\band\\b|\\buntil\\b|\\btill\\b)\\s*(${YEAR4}|\\d{2})(?![\\w'’]|[.,]\\d|%)`, 'gi'),
  /** "the 1990s", "the early 1980s", "mid-1990s", "the 1990's", "the '90s". */
  decade: new RegExp(`\\b(?:(in|during)\\s+)?(?:(the)\\s+)?(?:(early|mid|late)[\\s-]+)?(?:(1[89]\\d0|20\\d0)['’]?s|['’]([3-9]0)s)\\b`, 'gi'),
  /** "in 2022", "mid-2024", "late 1986", "the end of 2025", "fiscal 1987", "FY2025", "the 2022 agreement". */
  year: new RegExp(`(?:\\b(in|during)\\s+)?(?:\\b(${PART})[\\s-]+|\\b(end|mid)-)?(?:\\b(fiscal(?:\\s+year)?|FY|calendar(?:\\s+year)?)\\s*)?(${YEAR4})(?!\\w|[.,:/–-]\\d|\\s*%)`, 'gi'),
  /** "between March and May", "January-March 1987", "from June to August 2024", "June/July" (a shipment period). */
  monthRange: new RegExp(`\\b(?:(in|during|from|between)\\s+)?(${MONTH})(?![\\w])\\s*(?:-|–|/|\\bto\\b|\\bthrough\\b|\\band\\b|\\buntil\\b)\\s*(${MONTH})(?![\\w])(?:,?\\s+(?:of\\s+)?(${YEAR4})(?![\\w.,]\\d|\\d))?`, 'gi'),
  /** "in February", "last March", "early March", "mid-March", "end-March", "the end of June", "February 2025", "March of 2024",
   *  "in early April this year". */
  month: new RegExp(`\\b(?:(in|during)\\s+)?(?:(last|this|next)\\s+)?(?:(${PART})[\\s-]+|(end|mid)-)?(${MONTH})(?![\\w])(?:,?\\s+(?:of\\s+)?(?:(${YEAR4})(?![\\w.,]\\d|\\d)|(this|last|next)\\s+year\\b))?`, 'gi'),
  /** "this spring", "last summer", "in the spring of 2024", "early next winter", "over the summer", "in spring 2024". */
  season: new RegExp(`\\b(?:(in|during|over|throughout)\\s+)?(?:(the)\\s+)?(?:(early|mid|late)[\\s-]+)?(?:(this|last|next|the|early|mid|late)[\\s-]+)?(${SEASON})(?![\\w-])(?:\\s+(?:of\\s+)?(${YEAR4})(?![\\w.,]\\d|\\d))?`, 'gi'),
  /** "in the first quarter", "fourth-quarter 1986", "the third quarter of last year", "the 1986 fourth quarter", "last quarter". */
  quarter: new RegExp(`\\b(?:(in|during)\\s+)?(?:(the)\\s+)?(?:(${YEAR4})\\s+)?(?:(early|mid|late)[\\s-]+(?:in\\s+the\\s+)?)?(first|second|third|fourth|final|1st|2nd|3rd|4th|last|this|next|current)[\\s-]+(?:fiscal\\s+|calendar\\s+)?quarter(?![\\w-])(?:,?\\s+(?:of\\s+)?(?:(?:fiscal\\s+(?:year\\s+)?)?(${YEAR4})(?![\\w.,]\\d|\\d)|(this|last|next|the)\\s+(?:fiscal\\s+|calendar\\s+)?year\\b))?`, 'gi'),
  /** "Q1 2025", "Q4", "Q3'24", "Q2 of 2026". */
  qShort: new RegExp(`\\b(?:(in|during)\\s+)?Q([1-4])(?:(?:\\s+of\\s+|\\s*-\\s*|\\s+)(${YEAR4})(?![\\w.,]\\d|\\d)|\\s*['’](\\d{2})\\b)?(?![\\w&])`, 'g'),
  /** "the first half of 2026", "second-half", "the first half of the year", "H1 2025". */
  half: new RegExp(`\\b(?:(in|during)\\s+)?(?:(the)\\s+)?(?:(${YEAR4})\\s+)?(first|second|1st|2nd|latter)[\\s-]+half(?![\\w-])(?:\\s+of\\s+(?:(?:fiscal\\s+(?:year\\s+)?)?(${YEAR4})(?![\\w.,]\\d|\\d)|(this|last|next|the)\\s+(?:fiscal\\s+|calendar\\s+)?year\\b))?`, 'gi'),
  /** "H1 2025", "H2". */
  hShort: new RegExp(`\\b(?:(in|during)\\s+)?H([12])(?:\\s+(${YEAR4})(?![\\w.,]\\d|\\d))?(?![\\w&])`, 'g'),
  /** "the first nine months of 1986", "the first six months of the year" (Reuters results season). */
  firstMonths: new RegExp(`\\b(?:(in|during|for)\\s+)?the\\s+first\\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|\\d{1,2})\\s+months(?:\\s+of\\s+(?:(?:fiscal\\s+)?(${YEAR4})(?![\\w.,]\\d|\\d)|(this|last|next|the)\\s+year\\b))?`, 'gi'),
  /** "last week", "this year", "next month", "late last year", "early next month", "earlier this month",
   *  "the end of last year", "the current quarter", "last weekend", "earlier in the week". */
  relative: new RegExp(`\\b(?:(early|mid|late|earlier|later)[\\s-]+(?:in\\s+)?|(the\\s+(?:end|beginning|start|middle)\\s+of)\\s+)?(last|this|next|the\\s+current|the)\\s+(week|weekend|month|year|quarter)\\b`, 'gi'),
  /** "over the weekend", "during the weekend". */
  weekend: /\b(over|during)\s+the\s+weekend\b/gi,
  /** "the past week", "the last three years", "in the coming weeks", "over the next 12 months", "in recent weeks". */
  rolling: new RegExp(`\\b(?:(in|over|during|for|within)\\s+)?(?:the\\s+(past|last|coming|next)|(recent))\\s+(?:(${SMALL_NUMBER})\\s+)?(days?|weeks?|months?|years?|decades?)\\b`, 'gi'),
  /** "two weeks ago", "three days ago", "a year ago", "18 months ago". */
  ago: new RegExp(`\\b(${SMALL_NUMBER})\\s+(days?|weeks?|months?|years?|decades?)\\s+ago\\b`, 'gi'),
  /** "today", "yesterday", "tomorrow", "tonight", "last night", "this morning". */
  casualDay: /\b(today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?![\w-])/gi,
  /** "the week ended February 22" (Reuters crop and shipping reports): widens a chrono day to its week. */
  weekEndedBefore: /(?:\b(?:in|during)\s+)?(?:\bthe\s+)?\bweek\s+(ended|ending|to|beginning|starting)\s+(?:on\s+)?$/i,
  /** A spelled-out small day after a month ("April one", "September one 1989"), not a quantity ("May one billion"). */
  spelledDay: /^\s+(one|two|three|four|five|six|seven|eight|nine)\b(?!\s+(?:of|mln|million|billion|bln|pct|percent|per|dlrs?|tonnes?|times)\b|[-.,]\d)(?:,?\s+(1[89]\d\d|20\d\d)\b(?![.,]\d))?/i,
  /** A second clock time and a zone after a number ("2000 or 2100 EST"). */
  clockAfter: /^\s*(?:or|to|and|-)\s*\d{4}\s*(?:GMT|EST|EDT|CST|CDT|PST|PDT|BST|CET|UTC|hrs|local)\b/,
  /** Where chrono is worth running: month and weekday names ("Feb 26", "on Tuesday", "3 March 2025"). */
  chronoTrigger: new RegExp(`\\b(?:${MONTH_FULL}|${MONTH_ABBR}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\\b`, 'g'),
  /** A leading preposition that belongs to a chrono day expression: "on March 3". */
  onBefore: /(?:^|[^\w])(on\s+)$/i,
  /** A capitalised month token as chrono must show it (rejects "protesters march 3 miles"). */
  monthCap: new RegExp(`\\b(?:${MONTH_FULL}|${MONTH_ABBR})\\b`),
  /** Full weekday name as chrono must show it (rejects "The Sun newspaper", "Sat" as a verb). */
  weekdayFull: /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b/,
  /** Words a chrono weekday result may start or end with: "last Tuesday", "Tuesday of next week". */
  weekdayPrefix: /^(?:on\s+)?(this|last|past|next)\s/i,
  weekdayPostfix: /(this|last|past|next)\s+week\s*$/i,
  /** One word for the tense scan. */
  word: /[A-Za-z']+/g,
  /** Clause boundary for the tense scan. */
  clauseBreak: /[.;!?\n:"“”]/,
} as const;

/** A day-level date this many days after publication is read as future even without a cue
 *  ("The tariffs take effect Oct 1", published Aug 20). */
const FUTURE_DAY_WINDOW = 60;
/** Even in a past-tense clause, a day this close after publication is that day, not last year's:
 *  wire datelines run a day ahead of the stored date ("NEW YORK, Dec. 22 (UPI) -- ... announced", published Dec 21). */
const DATELINE_LAG_DAYS = 3;
/** Characters of context given to chrono around a month or weekday name ("Tuesday, March 3, 1987"). */
const CHRONO_WINDOW_BEFORE = 32;
const CHRONO_WINDOW_AFTER = 48;
/** How far (in characters) the tense scan looks on each side. */
const TENSE_SCAN_CHARS = 90;

const MONTH_NUMBER: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
/** Month names that are also common words or names; they need a preposition, a modifier or a
 *  year to count ("Other areas may arise", "protesters march", "Theresa May said", "August body"). */
const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'march', 'august', 'mar', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
/** Words before a bare month that still make it a date ("since February", "until June"). */
const MONTH_LEAD_WORDS: ReadonlySet<string> = new Set(['since', 'until', 'till', 'through', 'before', 'after', 'between', 'from', 'to', 'by', 'of', 'and', 'or', 'for', 'last', 'this', 'next', 'every']);
/** Of those, the ones safe before the ambiguous months ("since March", but not "told May"). */
const STRICT_MONTH_LEAD_WORDS: ReadonlySet<string> = new Set(['since', 'until', 'till', 'before', 'between']);

/** Words after a bare number that make it a quantity, not a year ("2000 tonnes", "1930 GMT"). */
const QUANTITY_WORDS: ReadonlySet<string> = new Set([
  'tonnes', 'tons', 'tonne', 'ton', 'mln', 'million', 'billion', 'bln', 'pct', 'percent', 'per', 'barrels', 'bpd', 'dlrs',
  'dollars', 'usd', 'stg', 'yen', 'marks', 'francs', 'lire', 'cents', 'yuan', 'euros', 'rupees', 'roubles', 'rubles',
  'shares', 'points', 'feet', 'ft', 'metres', 'meters', 'miles', 'km', 'kilometres', 'kilometers', 'acres', 'hectares',
  'ounces', 'oz', 'lbs', 'pounds', 'kg', 'kilos', 'grams', 'people', 'workers', 'employees', 'jobs', 'cars', 'units',
  'bags', 'bales', 'bushels', 'head', 'vehicles', 'troops', 'soldiers', 'votes', 'seats', 'gmt', 'est', 'edt', 'cst',
  'cdt', 'pst', 'pdt', 'bst', 'cet', 'utc', 'hrs', 'hours', 'local', 'mw', 'gw', 'kw', 'mwh', 'gwh', 'kwh', 'cubic',
  'square', 'sq', 'mt', 'mmt', 'kt', 'lb', 'gallons', 'litres', 'liters', 'times', 'companies', 'firms', 'plants',
]);
/** Labels before a bare number that make it an identifier ("Section 232", "Flight 2019", "Resolution 2231"). */
const LABEL_WORDS: ReadonlySet<string> = new Set([
  'section', 'article', 'rule', 'resolution', 'flight', 'route', 'highway', 'no', 'number', 'chapter', 'title', 'form',
  'model', 'room', 'suite', 'page', 'item', 'case', 'docket', 'bill', 'code', 'box', 'lot', 'unit', 'platform', 'gate',
  'grade', 'level', 'index', 'version', 'step', 'category', 'regulation', 'directive', 'order', 'act', 'hs', 'heading',
  'subheading', 'tariff', 'ec', 'eu', 'un', 'paragraph', 'clause', 'annex', 'exhibit', 'file', 'ref',
]);
/** Words right before a weekday that make it a name ("Super Tuesday", "Black Friday", "Mail on Sunday"). */
const WEEKDAY_NAME_PREFIX = /(?:\b(?:Super|Black|Good|Ash|Cyber|Bloody|Holy|Easter|Palm|Maundy|Giving|Shrove|Fat|Blue|Mail\s+on|Independent\s+on|Observer\s+on))\s+$/;
/** Words right after a weekday that make it a name ("the Sunday Times", "Monday Night Football"). */
const WEEKDAY_NAME_SUFFIX = /^\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Observer|Independent|Night|Morning\s+Herald|Mail|People|Sport|Tribune|Star|Business\s+Post)\b/;
/** Words right after a season that make it a crop, not a time ("spring wheat", "winter crop"). */
const SEASON_CROP_WORDS: ReadonlySet<string> = new Set([
  'wheat', 'barley', 'oats', 'rye', 'rapeseed', 'canola', 'crop', 'crops', 'grain', 'grains', 'sowing', 'sown', 'seeding',
  'planted', 'variety', 'varieties', 'onions', 'durum', 'kill', 'solstice', 'equinox', 'time',
]);
/** Words after "the fall" that make it a decline or a collapse ("the fall in prices", "the fall of Kabul"). */
const FALL_NOUN_FOLLOWERS: ReadonlySet<string> = new Set(['in', 'of', 'to', 'from', 'out', 'back', 'off', 'below', 'above', 'under', 'since', 'was', 'is', 'has', 'had', 'came', 'comes', 'would', 'will', 'reflects', 'reflected', 'followed', 'follows', 'and']);
/** Words after "first half" that are not calendar halves ("the first half hour", "second half of the match"). */
const HALF_NON_DATE_FOLLOWERS: ReadonlySet<string> = new Set(['hour', 'hours', 'dozen', 'century', 'mile', 'miles', 'point', 'points', 'inning', 'innings', 'time', 'kilometre', 'kilometer', 'goal', 'goals', 'percent', 'pct']);

/** Cues that the clause talks about the future ("The company will report on Tuesday", "talks are scheduled for March"). */
const FUTURE_CUES: ReadonlySet<string> = new Set([
  'will', "'ll", 'shall', 'would', 'due', 'scheduled', 'expected', 'expects', 'expect', 'plan', 'plans', 'planned',
  'planning', 'slated', 'upcoming', 'effective', 'starting', 'intends', 'intend', 'aims', 'aim', 'forecast', 'forecasts',
  'forthcoming', 'tomorrow', "won't", 'going', 'likely', 'could', 'may', 'might', 'should', 'must', 'payable', 'hope',
  'hopes', 'want', 'wants', 'seek', 'seeks', 'awaiting', 'ahead',
]);
/** Irregular past forms and past auxiliaries ("The talks began on Monday", "it was signed in March"). */
const PAST_CUES: ReadonlySet<string> = new Set([
  'was', 'were', 'had', 'did', 'said', 'told', 'began', 'came', 'went', 'took', 'made', 'gave', 'met', 'held', 'left',
  'rose', 'fell', 'won', 'lost', 'sold', 'bought', 'paid', 'spent', 'saw', 'found', 'got', 'kept', 'led', 'ran', 'sent',
  'struck', 'broke', 'spoke', 'wrote', 'became', 'chose', 'drove', 'flew', 'grew', 'knew', 'thought', 'brought',
  'caught', 'fought', 'stood', 'felt', 'heard', 'meant', 'built', 'sank', 'swore', 'withdrew', 'fled', 'shot', 'slid',
  'ago', 'yesterday', "didn't", "wasn't", "weren't", 'earlier', 'last', 'since',
]);
/** Words before "will" that make it a noun ("political will, however, ..."). */
const WILL_NOUN_PREVIOUS: ReadonlySet<string> = new Set([
  'the', 'a', 'political', 'free', 'good', 'ill', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'own', 'popular',
  'public', 'strong', 'collective', 'sheer', 'iron', 'no', 'of',
]);
/** Auxiliaries that make the next participle passive ("will be signed", "has been delayed"). */
const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(['be', 'been', 'being']);
/** "-ed" words that are not past tense. */
const NOT_PAST_ED: ReadonlySet<string> = new Set(['hundred', 'kindred', 'sacred', 'naked', 'wicked', 'rugged', 'ragged', 'beloved', 'indeed', 'united', 'limited', 'proposed', 'expected', 'scheduled', 'planned', 'slated']);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, 'a couple of': 2, 'a few': 3, few: 3, several: 4,
};
/** Default length of a vague window ("in recent weeks", "the coming months"), in units. */
const VAGUE_WINDOW: Readonly<Record<Unit, number>> = { day: 7, week: 3, month: 3, year: 5, decade: 2 };

/** Chrono parsers we drop: times, durations and numeric formats are handled by hand or are not dates. */
const CHRONO_DROPPED_PARSERS: ReadonlySet<string> = new Set([
  'ENTimeExpressionParser', 'ENCasualTimeParser', 'ENTimeUnitWithinFormatParser', 'ENTimeUnitAgoFormatParser',
  'ENTimeUnitLaterFormatParser', 'ENTimeUnitCasualRelativeFormatParser', 'ENRelativeDateFormatParser',
  'ENEndOfCurrentMonthParser', 'SlashDateFormatParser', 'ENSlashMonthFormatParser', 'ISOFormatParser',
  'ENYearMonthDayParser', 'ENMonthNameParser', 'ENYearMonthNameParser', 'ENCasualDateParser',
]);

/** Ranks break ties between overlapping candidates of equal length (lower wins). */
const RANK = { chrono: 0, explicit: 1, relative: 2, vague: 3 } as const;

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on UTC day numbers
// ---------------------------------------------------------------------------------------------

type Unit = 'day' | 'week' | 'month' | 'year' | 'decade';
type Range = readonly [number, number];
type Tense = 'past' | 'future' | 'unknown';
/** How a cyclic period without year is chosen relative to publication. */
type Pick = 'past' | 'future' | 'last' | 'next' | 'this';

const DAY_MS = 86_400_000;

function dayNumber(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

function partsOf(n: number): { y: number; m: number; d: number } {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function iso(n: number): string {
  const { y, m, d } = partsOf(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayOf(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

function monthSpan(y: number, m: number, count = 1): Range {
  return [dayNumber(y, m, 1), dayNumber(y, m + count, 1) - 1];
}

function yearSpan(y: number): Range {
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}

function weekSpan(n: number): Range {
  const monday = n - weekdayOf(n);
  return [monday, monday + 6];
}

function addMonths(n: number, k: number): number {
  const { y, m, d } = partsOf(n);
  const last = dayNumber(y, m + k + 1, 1) - dayNumber(y, m + k, 1);
  return dayNumber(y, m + k, Math.min(d, last));
}

function addUnits(n: number, unit: Unit, k: number): number {
  switch (unit) {
    case 'day': return n + k;
    case 'week': return n + 7 * k;
    case 'month': return addMonths(n, k);
    case 'year': return addMonths(n, 12 * k);
    case 'decade': return addMonths(n, 120 * k);
  }
}

function validDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 && partsOf(dayNumber(y, m, d)).m === m;
}

/** The calendar period containing day `n`. */
function periodContaining(n: number, unit: Unit): Range {
  const { y, m } = partsOf(n);
  switch (unit) {
    case 'day': return [n, n];
    case 'week': return weekSpan(n);
    case 'month': return monthSpan(y, m);
    case 'year': return yearSpan(y);
    case 'decade': return [dayNumber(y - (y % 10), 1, 1), dayNumber(y - (y % 10) + 9, 12, 31)];
  }
}

type PartName = 'early' | 'mid' | 'late' | 'end' | 'start';

function partName(raw: string | undefined): PartName | null {
  if (!raw) return null;
  const w = raw.toLowerCase();
  if (w.startsWith('early')) return 'early';
  if (w.startsWith('mid') || w.includes('middle')) return 'mid';
  if (w.startsWith('late')) return 'late';
  if (w.includes('end')) return 'end';
  if (w.includes('beginning') || w.includes('start')) return 'start';
  return null;
}

/** A part of a period: see the header comment for the exact choices. */
function partOf(range: Range, part: PartName | null, unit: 'week' | 'month' | 'months' | 'decade'): Range {
  if (!part) return range;
  const [a, b] = range;
  if (unit === 'week') {
    if (part === 'early' || part === 'start') return [a, a + 1];
    if (part === 'mid') return [a + 2, a + 3];
    return [a + 4, b];
  }
  if (unit === 'month') {
    if (part === 'early' || part === 'start') return [a, a + 9];
    if (part === 'mid') return [a + 10, a + 19];
    return [a + 20, b];
  }
  if (unit === 'decade') {
    const y = partsOf(a).y;
    if (part === 'early' || part === 'start') return [a, yearSpan(y + 3)[1]];
    if (part === 'mid') return [yearSpan(y + 4)[0], yearSpan(y + 6)[1]];
    return [yearSpan(y + 7)[0], b];
  }
  // Multi-month periods: years, halves, quarters, seasons.
  const s = partsOf(a);
  const e = partsOf(b);
  const months = (e.y * 12 + e.m) - (s.y * 12 + s.m) + 1;
  if (months === 12 && part === 'end') return monthSpan(e.y, e.m);
  if (months === 12 && part === 'start') return monthSpan(s.y, s.m);
  const third = Math.max(1, Math.round(months / 3));
  if (part === 'early' || part === 'start') return monthSpan(s.y, s.m, third);
  if (part === 'mid') return monthSpan(s.y, s.m + third, Math.max(1, months - 2 * third));
  return monthSpan(s.y, s.m + months - third, third);
}

/** Chooses the occurrence of a yearly period ("February", "the spring", "the fourth quarter"). */
function pickYearly(periodOfYear: (y: number) => Range | null, pub: number, pick: Pick): Range | null {
  const pubYear = partsOf(pub).y;
  const options: Range[] = [];
  for (let y = pubYear - 2; y <= pubYear + 2; y++) {
    const r = periodOfYear(y);
    if (r) options.push(r);
  }
  switch (pick) {
    case 'past': return [...options].reverse().find((r) => r[0] <= pub) ?? null;
    case 'future': return options.find((r) => r[1] >= pub) ?? null;
    case 'last': return [...options].reverse().find((r) => r[1] < pub) ?? null;
    case 'next': return options.find((r) => r[0] > pub) ?? null;
    case 'this': return periodOfYear(pubYear);
  }
}

function toValue(r: Range | null): DateValue | null {
  return r ? { start: iso(r[0]), end: iso(r[1]) } : null;
}

function parsePublished(published: string | null): number | null {
  if (!published) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return validDay(y, mo, d) ? dayNumber(y, mo, d) : null;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

interface Ctx {
  text: string;
  pub: number | null;
}

interface Candidate extends Span {
  value: DateValue | null;
  rank: number;
}

function monthNumber(token: string): number {
  return MONTH_NUMBER[token.toLowerCase().slice(0, 3)] ?? 0;
}

/** A month token as it must appear in running text: "March", "Mar.", not "MARCH" or "march". */
function isCapitalisedMonth(token: string): boolean {
  return /^[A-Z][a-z]+\.?$/.test(token);
}

function isCapitalised(word: string | undefined): boolean {
  return !!word && /^[A-Z][a-z]/.test(word);
}

function previousWord(text: string, index: number): string | undefined {
  const m = /([A-Za-z][A-Za-z.'’-]*)\s*$/.exec(text.slice(Math.max(0, index - 40), index));
  return m ? m[1] : undefined;
}

function nextWord(text: string, index: number): string | undefined {
  const m = /^\s*([A-Za-z][A-Za-z'’-]*)/.exec(text.slice(index, index + 40));
  return m ? m[1] : undefined;
}

/** True when the position starts a sentence or a line (so a capital letter says nothing). */
function atSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0) return true;
  return /[.!?\n\r"“‘'(\[—–:-]/.test(text[i]);
}

function numberValue(raw: string | undefined, fallback: number): number {
  if (!raw) return fallback;
  const w = raw.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+$/.test(w)) return Number(w);
  return NUMBER_WORDS[w] ?? fallback;
}

function unitOf(raw: string): Unit {
  const w = raw.toLowerCase();
  if (w.startsWith('day')) return 'day';
  if (w.startsWith('week')) return 'week';
  if (w.startsWith('month')) return 'month';
  if (w.startsWith('decade')) return 'decade';
  return 'year';
}

/** Reads the tense of the clause around [start, end): the nearest cue word before the expression
 *  wins; with none before, the nearest after it. */
function tenseAround(text: string, start: number, end: number): Tense {
  const before = text.slice(Math.max(0, start - TENSE_SCAN_CHARS), start);
  let cut = -1;
  for (let i = before.length - 1; i >= 0; i--) {
    if (PATTERNS.clauseBreak.test(before[i])) { cut = i; break; }
  }
  const back = before.slice(cut + 1).match(PATTERNS.word) ?? [];
  for (let i = back.length - 1; i >= 0; i--) {
    const t = cueTense(back[i], back[i + 1], back[i - 1]);
    // A participle after "be"/"been" is passive, not past: "will be held in February" reads on to "will".
    if (t === 'past' && i > 0 && PASSIVE_AUXILIARIES.has(back[i - 1].toLowerCase())) continue;
    if (t !== 'unknown') return t;
  }
  const after = text.slice(end, end + TENSE_SCAN_CHARS);
  let stop = after.length;
  for (let i = 0; i < after.length; i++) {
    if (PATTERNS.clauseBreak.test(after[i])) { stop = i; break; }
  }
  const forward = after.slice(0, stop).match(PATTERNS.word) ?? [];
  for (let i = 0; i < forward.length; i++) {
    const t = cueTense(forward[i], forward[i + 1], forward[i - 1]);
    if (t !== 'unknown') return t;
  }
  return 'unknown';
}

function cueTense(word: string, following: string | undefined, preceding: string | undefined): Tense {
  const w = word.replace(/’/g, "'").toLowerCase();
  if (w === 'will' && preceding && WILL_NOUN_PREVIOUS.has(preceding.toLowerCase())) return 'unknown';
  // "set for release Friday", "set to meet in March".
  if (w === 'set' && following && /^(?:to|for)$/i.test(following)) return 'future';
  if (FUTURE_CUES.has(w) || w.endsWith("'ll")) return 'future';
  if (PAST_CUES.has(w)) return 'past';
  if (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed') && !NOT_PAST_ED.has(w) && word[0] === word[0].toLowerCase()) return 'past';
  return 'unknown';
}

function pickFor(tense: Tense): Pick {
  return tense === 'future' ? 'future' : 'past';
}

/** Year named by "this year" / "last year" / "next year" / "the year" relative to publication. */
function relativeYear(word: string | undefined, pub: number | null): number | null {
  if (pub === null) return null;
  const y = partsOf(pub).y;
  const w = (word ?? '').toLowerCase();
  if (w === 'last') return y - 1;
  if (w === 'next') return y + 1;
  return y;
}

// ---------------------------------------------------------------------------------------------
// Hand-written rules
// ---------------------------------------------------------------------------------------------

type Emit = (c: Candidate) => void;

function scan(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    fn(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function isoRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.iso, ctx.text, (m) => {
    const y = Number(m[1]);
    const mo = Number(m[3]);
    const d = Number(m[4]);
    if (!validDay(y, mo, d)) return;
    const n = dayNumber(y, mo, d);
    emit({ start: m.index, end: m.index + m[0].length, value: toValue([n, n]), rank: RANK.explicit });
  });
}

function numericRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.numeric, ctx.text, (m) => {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = Number(m[4]);
    let mo: number;
    let d: number;
    if (a > 12 && b <= 12) { d = a; mo = b; }
    else if (b > 12 && a <= 12) { mo = a; d = b; }
    else if (a === b) { mo = a; d = b; }
    else return; // "05/08/2025": May 8 or 5 August, we cannot tell
    if (!validDay(y, mo, d)) return;
    const n = dayNumber(y, mo, d);
    emit({ start: m.index, end: m.index + m[0].length, value: toValue([n, n]), rank: RANK.explicit });
  });
}

/** Rejects a bare 4-digit number that is a quantity or an identifier ("2000 tonnes", "Section 2001"). */
function yearLooksLikeNumber(text: string, numStart: number, numEnd: number): boolean {
  const after = nextWord(text, numEnd);
  if (after && QUANTITY_WORDS.has(after.toLowerCase())) return true;
  // "held open until about 2000 or 2100 EST": a clock time.
  if (PATTERNS.clockAfter.test(text.slice(numEnd, numEnd + 16))) return true;
  const before = previousWord(text, numStart);
  if (before && LABEL_WORDS.has(before.replace(/\.$/, '').toLowerCase())) return true;
  return false;
}

function yearRangeRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.yearRange, ctx.text, (m) => {
    const lead = (m[1] ?? '').toLowerCase();
    const sep = m[4].toLowerCase();
    const y1 = Number(m[3]);
    let y2 = Number(m[5]);
    if (m[5].length === 2) {
      if (!/^[-–—/]$/.test(sep)) return;
      y2 = Math.floor(y1 / 100) * 100 + y2;
      if (y2 < y1) y2 += 100;
    }
    if (sep === 'and' && lead !== 'between') return;
    if ((sep === 'until' || sep === 'till') && lead !== 'from') return;
    if ((sep === 'to' || sep === 'through') && lead === 'between') return;
    if (y2 <= y1 || y2 - y1 > 50) return;
    const numStart = m.index + m[0].indexOf(m[3]);
    if (/[\w$€£¥.,/#:+−-]/.test(ctx.text[numStart - 1] ?? ' ')) return;
    if (yearLooksLikeNumber(ctx.text, numStart, m.index + m[0].length)) return;
    emit({ start: m.index, end: m.index + m[0].length, value: toValue([yearSpan(y1)[0], yearSpan(y2)[1]]), rank: RANK.explicit });
  });
}

function decadeRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.decade, ctx.text, (m) => {
    const y = m[4] ? Number(m[4]) : 1900 + Number(m[5]);
    if (m[5] && !m[2]) return; // "'90s" only as "the '90s"
    const range: Range = [yearSpan(y)[0], yearSpan(y + 9)[1]];
    emit({ start: m.index, end: m.index + m[0].length, value: toValue(partOf(range, partName(m[3]), 'decade')), rank: RANK.explicit });
  });
}

function yearRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.year, ctx.text, (m) => {
    const y = Number(m[5]);
    const numStart = m.index + m[0].length - m[5].length;
    const numEnd = m.index + m[0].length;
    // A bare number glued to a word, a currency sign or a code is not a year ("$2025", "2805.30", "12025").
    const glued = !m[1] && !m[2] && !m[3] && !m[4] && /[\w$€£¥.,/#:+−–-]/.test(ctx.text[numStart - 1] ?? ' ');
    if (glued || yearLooksLikeNumber(ctx.text, numStart, numEnd)) return;
    const part = partName(m[2] ?? m[3]);
    const range = partOf(yearSpan(y), part, 'months');
    emit({ start: m.index, end: numEnd, value: toValue(range), rank: RANK.explicit });
  });
}

function monthRangeRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.monthRange, ctx.text, (m) => {
    const lead = (m[1] ?? '').toLowerCase();
    if (!isCapitalisedMonth(m[2]) || !isCapitalisedMonth(m[3])) return;
    const m1 = monthNumber(m[2]);
    const m2 = monthNumber(m[3]);
    if (!m1 || !m2 || m1 === m2) return;
    const sep = m[0].slice(m[0].indexOf(m[2]) + m[2].length).trim().split(/\s+/)[0].toLowerCase();
    if (sep === 'and' && lead !== 'between') return;
    if (!lead && (AMBIGUOUS_MONTHS.has(m[2].toLowerCase().replace('.', '')) || sep === 'and' || sep === 'to')) {
      if (!/^[-–/]/.test(sep) && !m[4]) return;
    }
    // "June/July at 4,400 dlrs": slash pairs are delivery or shipment positions, which lie ahead.
    const delivery = sep.startsWith('/');
    // "March 3 to May 5" belongs to chrono.
    const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (!m[4] && /^\s*\d/.test(after)) return;
    const count = ((m2 - m1 + 12) % 12) + 1;
    let range: Range | null = null;
    if (m[4]) {
      const y2 = Number(m[4]);
      const y1 = m2 < m1 ? y2 - 1 : y2;
      range = monthSpan(y1, m1, count);
    } else if (ctx.pub !== null) {
      const pick = delivery ? 'future' : pickFor(tenseAround(ctx.text, m.index, m.index + m[0].length));
      range = pickYearly((y) => monthSpan(y, m1, count), ctx.pub, pick);
    }
    const start = lead === 'between' || lead === 'from' || lead === 'in' || lead === 'during' ? m.index : m.index + m[0].indexOf(m[2]);
    emit({ start, end: m.index + m[0].length, value: toValue(range), rank: RANK.explicit });
  });
}

function monthRule(ctx: Ctx, emit: Emit): void {
  const text = ctx.text;
  scan(PATTERNS.month, text, (m) => {
    const token = m[5];
    if (!isCapitalisedMonth(token)) return;
    const mo = monthNumber(token);
    if (!mo) return;
    const tokenStart = m.index + m[0].lastIndexOf(token, m[0].length - (m[6] ?? m[7] ?? '').length);
    const tokenEnd = tokenStart + token.length;
    const prep = m[1];
    const qualifier = m[2]?.toLowerCase();
    const part = partName(m[3] ?? m[4]);
    const year = m[6] ? Number(m[6]) : m[7] ? relativeYear(m[7], ctx.pub) : null;
    if (m[7] && year === null) {
      emit({ start: m.index, end: m.index + m[0].length, value: null, rank: RANK.explicit });
      return;
    }
    if (year === null) {
      // "March 3", "3 March", "March 3rd": day-level dates are chrono's.
      if (/^\.?\s*\d{1,2}(?:st|nd|rd|th)?\b/.test(text.slice(tokenEnd, tokenEnd + 8))) return;
      if (/\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$/i.test(text.slice(Math.max(0, tokenStart - 10), tokenStart))) return;
    }
    const bareKey = token.replace('.', '').toLowerCase();
    if (year === null && !prep && !qualifier && !part) {
      const lead = previousWord(text, tokenStart)?.toLowerCase();
      const ambiguous = AMBIGUOUS_MONTHS.has(bareKey) || token.endsWith('.');
      const leadOk = lead !== undefined && (ambiguous ? STRICT_MONTH_LEAD_WORDS : MONTH_LEAD_WORDS).has(lead);
      if (ambiguous && !leadOk) return;
      // "June Carter", "April Ryan": a capitalised word after a bare month makes it a name.
      if (!leadOk && isCapitalised(nextWord(text, tokenEnd)) && !/^'s/.test(text.slice(tokenEnd, tokenEnd + 2))) return;
      // A capitalised word before it, mid-sentence, also makes it a name ("Hurricane June").
      if (!leadOk && isCapitalised(lead) && !atSentenceStart(text, m.index)) return;
    }
    // Reuters spells small day numbers: "payable April one to holders of record March 20".
    const spelled = year === null && !part ? PATTERNS.spelledDay.exec(text.slice(tokenEnd, tokenEnd + 12)) : null;
    if (spelled) {
      const d = NUMBER_WORDS[spelled[1].toLowerCase()];
      const end = tokenEnd + spelled[0].length;
      const y = spelled[2] ? Number(spelled[2]) : null;
      const value = y !== null ? toValue([dayNumber(y, mo, d), dayNumber(y, mo, d)])
        : ctx.pub === null ? null : toValue(resolveMonthDay(mo, d, null, ctx.pub, tenseAround(text, m.index, end)));
      emit({ start: m.index, end, value, rank: RANK.explicit });
      return;
    }
    let range: Range | null = null;
    if (year !== null) {
      range = monthSpan(year, mo);
    } else if (ctx.pub !== null) {
      let pick: Pick;
      if (qualifier === 'last') pick = 'last';
      else if (qualifier === 'next') pick = 'next';
      else if (qualifier === 'this') pick = 'this';
      else pick = pickFor(tenseAround(text, m.index, m.index + m[0].length));
      range = pickYearly((y) => monthSpan(y, mo), ctx.pub, pick);
    }
    if (range) range = partOf(range, part, 'month');
    emit({ start: m.index, end: m.index + m[0].length, value: toValue(range), rank: RANK.explicit });
  });
}

const SEASON_MONTH: Readonly<Record<string, number>> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };

function seasonSpan(y: number, season: string): Range {
  return monthSpan(y, SEASON_MONTH[season], 3);
}

function seasonRule(ctx: Ctx, emit: Emit): void {
  const text = ctx.text;
  scan(PATTERNS.season, text, (m) => {
    const word = m[5];
    const season = word.toLowerCase();
    const wordStart = m.index + m[0].lastIndexOf(word, m[0].length - (m[6] ? m[6].length : 0));
    const wordEnd = wordStart + word.length;
    const prep = m[1]?.toLowerCase();
    const the = !!m[2];
    const part = partName(m[3]);
    const qualRaw = m[4]?.toLowerCase();
    const qualifier = qualRaw === 'this' || qualRaw === 'last' || qualRaw === 'next' ? qualRaw : undefined;
    const part2 = qualRaw && !qualifier && qualRaw !== 'the' ? partName(qualRaw) : null;
    const thePresent = the || qualRaw === 'the';
    const year = m[6] ? Number(m[6]) : null;
    const after = nextWord(text, wordEnd)?.toLowerCase();
    if (after && SEASON_CROP_WORDS.has(after) && year === null) return;
    // Capitalised mid-sentence with a capitalised neighbour is a name: "Arab Spring", "Summer Olympics".
    if (/^[A-Z]/.test(word) && year === null) {
      const prev = previousWord(text, wordStart);
      if (isCapitalised(nextWord(text, wordEnd))) return;
      if (!m[1] && !m[4] && !m[3] && isCapitalised(prev) && !atSentenceStart(text, wordStart)) return;
      if (thePresent && !prep && isCapitalised(prev)) return;
    }
    const anyPart = part ?? part2;
    if (year === null && !qualifier && !anyPart) {
      // Bare seasons need a preposition: "in spring", "in the spring", "over the summer".
      if (!prep) return;
      if (season === 'fall') {
        if (!thePresent) return;
        if (after && FALL_NOUN_FOLLOWERS.has(after)) return;
      }
      if (thePresent && after === 'of') return; // "in the summer of love"
    }
    // "After this fall in prices": a decline, not autumn ("this fall in Ohio" stays a date).
    if (season === 'fall' && year === null && /^\s+(?:in|of)\s+(?!(?:the|a|an)\b)[a-z]/.test(text.slice(wordEnd, wordEnd + 16))) return;
    if (season === 'fall' && year === null && !qualifier && anyPart && !thePresent && !prep) {
      // "late fall" alone is fine, but "a late fall in prices" is not: require a clause end or a preposition.
      if (after && FALL_NOUN_FOLLOWERS.has(after)) return;
    }
    let range: Range | null = null;
    if (year !== null) {
      range = seasonSpan(year, season);
    } else if (ctx.pub !== null) {
      const pub = ctx.pub;
      if (qualifier === 'this') {
        const p = partsOf(pub);
        range = seasonSpan(season === 'winter' && p.m <= 2 ? p.y - 1 : p.y, season);
      } else {
        const pick: Pick = qualifier === 'last' ? 'last' : qualifier === 'next' ? 'next' : pickFor(tenseAround(text, m.index, m.index + m[0].length));
        range = pickYearly((y) => seasonSpan(y, season), pub, pick);
      }
    }
    if (range) range = partOf(range, anyPart, 'months');
    emit({ start: m.index, end: m.index + m[0].length, value: toValue(range), rank: RANK.explicit });
  });
}

const ORDINAL: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, latter: 2,
};

/** Shared by quarters and halves: resolves "the third quarter [of 2025 | of last year]" style phrases. */
function resolveYearPart(
  ctx: Ctx, spanStart: number, spanEnd: number, periodOfYear: (y: number) => Range,
  explicitYear: number | null, relYearWord: string | undefined,
): Range | null {
  if (explicitYear !== null) return periodOfYear(explicitYear);
  if (relYearWord) {
    const y = relativeYear(relYearWord, ctx.pub);
    return y === null ? null : periodOfYear(y);
  }
  if (ctx.pub === null) return null;
  return pickYearly(periodOfYear, ctx.pub, pickFor(tenseAround(ctx.text, spanStart, spanEnd)));
}

function quarterRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.quarter, ctx.text, (m) => {
    const which = m[5].toLowerCase();
    const explicitYear = m[3] ? Number(m[3]) : m[6] ? Number(m[6]) : null;
    const relYear = m[7];
    const part = partName(m[4]);
    const end = m.index + m[0].length;
    let range: Range | null = null;
    if (which === 'last' || which === 'this' || which === 'next' || which === 'current') {
      if (which === 'last' && (explicitYear !== null || relYear)) {
        range = resolveYearPart(ctx, m.index, end, (y) => monthSpan(y, 10, 3), explicitYear, relYear);
      } else {
        if (which === 'last' && m[2] && !m[1]) return; // "the last quarter" alone: too vague
        if (explicitYear !== null || relYear) return;
        if (ctx.pub !== null) {
          const { y, m: mo } = partsOf(ctx.pub);
          const q = Math.floor((mo - 1) / 3);
          const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
          range = monthSpan(y, 3 * (q + shift) + 1, 3);
        }
      }
    } else {
      const q = ORDINAL[which];
      if (!q || q > 4) return;
      range = resolveYearPart(ctx, m.index, end, (y) => monthSpan(y, 3 * q - 2, 3), explicitYear, relYear);
    }
    if (range) range = partOf(range, part, 'months');
    emit({ start: m.index, end, value: toValue(range), rank: RANK.explicit });
  });
  scan(PATTERNS.qShort, ctx.text, (m) => {
    const q = Number(m[2]);
    const y = m[3] ? Number(m[3]) : m[4] ? 2000 + Number(m[4]) : null;
    const end = m.index + m[0].length;
    const range = resolveYearPart(ctx, m.index, end, (yy) => monthSpan(yy, 3 * q - 2, 3), y, undefined);
    emit({ start: m.index, end, value: toValue(range), rank: RANK.explicit });
  });
}

function halfRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.half, ctx.text, (m) => {
    const h = ORDINAL[m[4].toLowerCase()];
    const end = m.index + m[0].length;
    const after = ctx.text.slice(end, end + 40);
    const explicitYear = m[3] ? Number(m[3]) : m[5] ? Number(m[5]) : null;
    if (explicitYear === null && !m[6]) {
      const nw = nextWord(ctx.text, end)?.toLowerCase();
      if (nw && HALF_NON_DATE_FOLLOWERS.has(nw)) return;
      if (/^\s+of\b/i.test(after)) return; // "the second half of the match", "... of the 20th century"
    }
    const range = resolveYearPart(ctx, m.index, end, (y) => monthSpan(y, 6 * h - 5, 6), explicitYear, m[6]);
    emit({ start: m.index, end, value: toValue(range), rank: RANK.explicit });
  });
  scan(PATTERNS.hShort, ctx.text, (m) => {
    const h = Number(m[2]);
    const end = m.index + m[0].length;
    const range = resolveYearPart(ctx, m.index, end, (y) => monthSpan(y, 6 * h - 5, 6), m[3] ? Number(m[3]) : null, undefined);
    emit({ start: m.index, end, value: toValue(range), rank: RANK.explicit });
  });
}

function firstMonthsRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.firstMonths, ctx.text, (m) => {
    const n = numberValue(m[2], 0);
    if (n < 2 || n > 11) return;
    const end = m.index + m[0].length;
    let range: Range | null = null;
    const periodOf = (y: number): Range => monthSpan(y, 1, n);
    if (m[3]) range = periodOf(Number(m[3]));
    else if (m[4]) {
      const y = relativeYear(m[4], ctx.pub);
      range = y === null ? null : periodOf(y);
    } else if (ctx.pub !== null) {
      // Results for "the first nine months" are reported after the period: the latest one that ended.
      const tense = tenseAround(ctx.text, m.index, end);
      range = pickYearly(periodOf, ctx.pub, tense === 'future' ? 'future' : 'last');
    }
    emit({ start: m.index, end, value: toValue(range), rank: RANK.explicit });
  });
}

function relativeRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.relative, ctx.text, (m) => {
    const modifier = m[1]?.toLowerCase();
    const partPhrase = m[2];
    const anchor = m[3].toLowerCase().replace(/\s+/g, ' ');
    const unitWord = m[4].toLowerCase();
    const end = m.index + m[0].length;
    // "the week"/"the year" alone are not dates; "the end of the year", "earlier in the week" are.
    if (anchor === 'the' && !partPhrase && !(modifier && /\sin\s/i.test(m[0]))) return;
    // Plain "last quarter", "the current quarter" belong to the quarter rule; "the end of the quarter" is ours.
    if (unitWord === 'quarter' && !modifier && !partPhrase) return;
    if (ctx.pub === null) {
      emit({ start: m.index, end, value: null, rank: RANK.relative });
      return;
    }
    const pub = ctx.pub;
    const shift = anchor === 'last' ? -1 : anchor === 'next' ? 1 : 0;
    let range: Range;
    let partUnit: 'week' | 'month' | 'months';
    if (unitWord === 'weekend') {
      const monday = weekSpan(pub)[0] + 7 * shift;
      range = [monday + 5, monday + 6];
      partUnit = 'week';
      if (modifier || partPhrase) return;
    } else if (unitWord === 'week') {
      range = weekSpan(pub + 7 * shift);
      partUnit = 'week';
    } else if (unitWord === 'month') {
      const { y, m: mo } = partsOf(pub);
      range = monthSpan(y, mo + shift);
      partUnit = 'month';
    } else if (unitWord === 'quarter') {
      const { y, m: mo } = partsOf(pub);
      range = monthSpan(y, 3 * (Math.floor((mo - 1) / 3) + shift) + 1, 3);
      partUnit = 'months';
    } else {
      range = yearSpan(partsOf(pub).y + shift);
      partUnit = 'months';
    }
    if (modifier === 'earlier' || modifier === 'later') {
      if (shift === 0) range = modifier === 'earlier' ? [range[0], pub] : [pub, range[1]];
      else range = partOf(range, modifier === 'earlier' ? 'early' : 'late', partUnit);
    } else {
      range = partOf(range, partName(modifier ?? partPhrase), partUnit);
    }
    emit({ start: m.index, end, value: toValue(range), rank: RANK.relative });
  });
  scan(PATTERNS.weekend, ctx.text, (m) => {
    const end = m.index + m[0].length;
    let value: DateValue | null = null;
    if (ctx.pub !== null) {
      const pub = ctx.pub;
      const monday = weekSpan(pub)[0];
      const future = tenseAround(ctx.text, m.index, end) === 'future';
      const thisWeekend: Range = [monday + 5, monday + 6];
      const range: Range = future ? (pub <= thisWeekend[1] ? thisWeekend : [monday + 12, monday + 13])
        : (pub >= thisWeekend[0] ? thisWeekend : [monday - 2, monday - 1]);
      value = toValue(range);
    }
    emit({ start: m.index, end, value, rank: RANK.relative });
  });
}

function rollingRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.rolling, ctx.text, (m) => {
    const dir = (m[2] ?? m[3]).toLowerCase();
    const unit = unitOf(m[5]);
    const plural = /s$/i.test(m[5]);
    if (plural === false && m[4] && numberValue(m[4], 1) !== 1) return;
    if (!plural && (dir === 'recent' || unit === 'day')) return;
    // "The next week, they returned": narrative; "over the next week" is a window.
    if (!plural && (dir === 'next' || dir === 'coming') && !m[1]) return;
    // "the last week"/"the past year" = one unit; "recent weeks"/"the coming months" = a vague window.
    const n = m[4] ? numberValue(m[4], 1) : plural ? VAGUE_WINDOW[unit] : 1;
    const end = m.index + m[0].length;
    let range: Range | null = null;
    if (ctx.pub !== null) {
      const pub = ctx.pub;
      const days = unit === 'week' && !m[4] && plural ? 21 : null;
      if (dir === 'past' || dir === 'last' || dir === 'recent') range = [days !== null ? pub - days : addUnits(pub, unit, -n), pub];
      else range = [pub, days !== null ? pub + days : addUnits(pub, unit, n)];
    }
    emit({ start: m.index, end, value: toValue(range), rank: RANK.vague });
  });
}

function agoRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.ago, ctx.text, (m) => {
    const raw = m[1].toLowerCase().replace(/\s+/g, ' ');
    if (raw === 'few' || raw === 'a few' || raw === 'several') {
      // Vague: "a few weeks ago" spans the window of 2..4 units back.
      const unit = unitOf(m[2]);
      const end = m.index + m[0].length;
      const value = ctx.pub === null ? null : toValue([addUnits(ctx.pub, unit, -4), addUnits(ctx.pub, unit, -2)]);
      emit({ start: m.index, end, value, rank: RANK.vague });
      return;
    }
    const n = numberValue(m[1], 1);
    const unit = unitOf(m[2]);
    const end = m.index + m[0].length;
    const value = ctx.pub === null ? null : toValue(periodContaining(addUnits(ctx.pub, unit, -n), unit === 'decade' ? 'year' : unit));
    emit({ start: m.index, end, value, rank: RANK.relative });
  });
}

function casualDayRule(ctx: Ctx, emit: Emit): void {
  scan(PATTERNS.casualDay, ctx.text, (m) => {
    const w = m[1].toLowerCase().replace(/\s+/g, ' ');
    // "USA Today", NBC's "Today" show: a capital mid-sentence is a name.
    if (/^[A-Z]/.test(m[1]) && !atSentenceStart(ctx.text, m.index)) return;
    if (/^[A-Z]{2,}/.test(m[1])) return;
    const offset = w === 'yesterday' || w === 'last night' ? -1 : w === 'tomorrow' ? 1 : 0;
    const value = ctx.pub === null ? null : toValue([ctx.pub + offset, ctx.pub + offset]);
    emit({ start: m.index, end: m.index + m[0].length, value, rank: RANK.relative });
  });
}

// ---------------------------------------------------------------------------------------------
// chrono-node: day-level dates and weekdays
// ---------------------------------------------------------------------------------------------

let chronoInstance: Chrono | undefined;

/** The reduced chrono parser, built once (immutable after construction). */
function dayParser(): Chrono {
  if (!chronoInstance) {
    const config = enConfiguration.createCasualConfiguration(false);
    config.parsers = config.parsers.filter((p) => !CHRONO_DROPPED_PARSERS.has(p.constructor.name));
    chronoInstance = new Chrono(config);
  }
  return chronoInstance;
}

/** Resolves a month/day without year to a year, preferring the past (see header). */
function resolveMonthDay(mo: number, d: number, weekday: number | null, pub: number, tense: Tense): Range | null {
  const py = partsOf(pub).y;
  const options: number[] = [];
  for (let y = py - 1; y <= py + 1; y++) if (validDay(y, mo, d)) options.push(dayNumber(y, mo, d));
  if (options.length === 0) return null;
  if (weekday !== null) {
    // "Tuesday, March 3": the year whose March 3 is a Tuesday, nearest to publication.
    const fitting = options.filter((n) => weekdayOf(n) === weekday).sort((a, b) => Math.abs(a - pub) - Math.abs(b - pub));
    if (fitting.length) return [fitting[0], fitting[0]];
  }
  const past = [...options].reverse().find((n) => n <= pub);
  const future = options.find((n) => n >= pub);
  let chosen: number | undefined;
  const ahead = future === undefined ? Infinity : future - pub;
  if (tense === 'future') chosen = future ?? past;
  else if (tense === 'past') chosen = ahead <= DATELINE_LAG_DAYS ? future : past ?? future;
  else chosen = ahead <= FUTURE_DAY_WINDOW ? future : past ?? future;
  return chosen === undefined ? null : [chosen, chosen];
}

/** Chrono weekdays: 0 = Sunday ... 6 = Saturday; ours: 0 = Monday. */
function fromChronoWeekday(w: number): number {
  return (w + 6) % 7;
}

function resolveWeekday(target: number, pub: number, modifier: string | undefined, weekShift: number | null, tense: Tense): Range {
  if (weekShift !== null) {
    const n = weekSpan(pub)[0] + 7 * weekShift + target;
    return [n, n];
  }
  const back = (weekdayOf(pub) - target + 7) % 7; // days back to the most recent such day (0 = today)
  const forward = (target - weekdayOf(pub) + 7) % 7;
  let n: number;
  if (modifier === 'last' || modifier === 'past') n = pub - (back === 0 ? 7 : back);
  else if (modifier === 'next') n = pub + (forward === 0 ? 7 : forward);
  else if (tense === 'future') n = pub + forward;
  else n = pub - back;
  return [n, n];
}

function chronoRule(ctx: Ctx, emit: Emit): void {
  const text = ctx.text;
  // Only the certain components of each result are used, so the reference instant matters only to
  // chrono's internal implied values; a fixed instant keeps results independent of today's date.
  const refInstant = new Date((ctx.pub ?? dayNumber(2000, 1, 1)) * DAY_MS + DAY_MS / 2);
  const parser = dayParser();
  const ref = { instant: refInstant, timezone: 0 };
  for (const [winStart, winEnd] of chronoWindows(text)) {
    let results: ParsedResult[];
    try {
      results = parser.parse(text.slice(winStart, winEnd), ref);
    } catch {
      continue;
    }
    for (const r of results) chronoResult(ctx, r, winStart, emit);
  }
}

/** Windows of text around month and weekday names, merged when they overlap. chrono's parse time
 *  grows with the square of the input length (about 1.3 s for 1.5 MB of Reuters bodies, 0.03 s for
 *  0.2 MB), so it only ever sees these short windows. */
function chronoWindows(text: string): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  const re = PATTERNS.chronoTrigger;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let a = Math.max(0, m.index - CHRONO_WINDOW_BEFORE);
    let b = Math.min(text.length, m.index + m[0].length + CHRONO_WINDOW_AFTER);
    while (a > 0 && !/\s/.test(text[a - 1])) a--;
    while (b < text.length && !/\s/.test(text[b])) b++;
    const last = windows[windows.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else windows.push([a, b]);
  }
  return windows;
}

function chronoResult(ctx: Ctx, r: ParsedResult, offset: number, emit: Emit): void {
  const text = ctx.text;
  let start = offset + r.index;
  let raw = r.text;
  const lead = /^[\s,(（]+/.exec(raw);
  if (lead) { start += lead[0].length; raw = raw.slice(lead[0].length); }
  raw = raw.replace(/[\s,)）]+$/, '');
  if (!raw) return;
  let end = start + raw.length;
  const s = r.start;
  const dayLevel = s.isCertain('day') && s.isCertain('month');
  const weekdayOnly = !dayLevel && s.isCertain('weekday') && !s.isCertain('day') && !s.isCertain('month');
  let value: DateValue | null = null;
  if (dayLevel) {
    if (!PATTERNS.monthCap.test(raw)) return; // "march 3 miles" (lowercase) is not a date
    if (/^[.,]\d/.test(text.slice(end, end + 2))) return; // table cells "Feb 48.7, Mar 6.8, Apr 10.0"
    const mo = s.get('month') ?? 0;
    const d = s.get('day') ?? 0;
    const weekday = s.isCertain('weekday') ? fromChronoWeekday(s.get('weekday') ?? 0) : null;
    let range: Range | null = null;
    if (s.isCertain('year')) {
      const y = s.get('year') ?? 0;
      if (validDay(y, mo, d)) range = [dayNumber(y, mo, d), dayNumber(y, mo, d)];
    } else if (ctx.pub !== null) {
      range = resolveMonthDay(mo, d, weekday, ctx.pub, tenseAround(text, start, end));
    }
    if (range && r.end && r.end.isCertain('day')) {
      const e = r.end;
      const em = e.get('month') ?? mo;
      const ed = e.get('day') ?? d;
      const sy = partsOf(range[0]).y;
      let ey = e.isCertain('year') ? (e.get('year') ?? sy) : sy;
      if (!e.isCertain('year') && (em < mo || (em === mo && ed < d))) ey = sy + 1;
      if (validDay(ey, em, ed)) {
        const last = dayNumber(ey, em, ed);
        if (last >= range[0]) range = [range[0], last];
      }
    }
    // "the week ended February 22": the seven days ending (or starting) that day.
    const weekLead = PATTERNS.weekEndedBefore.exec(text.slice(Math.max(0, start - 40), start));
    if (weekLead) {
      start -= weekLead[0].length;
      if (range) {
        const rel = weekLead[1].toLowerCase();
        range = rel === 'beginning' || rel === 'starting' ? [range[0], range[0] + 6] : [range[1] - 6, range[1]];
      }
    } else {
      const on = PATTERNS.onBefore.exec(text.slice(Math.max(0, start - 6), start));
      if (on) start -= on[1].length;
    }
    if (r.start.isCertain('year') || ctx.pub !== null) value = toValue(range);
    if (r.start.isCertain('year') && !value) return; // impossible date such as "February 30, 1987"
  } else if (weekdayOnly) {
    if (!PATTERNS.weekdayFull.test(raw)) return; // "The Sun newspaper", "Sat" as a verb
    if (/weekend|weekday/i.test(raw)) return;
    const nameStart = start + raw.search(PATTERNS.weekdayFull);
    if (WEEKDAY_NAME_PREFIX.test(text.slice(Math.max(0, nameStart - 30), nameStart))) return;
    const nameMatch = PATTERNS.weekdayFull.exec(raw);
    const nameEnd = nameStart + (nameMatch ? nameMatch[0].length : 0);
    if (WEEKDAY_NAME_SUFFIX.test(text.slice(nameEnd, nameEnd + 30))) return;
    if (/s$/.test(nameMatch?.[0] ?? '')) return; // "on Tuesdays": a habit, not a date
    // "the last Friday in August": a weekday of some month, not last week's.
    if (/^(?:last|past|next)\s/i.test(raw) && /\bthe\s+$/i.test(text.slice(Math.max(0, start - 6), start))) return;
    if (ctx.pub !== null) {
      const pre = PATTERNS.weekdayPrefix.exec(raw)?.[1]?.toLowerCase();
      const post = PATTERNS.weekdayPostfix.exec(raw)?.[1]?.toLowerCase();
      const weekShift = post ? (post === 'last' || post === 'past' ? -1 : post === 'next' ? 1 : 0) : null;
      const target = fromChronoWeekday(s.get('weekday') ?? 0);
      value = toValue(resolveWeekday(target, ctx.pub, pre, weekShift, tenseAround(text, start, end)));
    }
  } else {
    return;
  }
  end = Math.max(end, start);
  emit({ start, end, value, rank: RANK.chrono });
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

const RULES: ReadonlyArray<(ctx: Ctx, emit: Emit) => void> = [
  chronoRule, isoRule, numericRule, yearRangeRule, decadeRule, yearRule, monthRangeRule, monthRule, seasonRule,
  quarterRule, halfRule, firstMonthsRule, relativeRule, rollingRule, agoRule, casualDayRule,
];

/** Finds date expressions in `text` and resolves each against `published` (YYYY-MM-DD or null).
 *  `skip`: spans (removed promotional text) in which nothing is reported. Sorted by start, non-overlapping. */
export function findDates(text: string, published: string | null, skip: readonly Span[] = []): DateSpan[] {
  const ctx: Ctx = { text, pub: parsePublished(published) };
  const candidates: Candidate[] = [];
  const emit: Emit = (c) => {
    if (c.end > c.start && !inSkip(skip, c)) candidates.push(c);
  };
  for (const rule of RULES) rule(ctx, emit);
  return selectLongest(candidates).map((c) => ({ start: c.start, end: c.end, text: text.slice(c.start, c.end), value: c.value }));
}

/** True when `span` overlaps any of the sorted, non-overlapping `skip` spans (binary search). */
function inSkip(skip: readonly Span[], span: Span): boolean {
  let lo = 0;
  let hi = skip.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = skip[mid];
    if (s.end <= span.start) lo = mid + 1;
    else if (s.start >= span.end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Keeps the longest of overlapping candidates (ties: lower rank, then earlier start); returns them by start. */
function selectLongest(candidates: Candidate[]): Candidate[] {
  const order = [...candidates].sort((a, b) => (b.end - b.start) - (a.end - a.start) || a.rank - b.rank || a.start - b.start);
  const kept: Candidate[] = []; // sorted by start, non-overlapping
  for (const c of order) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < c.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if ((prev && prev.end > c.start) || (next && next.start < c.end)) continue;
    kept.splice(lo, 0, c);
  }
  return kept;
}
