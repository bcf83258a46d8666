import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINCIPLES, EXAMPLE_VISION, TEMPLATE_SECTIONS } from '../template';
import { measureSignals, type MeasureSignalKind } from './measures';

const kinds = (text: string): MeasureSignalKind[] => measureSignals(text).map((s) => s.kind);

describe('measure heuristics', () => {
  it.each([
    ['Kommunen skal kjøpe inn nettbrett til alle lærere.', 'purchase'],
    ['Det skal kjøpes inn et nytt sak-/arkivsystem.', 'purchase'],
    ['Kommunen skal anskaffe et nytt økonomisystem.', 'purchase'],
    ['Ny telefoniløsning anskaffes i samarbeid med nabokommunene.', 'purchase'],
    ['Kommunen skal innføre elektronisk leverandørfaktura.', 'implementation'],
    ['Elektronisk leverandørfaktura innføres i alle enheter.', 'implementation'],
    ['Kommunen skal implementere Noark 5 i sak/arkiv.', 'implementation'],
    ['Innføring av SvarUt for all utgående post.', 'implementation'],
    ['Trådløst nett skal rulles ut på alle skoler.', 'implementation'],
    ['Kommunen skal ta i bruk SvarUt innen utgangen av perioden.', 'implementation'],
    ['Kommunen skal bruke 2 mill. kr på nye servere.', 'amount'],
    ['Prosjektet har en ramme på 500 000 kroner.', 'amount'],
    ['Budsjettet er kr 250 000 per år.', 'amount'],
    ['Gevinsten er anslått til 1,3 mill.kr.', 'amount'],
    ['Investeringen er på 3 MNOK.', 'amount'],
    ['Alle skjemaer skal være digitale innen 2028.', 'deadline'],
    ['Heldigital arkivering skal være på plass innen utgangen av 2027.', 'deadline'],
    ['Ny kommuneportal skal lanseres 1. juli 2026.', 'deadline'],
    ['Ny kommuneportal skal lanseres 01.09.2026.', 'deadline'],
    ['Alle ansatte skal ha fått opplæring innen to år.', 'deadline'],
    ['Overgangen skjer i løpet av 2026.', 'deadline'],
    ['Løsninga skal vere på plass innan 2027.', 'deadline'],
    ['Tiltak: Kompetansekartlegging av alle ansatte.', 'measure-word'],
    ['Tiltakene skal gi bedre tjenester.', 'measure-word'],
  ] as const)('flags «%s» as %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Kommunen skal ha en tjenesteorientert IKT-arkitektur',
    'Kommunen skal ha en tjenesteorientert IKT-arkitektur som bygger på offentlig godkjente arkitekturprinsipper og åpne standarder',
    'Kommunen skal ta i bruk velferdsteknologi som gir trygge og helhetlige tjenester.',
    'Kommunen skal stille krav til leverandører om åpne standarder.',
    'Kommunen skal ha et innkjøpssystem med elektronisk fakturering.',
    'Kommunen skal ha god bestillerkompetanse ved anskaffelser.',
    'Innbyggerne skal få svar innen rimelig tid.',
    'Alle ansatte skal være digitalt kompetente til å utføre sine arbeidsoppgaver.',
    'Tiltakene beskrives i de årlige handlingsplanene.',
    'Et kjøpekraftig eldresegment skal få gode digitale tjenester.',
    'Krøllete prosesser skal forenkles før de digitaliseres, 2 krøller mindre.',
    'Digitalisering er tatt i bruk på alle områder.',
    'Kommunen skal følge opp den nasjonale strategien fra 2024.',
    'Kapittel 4.1 beskriver kommuneportalen.',
    'Innbyggerne skal kunne finne, bestille og betale kommunens kulturtilbud digitalt.',
  ])('lets the goal «%s» pass', (text) => {
    expect(measureSignals(text)).toEqual([]);
  });

  it('lets every example goal, principle and the example vision of the template pass', () => {
    const texts = [
      ...TEMPLATE_SECTIONS.flatMap((s) => (s.exampleGoal ? [s.exampleGoal] : [])),
      ...DEFAULT_PRINCIPLES,
      EXAMPLE_VISION,
    ];
    expect(texts.filter((text) => measureSignals(text).length > 0)).toEqual([]);
  });

  it('reports what matched, so the writer sees why', () => {
    expect(measureSignals('Alle skjemaer skal være digitale innen 2028.')).toEqual([
      { kind: 'deadline', match: 'innen 2028' },
    ]);
    expect(
      measureSignals('Kommunen skal kjøpe inn 300 nettbrett for 1,2 mill. kr innen 2027.').map((s) => s.kind),
    ).toEqual(['purchase', 'amount', 'deadline']);
  });
});
