// The strategy template from the seed (a KS-style guide to writing a municipal digitalization
// strategy). Texts are the seed's own words with only broken line wrapping repaired; nested seed
// bullets are joined into one guidance line as "Head: item; item". Where the seed gives no example
// goal, Samstrat writes one in the seed's style and says so with exampleGoalSource 'samstrat'.

import type { WrittenForm } from './new-strategy';
import { NYNORSK_PRINCIPLES, NYNORSK_SECTIONS, NYNORSK_VISION } from './template-nn';

export type SectionKind = 'chapter' | 'area' | 'service-area' | 'appendix';

export interface TemplateSection {
  /** Stable ASCII slug; also names the section's Y.XmlFragment (`section:<key>`). */
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  kind: SectionKind;
  guidance: string[];
  exampleGoal: string | null;
  exampleGoalSource: 'seed' | 'samstrat' | null;
  /** Every focus area and service area must state at least one hovedmål. */
  requiresGoal: boolean;
}

export const DEFAULT_PRINCIPLES: readonly string[] = [
  'Data skal registreres en gang og kunne gjenbrukes til flere formål',
  'Digitalisering skal bidra til høy kvalitet i kommunens tjenesteyting',
  'Digitalisering av forvaltning og saksbehandling skal bidra til frigjøring av ressurser',
  'Digitaliseringen skal ha et tydelig innbygger/bruker-fokus',
  'Digital kommunikasjon skal være hovedregelen for kommunikasjon mellom innbyggerne og kommunen',
  'Digital samhandling skal være hovedregelen for samarbeid og kontakt med andre forvaltningsenheter og samarbeidspartnere.',
  'Planlegging og gjennomføring av digitaliseringsstrategien og realisering av gevinster er et lederansvar.',
];

export const EXAMPLE_VISION =
  'Digitalisering er tatt i bruk på alle områder for å utvikle gode tjenester og effektiv forvaltning. ' +
  'Digital kommunikasjon er hovedregelen for dialog med innbyggerne og samhandling med andre offentlige ' +
  'og private virksomheter. Innbyggerne er gitt innsyn i egne data gjennom sikker pålogging til ' +
  'kommunens datasystemer og arkiver. Innbyggerne og næringslivet er fornøyd med kommunens digitale tjenester';

const SERVICE_AREA_GOALS = 'For alle tjenesteområdene settes hovedmål og evt. delmål';
const SUB_STRATEGY_NOTE =
  'Noen tjenesteområder er så omfattende at det kan være aktuelt med egne delstrategier. ' +
  'Gjelder særlig helse/omsorg og oppvekst/læring.';

type Entry = Pick<TemplateSection, 'key' | 'title' | 'guidance'> & {
  exampleGoal?: string;
  exampleGoalSource?: 'seed' | 'samstrat';
};

const chapter = (key: string, title: string, guidance: string[]): Entry => ({ key, title, guidance });
const area = (
  key: string,
  title: string,
  guidance: string[],
  exampleGoal: string,
  exampleGoalSource: 'seed' | 'samstrat',
): Entry => ({
  key,
  title,
  guidance,
  exampleGoal,
  exampleGoalSource,
});

