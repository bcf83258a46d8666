// The template in nynorsk: a faithful rendering of every bokmål text in `template.ts` (the seed's
// words and Samstrat's example goals), keyed by the same section keys and in the same order, so the
// one data set has both written forms. Source for the forms: Nynorskordboka (Språkrådet), standard
// forms ("ikkje", "eit", "vere", "tenester", "innbyggjarar", "tilsette", "prinsipp", "hovudmål").
// Proper names (ID-porten, «Min helse», KOSTRA, Noark) stay as they are.

/** The nynorsk texts of one template section: title, guidance lines (same count as bokmål), example goal. */
export interface NynorskSection {
  title: string;
  guidance: string[];
  exampleGoal: string | null;
}

const SERVICE_AREA_GOALS = 'For alle tenesteområda blir det sett hovudmål og ev. delmål';
const SUB_STRATEGY_NOTE =
  'Nokre tenesteområde er så omfattande at det kan vere aktuelt med eigne delstrategiar. ' +
  'Gjeld særleg helse/omsorg og oppvekst/læring.';

export const NYNORSK_PRINCIPLES: readonly string[] = [
  'Data skal registrerast éin gong og kunne brukast om att til fleire føremål',
  'Digitalisering skal bidra til høg kvalitet i tenesteytinga til kommunen',
  'Digitalisering av forvaltning og sakshandsaming skal bidra til frigjering av ressursar',
  'Digitaliseringa skal ha eit tydeleg innbyggjar/brukar-fokus',
  'Digital kommunikasjon skal vere hovudregelen for kommunikasjon mellom innbyggjarane og kommunen',
  'Digital samhandling skal vere hovudregelen for samarbeid og kontakt med andre forvaltningseiningar og samarbeidspartnarar.',
  'Planlegging og gjennomføring av digitaliseringsstrategien og realisering av gevinstar er eit leiaransvar.',
];

export const NYNORSK_VISION =
  'Digitalisering er teken i bruk på alle område for å utvikle gode tenester og effektiv forvaltning. ' +
  'Digital kommunikasjon er hovudregelen for dialog med innbyggjarane og samhandling med andre offentlege ' +
  'og private verksemder. Innbyggjarane har fått innsyn i eigne data gjennom sikker pålogging til ' +
  'kommunen sine datasystem og arkiv. Innbyggjarane og næringslivet er nøgde med kommunen sine digitale tenester';

/** The lead line above the principles in a new strategy's "Overordna prinsipp". */
export const NYNORSK_PRINCIPLES_LEAD =
  'Følgjande prinsipp skal liggje til grunn for digitaliseringsarbeidet i kommunen:';

const section = (title: string, guidance: string[], exampleGoal: string | null = null): NynorskSection => ({
  title,
  guidance,
  exampleGoal,
});

