import type { Locale } from '../errors';
import type { MeasureSignalKind } from './measures';
import type { Finding, LintMessageKey } from './types';

export interface LintText {
  title: string;
  text: string;
}

// Placeholders in braces are filled from the finding's params. The texts follow the seed's advice
// and product.md's glossary; each says what is wrong and what to do.
export const LINT_MESSAGES: Record<LintMessageKey, Record<Locale, LintText>> = {
  'period-too-long': {
    nb: {
      title: 'Strategiperioden er for lang',
      text: 'Perioden {start}–{end} er {years} år. En strategiperiode bør ikke være mer enn 3–4 år; strategien følges opp med årlige handlingsplaner og budsjetter. Forkort perioden.',
    },
    nn: {
      title: 'Strategiperioden er for lang',
      text: 'Perioden {start}–{end} er {years} år. Ein strategiperiode bør ikkje vere meir enn 3–4 år; strategien blir følgd opp med årlege handlingsplanar og budsjett. Gjer perioden kortare.',
    },
    en: {
      title: 'The strategy period is too long',
      text: 'The period {start}–{end} is {years} years. A strategy period should not be more than 3–4 years; annual action plans and budgets follow it up. Shorten the period.',
    },
  },
  'period-invalid': {
    nb: {
      title: 'Perioden slutter før den begynner',
      text: 'Perioden {start}–{end} slutter før den begynner. Rett start- og sluttåret.',
    },
    nn: {
      title: 'Perioden sluttar før han byrjar',
      text: 'Perioden {start}–{end} sluttar før han byrjar. Rett start- og sluttåret.',
    },
    en: {
      title: 'The period ends before it starts',
      text: 'The period {start}–{end} ends before it starts. Correct the start and end year.',
    },
  },
  'length-too-long': {
    nb: {
      title: 'Strategien er for lang',
      text: 'Strategien blir anslagsvis {pages} sider ({words} ord, {wordsPerPage} ord per side). Den bør være kortfattet, 10–12 sider, med bare hovedmål og delmål. Kort ned teksten eller flytt stoff til vedlegg.',
    },
    nn: {
      title: 'Strategien er for lang',
      text: 'Strategien blir om lag {pages} sider ({words} ord, {wordsPerPage} ord per side). Han bør vere kortfatta, 10–12 sider, med berre hovudmål og delmål. Kort ned teksten eller flytt stoff til vedlegg.',
    },
    en: {
      title: 'The strategy is too long',
      text: 'The strategy comes to about {pages} pages ({words} words at {wordsPerPage} words per page). It should be brief, 10–12 pages, with main goals and sub-goals only. Shorten the text or move material to the appendices.',
    },
  },
  'length-too-long:pdf': {
    nb: {
      title: 'Strategien er for lang',
      text: 'PDF-utgaven er {pages} sider. Strategien bør være kortfattet, 10–12 sider, med bare hovedmål og delmål. Kort ned teksten eller flytt stoff til vedlegg.',
    },
    nn: {
      title: 'Strategien er for lang',
      text: 'PDF-utgåva er {pages} sider. Strategien bør vere kortfatta, 10–12 sider, med berre hovudmål og delmål. Kort ned teksten eller flytt stoff til vedlegg.',
    },
    en: {
      title: 'The strategy is too long',
      text: 'The PDF is {pages} pages. The strategy should be brief, 10–12 pages, with main goals and sub-goals only. Shorten the text or move material to the appendices.',
    },
  },
  'length-too-short': {
    nb: {
      title: 'Strategien er kortere enn 10 sider',
      text: 'Strategien blir foreløpig anslagsvis {pages} sider ({words} ord, {wordsPerPage} ord per side). En ferdig strategi er vanligvis 10–12 sider.',
    },
    nn: {
      title: 'Strategien er kortare enn 10 sider',
      text: 'Strategien blir førebels om lag {pages} sider ({words} ord, {wordsPerPage} ord per side). Ein ferdig strategi er vanlegvis 10–12 sider.',
    },
    en: {
      title: 'The strategy is shorter than 10 pages',
      text: 'So far the strategy comes to about {pages} pages ({words} words at {wordsPerPage} words per page). A finished strategy is usually 10–12 pages.',
    },
  },
  'length-too-short:pdf': {
    nb: {
      title: 'Strategien er kortere enn 10 sider',
      text: 'PDF-utgaven er {pages} sider. En ferdig strategi er vanligvis 10–12 sider.',
    },
    nn: {
      title: 'Strategien er kortare enn 10 sider',
      text: 'PDF-utgåva er {pages} sider. Ein ferdig strategi er vanlegvis 10–12 sider.',
    },
    en: {
      title: 'The strategy is shorter than 10 pages',
      text: 'The PDF is {pages} pages. A finished strategy is usually 10–12 pages.',
    },
  },
  'area-missing-main-goal': {
    nb: {
      title: 'Mangler hovedmål',
      text: '«{section}» har ikke noe hovedmål. Alle tverrgående satsingsområder og tjenesteområder skal ha minst ett hovedmål, og eventuelt delmål. Skriv målet og merk det som hovedmål.',
    },
    nn: {
      title: 'Manglar hovudmål',
      text: '«{section}» har ikkje noko hovudmål. Alle tverrgåande satsingsområde og tenesteområde skal ha minst eitt hovudmål, og eventuelt delmål. Skriv målet og merk det som hovudmål.',
    },
    en: {
      title: 'No main goal',
      text: '“{section}” has no main goal. Every cross-sectoral area and service area needs at least one main goal, and optionally sub-goals. Write the goal and mark it as a main goal.',
    },
  },
  'vision-missing': {
    nb: {
      title: 'Visjonen mangler',
      text: 'Strategien har ingen visjon. Visjonen skal tegne et framtidsbilde av den digitale kommunen. Skriv den i kapittelet «Visjon».',
    },
    nn: {
      title: 'Visjonen manglar',
      text: 'Strategien har ingen visjon. Visjonen skal teikne eit framtidsbilete av den digitale kommunen. Skriv henne i kapittelet «Visjon».',
    },
    en: {
      title: 'No vision',
      text: 'The strategy has no vision. The vision paints a picture of the digital municipality. Write it in the chapter “Visjon”.',
    },
  },
  'vision-is-example': {
    nb: {
      title: 'Visjonen er eksempelteksten',
      text: 'Visjonen er eksempelteksten fra malen, ord for ord. Skriv den om så den tegner et framtidsbilde av akkurat denne kommunen.',
    },
    nn: {
      title: 'Visjonen er eksempelteksten',
      text: 'Visjonen er eksempelteksten frå malen, ord for ord. Skriv henne om så ho teiknar eit framtidsbilete av akkurat denne kommunen.',
    },
    en: {
      title: 'The vision is the example text',
      text: 'The vision is the template’s example text, word for word. Rewrite it so it pictures this municipality’s digital future.',
    },
  },
  'measure-in-text': {
    nb: {
      title: 'Ser ut som et tiltak',
      text: '«{excerpt}» i «{section}» ser ut som et tiltak ({signal}: «{match}»). Strategien skal bare ha hovedmål og delmål; tiltak hører hjemme i de årlige handlingsplanene. Skriv det om til et mål, eller flytt det til handlingsplanen.',
    },
    nn: {
      title: 'Ser ut som eit tiltak',
      text: '«{excerpt}» i «{section}» ser ut som eit tiltak ({signal}: «{match}»). Strategien skal berre ha hovudmål og delmål; tiltak høyrer heime i dei årlege handlingsplanane. Skriv det om til eit mål, eller flytt det til handlingsplanen.',
    },
    en: {
      title: 'Looks like a measure',
      text: '“{excerpt}” in “{section}” looks like a measure ({signal}: “{match}”). The strategy holds main goals and sub-goals only; measures belong in the annual action plans. Rewrite it as a goal, or move it to the action plan.',
    },
  },
  'section-empty': {
    nb: { title: 'Tom seksjon', text: '«{section}» har ingen tekst ennå.' },
    nn: { title: 'Tom seksjon', text: '«{section}» har ingen tekst enno.' },
    en: { title: 'Empty section', text: '“{section}” has no text yet.' },
  },
  'open-comments-before-gate': {
    nb: {
      title: 'Åpne kommentartråder',
      text: 'Åpne kommentartråder: {count}. Svar på eller lukk dem før strategien sendes til neste godkjenning.',
    },
    nn: {
      title: 'Opne kommentartrådar',
      text: 'Opne kommentartrådar: {count}. Svar på eller lukk dei før strategien blir send til neste godkjenning.',
    },
    en: {
      title: 'Open comment threads',
      text: 'Open comment threads: {count}. Answer or close them before the strategy goes to the next approval.',
    },
  },
};