const CROSS_SECTORAL: Entry[] = [
  area(
    'kommuneportal',
    'Kommuneportal',
    [
      'Krav til tilgjengelighet, brukertilpasning og nyttig innhold (kvalitetskriterier på nett)',
      'Universell utforming',
      'Standarder for tegnsett mv.',
      'Emneordregister (LOS)',
      'Sikker innlogging til personlig side',
      'Innsynsløsninger',
      'Sosiale medier (Facebook, Twitter, chat etc.)',
    ],
    'Kommunens internettportal skal være i samsvar med nasjonale krav til tilgjengelighet og tilfredsstille brukernes behov for informasjon, dialog og tilgang til elektroniske tjenester.',
    'seed',
  ),
  area(
    'intranett',
    'Intranett/ansattportal',
    [
      'Bør omfatte alle tjeneste-/virksomhetsområder',
      'Arbeidsflate for den enkelte ansatte – rolle og oppgavestyrt',
      'Tilgang til dokumenthåndteringssystem, arkiv, epost, aktuelle fagsystemer mv.',
      'Tilgang til planer, møtereferater, kalender/årshjul, rutiner, regler, interne skjemaer etc.',
      'Arena for informasjonsdeling og samhandling – kontaktinformasjon til alle ansatte',
      'Ledd i kommunens arbeidsgiverstrategi - verktøy for å bygge «vi-kultur» i organisasjonen',
    ],
    'Kommunen skal ha en ansattportal som tilfredsstiller behovet for dokumenthåndtering, intern samhandling, informasjonsdeling og kulturbygging.',
    'seed',
  ),
  area(
    'administrative-felleslosninger',
    'Administrative fellesløsninger',
    [
      'Sak-/arkivsystem: Regler og rutiner for arkivering av alle typer henvendelser; Scanning og konvertering av papirarkiv; Noark 5',
      'Økonomisystem',
      'Lønns- og personalsystem: Ferie og fraværsregistrering; Registrering av arbeidstid',
      'Innkjøpssystem: Elektronisk fakturering',
      'Rapporterings- og styringssystem',
    ],
    'Kommunen skal ha administrative løsninger som ivaretar behovet for styring, effektiv saksbehandling og sikker lagring av felles data.',
    'seed',
  ),
  area(
    'informasjonssikkerhet',
    'Informasjonssikkerhet',
    [
      'Dokumenterte sikkerhetsrutiner',
      'Brannmur og antivirus',
      'Regler for hjemmekontor, håndtering av mobile enheter, minne-pinner',
      'Innloggingsløsning',
      'Kvalifiserte sertifikater',
      'ID-porten, eID mot innbyggerne',
      'Opplæring av ansatte',
      'Beredskap',
    ],
    'Kommunen skal ivareta personvernet og sørge for sikker informasjonsbehandling i henhold til lovverket og løpende vurdering av trusselbildet',
    'seed',
  ),
  area(
    'arkitektur',
    'Arkitektur og standardisering',
    [
      'Offentlige arkitekturprinsipper',
      'Tjenesteorientert arkitektur',
      'Integrasjon sak/arkiv- og fagsystemer',
      'Åpne standarder',
      'Mellomvare/servicebuss',
      'Fri programvare/Open Source',
      'Arkitekturprinsippene: Tjenesteorientering; Interoperabilitet; Tilgjengelighet; Trygghet; Åpenhet; Fleksibilitet; Skalerbarhet',
    ],
    'Kommunen skal ha en tjenesteorientert IKT-arkitektur som bygger på offentlig godkjente arkitekturprinsipper og åpne standarder',
    'seed',
  ),
  area(
    'infrastruktur',
    'Infrastruktur og programvare',
    [
      'Nettverkstruktur – fiber og trådløst',
      'Virtualisering av servere',
      'Løsninger for hjemmekontor',
      'Samordning av komm.kanaler',
      'Telefoni (fast og/eller mobil)',
      'Fagsystemer basert på åpne standarder',
      'Noark-baserte sak/arkiv-systemer',
      'Krav til leverandører',
    ],
    'Kommunen skal ha nettverk, utstyr og programvare som tilfredsstiller tjenesteområdenes behov for moderne IKT-løsninger og sikrer effektiv samhandling i organisasjonen',
    'seed',
  ),
  area(
    'kompetanse',
    'Kompetanse',
    [
      'Strategisk kompetanse',
      'Bestillerkompetanse',
      'Prosjektkompetanse',
      'IKT-kompetanse',
      'Brukerkompetanse',
      'Kompetansekartlegging',
      'Kompetanseutviklingsplan',
    ],
    'Alle ansatte i kommunen skal være digitalt kompetente til å utføre sine arbeidoppgaver.',
    'seed',
  ),
  // The seed's slide sets the IT function's duties (first nine) beside the units' duties (last
  // seven); it gives no example goal, so the one below is ours.
  area(
    'organisering',
    'Organisering og styring av IKT-virksomheten',
    [
      'IKT-strategi',
      'IKT-infrastruktur og teknologisk plattform',
      'Samordning og prioritering',
      'Info.sikkerhet og overordnet behandlingsansvar etter P.oppl.loven',
      'Kvalitetssikring og etterlevelse («compliance»)',
      'Leveranse av drifts- og forvaltningstjenester i samsvar med SLA',
      'Bistå ved eksterne leveranser til enhetene',
      'Tilby brukerstøttetjenester',
      'Tilby rådgivningstjenester',
      'Brukerfokus: brukerkrav og enhetens funksjonelle krav',
      'Finansiering',
      'Gjennomføring av prosjekter (anskaffelse og implementering)',
      'Organisasjonsutvikling – nye prosesser og rutiner pluss tilpasninger i eksisterende',
      'Sikkerhet og operativt behandlingsansvar etter P.oppl.loven',
      'Opplæring og kompetanseheving',
      'Kost/nytte – gevinstrealisering',
    ],
    'Kommunen skal ha en organisering og styring av IKT-virksomheten med tydelig ansvarsdeling mellom IT-avdelingen og enhetene, som sikrer samordning, prioritering og realisering av gevinster.',
    'samstrat',
  ),
];

