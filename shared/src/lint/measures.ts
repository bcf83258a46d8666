// Heuristics for text that reads as a measure (tiltak) rather than a goal. The seed: a strategy holds
// main goals and sub-goals only; measures belong in the annual action plans. A goal says what the
// municipality shall achieve; a measure says what it will buy or implement, for how much, by when.
//
// The patterns are tuned for few false positives: plain strategic verbs ("ha", "være", "bidra til",
// "ta i bruk" without a deadline) pass, as do every example goal and principle in the template. The
// result is a warning for a person to judge, never a block.

export type MeasureSignalKind = 'purchase' | 'implementation' | 'amount' | 'deadline' | 'measure-word';

export interface MeasureSignal {
  kind: MeasureSignalKind;
  /** The text that matched, as written. */
  match: string;
}

// JavaScript's \b only knows ASCII letters, so "2 krøller" would match "2 kr"; these look at Unicode
// letters instead.
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

const MONTHS = '(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)';
const YEAR = '(?:19|20)\\d{2}';
const NUMBER_WORDS = '(?:\\d+|en|ett|ei|eitt|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|atten|tjue|tjuefire)';

const rx = (source: string) => new RegExp(source, 'iu');

const PATTERNS: readonly { kind: MeasureSignalKind; pattern: RegExp }[] = [
  // Verb forms only: "innkjøpssystem" and "anskaffelse" as nouns name a topic, not an act.
  { kind: 'purchase', pattern: rx(`${START}kjøp(?:e|es|er|t|te|ast)(?:\\s+inn)?${END}`) },
  { kind: 'purchase', pattern: rx(`${START}anskaff(?:e|es|er|et|a|ast)${END}`) },
  {
    kind: 'implementation',
    pattern: rx(
      `${START}(?:innfør(?:e|es|er|t|te|ast)|implementer(?:e|es|er|t|te|ast)|installer(?:e|es|er|t|te|ast)|oppgrader(?:e|es|er|t|te|ast))${END}`,
    ),
  },
  { kind: 'implementation', pattern: rx(`${START}(?:innføring|implementering|utrulling)\\s+av${END}`) },
  {
    kind: 'implementation',
    pattern: rx(`${START}(?:rull(?:e|es|er|et|ast)|bytt(?:e|es|er)|skift(?:e|es|er))\\s+ut${END}`),
  },
  // "Ta i bruk" is a goal in the template ("skal ta i bruk velferdsteknologi"); with a deadline it
  // becomes a measure.
  {
    kind: 'implementation',
    pattern: rx(`${START}(?:ta|tas|tar|tatt|takast)\\s+i\\s+bruk${END}[^.!?]{0,100}?${START}inn[ae]n${END}`),
  },
  {
    kind: 'amount',
    pattern: rx(
      `${START}\\d[\\d\\s.,]*?\\s*(?:(?:mill(?:ion(?:er)?)?|mrd|milliard(?:er)?|tusen)\\.?\\s*)?(?:kr|kroner|nok)${END}\\.?`,
    ),
  },
  { kind: 'amount', pattern: rx(`${START}(?:kr|nok)\\.?\\s*\\d`) },
  { kind: 'amount', pattern: rx(`${START}(?:mnok|mkr)${END}`) },
  { kind: 'amount', pattern: rx(`\\d\\s*,-`) },
  {
    kind: 'deadline',
    pattern: rx(
      `${START}(?:inn[ae]n|senest|seinast|før|i\\s+løpet\\s+av|ved\\s+(?:utgangen|slutten)\\s+av|fra\\s+og\\s+med|frå\\s+og\\s+med)\\s+` +
        `(?:(?:utgangen|slutten)\\s+av\\s+)?(?:år(?:et)?\\s+)?(?:(?:\\d{1,2}\\.\\s*)?${MONTHS}\\s+)?${YEAR}${END}`,
    ),
  },
  {
    kind: 'deadline',
    pattern: rx(`${START}inn[ae]n\\s+${NUMBER_WORDS}\\s+(?:år|måneder|månader|uker|veker|dager|dagar)${END}`),
  },
  { kind: 'deadline', pattern: rx(`${START}\\d{1,2}\\.\\s*${MONTHS}\\s+${YEAR}${END}`) },
  { kind: 'deadline', pattern: rx(`(?<![\\d.])\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})(?!\\d|\\.\\d)`) },
  { kind: 'deadline', pattern: rx(`${START}${YEAR}-\\d{2}-\\d{2}${END}`) },
  {
    kind: 'deadline',
    pattern: rx(`${START}(?:våren|høsten|hausten|sommeren|vinteren|[1-4]\\.\\s*kvartal|q[1-4])\\s*${YEAR}${END}`),
  },
  { kind: 'measure-word', pattern: rx(`${START}tiltak(?:et|ene|a|s\\p{L}*)?${END}`) },
];

// "Tiltakene beskrives i de årlige handlingsplanene" is exactly what the seed asks a strategy to say.
const POINTS_TO_ACTION_PLAN = rx(`${START}handlings(?:plan|program)`);

/** Every sign in `text` that it describes a measure; empty when it reads as a goal. */
export function measureSignals(text: string): MeasureSignal[] {
  const signals: MeasureSignal[] = [];
  for (const { kind, pattern } of PATTERNS) {
    if (kind === 'measure-word' && POINTS_TO_ACTION_PLAN.test(text)) continue;
    const found = pattern.exec(text);
    if (found) signals.push({ kind, match: found[0].trim() });
  }
  return signals;
}

export function looksLikeMeasure(text: string): boolean {
  return measureSignals(text).length > 0;
}