export const MEASURE_SIGNAL_LABELS: Record<MeasureSignalKind, Record<Locale, string>> = {
  purchase: { nb: 'innkjøp', nn: 'innkjøp', en: 'a purchase' },
  implementation: { nb: 'innføring av en løsning', nn: 'innføring av ei løysing', en: 'implementing a solution' },
  amount: { nb: 'beløp i kroner', nn: 'beløp i kroner', en: 'an amount in kroner' },
  deadline: { nb: 'frist', nn: 'frist', en: 'a deadline' },
  'measure-word': { nb: 'ordet «tiltak»', nn: 'ordet «tiltak»', en: 'the word “tiltak”' },
};

const NUMBER_LOCALES: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };

function isSignal(value: string | number): value is MeasureSignalKind {
  return typeof value === 'string' && value in MEASURE_SIGNAL_LABELS;
}

/** The finding's title and explanation in `locale`, with its figures filled in. */
export function lintText(finding: Finding, locale: Locale = 'nb'): LintText {
  const { title, text } = LINT_MESSAGES[finding.messageKey][locale];
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = finding.params[name];
      if (value === undefined) return whole;
      if (name === 'signal' && isSignal(value)) return MEASURE_SIGNAL_LABELS[value][locale];
      // Years read without a thousands separator ("2025", not "2 025").
      if (typeof value === 'number' && name !== 'start' && name !== 'end') {
        return value.toLocaleString(NUMBER_LOCALES[locale]);
      }
      return String(value);
    });
  return { title: fill(title), text: fill(text) };
}