// The seed names the service areas but gives them no bullets or example goals of their own;
// the topic bullets below are the seed's national initiatives that belong to each area.
const SERVICE_AREAS: Entry[] = [
  area(
    'helse-omsorg',
    'Helse og omsorg',
    [
      SERVICE_AREA_GOALS,
      SUB_STRATEGY_NOTE,
      'Velferdsteknologi',
      'Én innbygger – én journal',
      '«Min helse» på nett',
      'Selvbetjeningsløsninger',
      'Utbredelse av meldinger',
      'eResept',
      'Nasjonal kjernejournal',
    ],
    'Kommunen skal ta i bruk velferdsteknologi og elektronisk samhandling som gir trygge og helhetlige helse- og omsorgstjenester.',
    'samstrat',
  ),
  area(
    'oppvekst-laering',
    'Oppvekst og læring',
    [SERVICE_AREA_GOALS, SUB_STRATEGY_NOTE, 'FEIDE til grunnskolen'],
    'Barnehager og skoler i kommunen skal bruke digitale verktøy som fremmer læring og gir enkel dialog med foresatte.',
    'samstrat',
  ),
  area(
    'velferd',
    'Velferd',
    [
      SERVICE_AREA_GOALS,
      'Mer selvbetjening for offentlige ytelser',
      'Tilgang til veiledning i bruk av elektroniske tjenester for de som trenger det',
    ],
    'Innbyggerne skal kunne søke om og følge opp kommunens velferdstjenester digitalt, med veiledning for de som trenger det.',
    'samstrat',
  ),
  area(
    'plan-miljo',
    'Plan og miljø',
    [SERVICE_AREA_GOALS, 'Innsynsløsninger', 'Økt viderebruk av offentlige data'],
    'Kommunens plan- og byggesaksbehandling skal være digital, og plan- og kartdata skal være tilgjengelige for innbyggere og næringsliv.',
    'samstrat',
  ),
  area(
    'teknisk',
    'Teknisk sektor',
    [SERVICE_AREA_GOALS, 'Alt er koblet opp mot Internett'],
    'Innbyggerne skal kunne melde fra om og følge opp kommunens tekniske tjenester digitalt, og kommunen skal bruke digitale løsninger for effektiv drift og vedlikehold.',
    'samstrat',
  ),
  area(
    'kultur',
    'Kultur',
    [SERVICE_AREA_GOALS],
    'Innbyggerne skal enkelt kunne finne, bestille og betale kommunens kulturtilbud digitalt.',
    'samstrat',
  ),
];

interface Chapter {
  entry: Entry;
  kind: SectionKind;
  children?: { kind: SectionKind; entries: Entry[] };
}