/** Every template section's nynorsk texts by key (the keys of `TEMPLATE_SECTIONS`). */
export const NYNORSK_SECTIONS: Readonly<Record<string, NynorskSection>> = {
  innledning: section('Innleiing', [
    'Tydinga av kommunal digitaliseringsstrategi',
    'Teknologiske og samfunnsmessige trendar/utfordringar',
    'Dei viktigaste lovene og reglane',
    'Styringsdokument frå sentrale styresmakter',
    'IKT-status i kommunen (samandrag)',
    'Felles digitaliseringsstrategi for kommunesektoren (KS)',
  ]),
  prinsipper: section('Overordna prinsipp', [
    'Prinsippa gjeld all digitalisering i kommunen og ligg til grunn for måla i satsingsområda og tenesteområda.',
    'Malen foreslår sju prinsipp. Behald, juster eller legg til slik at dei passar kommunen.',
  ]),
  visjon: section('Visjon', [
    'Visjonen skal teikne eit framtidsbilete av den digitale kommunen',
    'Eksempelteksten frå malen er lagd inn som utgangspunkt. Skriv han om så han passar kommunen.',
  ]),
  tverrgaende: section('Tverrgåande satsingsområde', [
    'Tverrgåande satsingsområde omfattar funksjonar som er felles for alle tenesteområde i kommunen.',
    'Tverrgåande funksjonar skal bidra til eit integrert og heilskapleg digitalt tenestetilbod til innbyggjarar og næringsliv og sørgje for effektiv organisering og styring av verksemda til kommunen.',
    'For alle satsingsområda blir det sett hovudmål og ev. delmål',
  ]),
  kommuneportal: section(
    'Kommuneportal',
    [
      'Krav til tilgjengelegheit, brukartilpassing og nyttig innhald (kvalitetskriterium på nett)',
      'Universell utforming',
      'Standardar for teiknsett mv.',
      'Emneordregister (LOS)',
      'Sikker innlogging til personleg side',
      'Innsynsløysingar',
      'Sosiale medium (Facebook, Twitter, chat osb.)',
    ],
    'Internettportalen til kommunen skal vere i samsvar med nasjonale krav til tilgjengelegheit og dekkje behovet brukarane har for informasjon, dialog og tilgang til elektroniske tenester.',
  ),
  intranett: section(
    'Intranett/tilsetteportal',
    [
      'Bør omfatte alle teneste-/verksemdsområde',
      'Arbeidsflate for kvar enkelt tilsett – rolle- og oppgåvestyrt',
      'Tilgang til dokumenthandteringssystem, arkiv, e-post, aktuelle fagsystem mv.',
      'Tilgang til planar, møtereferat, kalender/årshjul, rutinar, reglar, interne skjema osb.',
      'Arena for informasjonsdeling og samhandling – kontaktinformasjon til alle tilsette',
      'Ledd i arbeidsgivarstrategien til kommunen - verktøy for å byggje «vi-kultur» i organisasjonen',
    ],
    'Kommunen skal ha ein tilsetteportal som dekkjer behovet for dokumenthandtering, intern samhandling, informasjonsdeling og kulturbygging.',
  ),
  'administrative-felleslosninger': section(
    'Administrative fellesløysingar',
    [
      'Sak-/arkivsystem: Reglar og rutinar for arkivering av alle typar førespurnader; Skanning og konvertering av papirarkiv; Noark 5',
      'Økonomisystem',
      'Løns- og personalsystem: Ferie- og fråversregistrering; Registrering av arbeidstid',
      'Innkjøpssystem: Elektronisk fakturering',
      'Rapporterings- og styringssystem',
    ],
    'Kommunen skal ha administrative løysingar som tek vare på behovet for styring, effektiv sakshandsaming og sikker lagring av felles data.',
  ),
  informasjonssikkerhet: section(
    'Informasjonstryggleik',
    [
      'Dokumenterte tryggleiksrutinar',
      'Brannmur og antivirus',
      'Reglar for heimekontor, handtering av mobile einingar, minnepinnar',
      'Innloggingsløysing',
      'Kvalifiserte sertifikat',
      'ID-porten, eID mot innbyggjarane',
      'Opplæring av tilsette',
      'Beredskap',
    ],
    'Kommunen skal ta vare på personvernet og sørgje for sikker informasjonshandsaming i samsvar med lovverket og løpande vurdering av trusselbiletet',
  ),
  arkitektur: section(
    'Arkitektur og standardisering',
    [
      'Offentlege arkitekturprinsipp',
      'Tenesteorientert arkitektur',
      'Integrasjon sak/arkiv- og fagsystem',
      'Opne standardar',
      'Mellomvare/servicebuss',
      'Fri programvare/Open Source',
      'Arkitekturprinsippa: Tenesteorientering; Interoperabilitet; Tilgjengelegheit; Tryggleik; Openheit; Fleksibilitet; Skalerbarheit',
    ],
    'Kommunen skal ha ein tenesteorientert IKT-arkitektur som byggjer på offentleg godkjende arkitekturprinsipp og opne standardar',
  ),
  infrastruktur: section(
    'Infrastruktur og programvare',
    [
      'Nettverksstruktur – fiber og trådlaust',
      'Virtualisering av serverar',
      'Løysingar for heimekontor',
      'Samordning av komm.kanalar',
      'Telefoni (fast og/eller mobil)',
      'Fagsystem baserte på opne standardar',
      'Noark-baserte sak/arkiv-system',
      'Krav til leverandørar',
    ],
    'Kommunen skal ha nettverk, utstyr og programvare som dekkjer behovet tenesteområda har for moderne IKT-løysingar og sikrar effektiv samhandling i organisasjonen',
  ),
  kompetanse: section(
    'Kompetanse',
    [
      'Strategisk kompetanse',
      'Bestillarkompetanse',
      'Prosjektkompetanse',
      'IKT-kompetanse',
      'Brukarkompetanse',
      'Kompetansekartlegging',
      'Kompetanseutviklingsplan',
    ],
    'Alle tilsette i kommunen skal vere digitalt kompetente til å utføre arbeidsoppgåvene sine.',
  ),
  organisering: section(
    'Organisering og styring av IKT-verksemda',
    [
      'IKT-strategi',
      'IKT-infrastruktur og teknologisk plattform',
      'Samordning og prioritering',
      'Info.tryggleik og overordna handsamingsansvar etter P.oppl.lova',
      'Kvalitetssikring og etterleving («compliance»)',
      'Leveranse av drifts- og forvaltningstenester i samsvar med SLA',
      'Bistå ved eksterne leveransar til einingane',
      'Tilby brukarstøttetenester',
      'Tilby rådgivingstenester',
      'Brukarfokus: brukarkrav og dei funksjonelle krava til eininga',
      'Finansiering',
      'Gjennomføring av prosjekt (anskaffing og implementering)',
      'Organisasjonsutvikling – nye prosessar og rutinar pluss tilpassingar i eksisterande',
      'Tryggleik og operativt handsamingsansvar etter P.oppl.lova',
      'Opplæring og kompetanseheving',
      'Kost/nytte – gevinstrealisering',
    ],
    'Kommunen skal ha ei organisering og styring av IKT-verksemda med tydeleg ansvarsdeling mellom IT-avdelinga og einingane, som sikrar samordning, prioritering og realisering av gevinstar.',
  ),
  tjenesteomrader: section('Tenesteområde', [
    'Strategidokumentet kan vere kortfatta (10-12 sider) og bør berre innehalde skildring av hovudmål for tverrsektorielle område og dei viktigaste tenesteområda (ingen tiltak)',
    SUB_STRATEGY_NOTE,
    SERVICE_AREA_GOALS,
  ]),
  'helse-omsorg': section(
    'Helse og omsorg',
    [
      SERVICE_AREA_GOALS,
      SUB_STRATEGY_NOTE,
      'Velferdsteknologi',
      'Éin innbyggjar – éin journal',
      '«Min helse» på nett',
      'Sjølvbeteningsløysingar',
      'Utbreiing av meldingar',
      'eResept',
      'Nasjonal kjernejournal',
    ],
    'Kommunen skal ta i bruk velferdsteknologi og elektronisk samhandling som gir trygge og heilskaplege helse- og omsorgstenester.',
  ),
  'oppvekst-laering': section(
    'Oppvekst og læring',
    [SERVICE_AREA_GOALS, SUB_STRATEGY_NOTE, 'FEIDE til grunnskulen'],
    'Barnehagane og skulane i kommunen skal bruke digitale verktøy som fremjar læring og gir enkel dialog med føresette.',
  ),
  velferd: section(
    'Velferd',
    [
      SERVICE_AREA_GOALS,
      'Meir sjølvbetening for offentlege ytingar',
      'Tilgang til rettleiing i bruk av elektroniske tenester for dei som treng det',
    ],
    'Innbyggjarane skal kunne søkje om og følgje opp velferdstenestene til kommunen digitalt, med rettleiing for dei som treng det.',
  ),
  'plan-miljo': section(
    'Plan og miljø',
    [SERVICE_AREA_GOALS, 'Innsynsløysingar', 'Auka vidarebruk av offentlege data'],
    'Plan- og byggjesakshandsaminga i kommunen skal vere digital, og plan- og kartdata skal vere tilgjengelege for innbyggjarar og næringsliv.',
  ),
  teknisk: section(
    'Teknisk sektor',
    [SERVICE_AREA_GOALS, 'Alt er kopla opp mot Internett'],
    'Innbyggjarane skal kunne melde frå om og følgje opp dei tekniske tenestene til kommunen digitalt, og kommunen skal bruke digitale løysingar for effektiv drift og vedlikehald.',
  ),
  kultur: section(
    'Kultur',
    [SERVICE_AREA_GOALS],
    'Innbyggjarane skal enkelt kunne finne, bestille og betale kulturtilbodet i kommunen digitalt.',
  ),
  vedlegg: section('Vedlegg', [
    'Oversikt over aktuelle lover og forskrifter',
    'Oversikt over styringsdokument frå sentrale styresmakter (St.meld., St.prp., strategidok.)',
    'Oversikt over kommunale styringsdokument (kommuneplan, langtidsbudsjett, andre planar)',
    'Statusanalyse av IKT-bruk i kommunen',
    'Data frå KOSTRA og andre kartleggingar, t.d. innbyggjarundersøking',
    'Ev. litteraturliste',
  ]),
};