const CHAPTERS: Chapter[] = [
  {
    entry: chapter('innledning', 'Innledning', [
      'Betydningen av kommunal digitaliseringsstrategi',
      'Teknologiske og samfunnsmessige trender/utfordringer',
      'Viktigste lover og regler',
      'Styringsdokumenter fra sentrale myndigheter',
      'IKT-status i kommunen (sammendrag)',
      'Felles digitaliseringsstrategi for kommunesektoren (KS)',
    ]),
    kind: 'chapter',
  },
  {
    entry: chapter('prinsipper', 'Overordnede prinsipper', [
      'Prinsippene gjelder all digitalisering i kommunen og ligger til grunn for målene i satsingsområdene og tjenesteområdene.',
      'Malen foreslår sju prinsipper. Behold, juster eller legg til slik at de passer kommunen.',
    ]),
    kind: 'chapter',
  },
  {
    entry: chapter('visjon', 'Visjon', [
      'Visjonen skal tegne et framtidsbilde av den digitale kommunen',
      'Eksempelteksten fra malen er lagt inn som utgangspunkt. Skriv den om så den passer kommunen.',
    ]),
    kind: 'chapter',
  },
  {
    entry: chapter('tverrgaende', 'Tverrgående satsingsområder', [
      'Tverrgående satsingsområder omfatter funksjoner som er felles for alle tjenesteområder i kommunen.',
      'Tverrgående funksjoner skal bidra til et integrert og helhetlig digitalt tjenestetilbud til innbyggere og næringsliv og sørge for effektiv organisering og styring av kommunens virksomhet.',
      'For alle satsingsområdene settes hovedmål og evt. delmål',
    ]),
    kind: 'chapter',
    children: { kind: 'area', entries: CROSS_SECTORAL },
  },
  {
    entry: chapter('tjenesteomrader', 'Tjenesteområder', [
      'Strategidokumentet kan være kortfattet (10-12 sider) og bør bare inneholde beskrivelse av hovedmål for tverrsektorielle områder og de viktigste tjenesteområdene (ingen tiltak)',
      SUB_STRATEGY_NOTE,
      SERVICE_AREA_GOALS,
    ]),
    kind: 'chapter',
    children: { kind: 'service-area', entries: SERVICE_AREAS },
  },
  {
    entry: chapter('vedlegg', 'Vedlegg', [
      'Oversikt over aktuelle lover og forskrifter',
      'Oversikt over styringsdokumenter fra sentrale myndigheter (St.meld., St.prp., strategidok.)',
      'Oversikt over kommunale styringsdokumenter (kommuneplan, langtidsbudsjett, andre planer)',
      'Statusanalyse av IKT-bruk i kommunen',
      'Data fra KOSTRA og andre kartlegginger, f.eks. innbyggerundersøkelse',
      'Evt. litteraturliste',
    ]),
    kind: 'appendix',
  },
];

function toSection(entry: Entry, number: string, parentKey: string | null, kind: SectionKind): TemplateSection {
  return {
    key: entry.key,
    number,
    title: entry.title,
    parentKey,
    kind,
    guidance: entry.guidance,
    exampleGoal: entry.exampleGoal ?? null,
    exampleGoalSource: entry.exampleGoalSource ?? null,
    requiresGoal: kind === 'area' || kind === 'service-area',
  };
}

export const TEMPLATE_SECTIONS: readonly TemplateSection[] = CHAPTERS.flatMap(({ entry, kind, children }, i) => [
  toSection(entry, String(i + 1), null, kind),
  ...(children
    ? children.entries.map((child, j) => toSection(child, `${i + 1}.${j + 1}`, entry.key, children.kind))
    : []),
]);

/**
 * The template in nynorsk: the same sections (keys, numbers, kinds, sources) with the nynorsk
 * title, guidance and example goal of `template-nn.ts`. A key missing there would fail the template
 * test; here it falls back to bokmål rather than dropping the section.
 */
const NYNORSK_TEMPLATE_SECTIONS: readonly TemplateSection[] = TEMPLATE_SECTIONS.map((s) => {
  const nn = NYNORSK_SECTIONS[s.key];
  return nn ? { ...s, title: nn.title, guidance: nn.guidance, exampleGoal: nn.exampleGoal } : s;
});

const SECTIONS_BY_FORM: Record<WrittenForm, readonly TemplateSection[]> = {
  nb: TEMPLATE_SECTIONS,
  nn: NYNORSK_TEMPLATE_SECTIONS,
};
const BY_KEY: Record<WrittenForm, Map<string, TemplateSection>> = {
  nb: new Map(TEMPLATE_SECTIONS.map((s) => [s.key, s])),
  nn: new Map(NYNORSK_TEMPLATE_SECTIONS.map((s) => [s.key, s])),
};

/** The template's sections in template order, with titles, guidance and example goals in `form` (bokmål unless given). */
export function templateSections(form: WrittenForm = 'nb'): readonly TemplateSection[] {
  return SECTIONS_BY_FORM[form];
}

/** One template section by key in `form` (bokmål unless given); undefined for a key the template does not have. */
export function templateSection(key: string, form: WrittenForm = 'nb'): TemplateSection | undefined {
  return BY_KEY[form].get(key);
}

/** The seven default principles in `form` (bokmål: the seed's words; nynorsk: their faithful rendering). */
export function defaultPrinciples(form: WrittenForm = 'nb'): readonly string[] {
  return form === 'nn' ? NYNORSK_PRINCIPLES : DEFAULT_PRINCIPLES;
}

/** The seed's example vision in `form`, without its final full stop (as the seed has it). */
export function exampleVision(form: WrittenForm = 'nb'): string {
  return form === 'nn' ? NYNORSK_VISION : EXAMPLE_VISION;
}
