import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import type { MeasureFields, MeasureStatus } from '@samstrat/shared/action-plans';
import { initialSectionContent } from '@samstrat/shared/initial-content';
import type { Tx } from '../db/client';
import { actionPlans, measureStatusNotes, measures } from '../db/schema-plans';

// The demo's follow-up: goals written in the service areas' text and a first year's action plan with
// about a dozen measures in different states, so the plan pages have something to show. The
// cross-sectoral areas keep their empty text, so the quality checks still have areas to flag.

interface DemoGoal {
  goalId: string;
  kind: 'mainGoal' | 'subGoal';
  text: string;
}

/** The goals the demo writes, by section key; their ids are stable so the demo plan can name them. */
export const DEMO_GOALS: Readonly<Record<string, readonly DemoGoal[]>> = {
  'helse-omsorg': [
    {
      goalId: 'demo-helse',
      kind: 'mainGoal',
      text: 'Eldre skal kunne bo trygt hjemme lenger med hjelp av velferdsteknologi.',
    },
    {
      goalId: 'demo-helse-samhandling',
      kind: 'subGoal',
      text: 'Meldinger mellom fastlege, sykehus og kommune går elektronisk.',
    },
  ],
  'oppvekst-laering': [
    {
      goalId: 'demo-oppvekst',
      kind: 'mainGoal',
      text: 'Foresatte har én digital inngang til barnehage, skole og SFO.',
    },
  ],
  velferd: [
    {
      goalId: 'demo-velferd',
      kind: 'mainGoal',
      text: 'Søknader om velferdstjenester kan sendes og følges opp på nett.',
    },
  ],
  'plan-miljo': [
    { goalId: 'demo-plan', kind: 'mainGoal', text: 'Byggesøknader behandles digitalt fra innsending til vedtak.' },
  ],
  teknisk: [
    {
      goalId: 'demo-teknisk',
      kind: 'mainGoal',
      text: 'Innbyggere melder feil på vei, vann og avløp digitalt og får svar.',
    },
  ],
  kultur: [
    { goalId: 'demo-kultur', kind: 'mainGoal', text: 'Kulturtilbud og lokaler kan finnes, bookes og betales på nett.' },
  ],
};

/** The demo's starting text of a section: its goals, then the template's starting text. */
export function demoSectionContent(key: string): JSONContent {
  const content = initialSectionContent(key);
  const goals = DEMO_GOALS[key];
  if (!goals) return content;
  return {
    ...content,
    content: [
      ...goals.map((g) => ({ type: g.kind, attrs: { goalId: g.goalId }, content: [{ type: 'text', text: g.text }] })),
      ...(content.content ?? []),
    ],
  };
}

interface DemoMeasure {
  title: string;
  goals: string[];
  owner: 'helse' | 'oppvekst' | 'leader' | 'advisor';
  unit: string;
  area: string;
  end: number;
  budget: [investment: number, operating: number][];
  status: MeasureStatus;
  note?: string;
  benefit: string;
  indicator?: { name: string; unit: string; baseline: number; target: number; actual?: number; source: string };
  changesWork?: boolean;
}

const MEASURES: readonly DemoMeasure[] = [
  {
    title: 'Digitale trygghetsalarmer i alle hjem med alarm',
    goals: ['demo-helse'],
    owner: 'helse',
    unit: 'Hjemmetjenesten',
    area: 'helse-omsorg',
    end: 2028,
    budget: [
      [1_200_000, 180_000],
      [300_000, 180_000],
    ],
    status: 'started',
    note: 'Anskaffelsen er gjennomført; utrullingen startet i mars.',
    benefit: 'Færre unødvendige utrykninger; tryggere brukere.',
    indicator: {
      name: 'Hjem med digital alarm',
      unit: '%',
      baseline: 20,
      target: 100,
      actual: 55,
      source: 'Fagsystemet',
    },
    changesWork: true,
  },
  {
    title: 'Elektroniske medisindispensere',
    goals: ['demo-helse'],
    owner: 'helse',
    unit: 'Hjemmetjenesten',
    area: 'helse-omsorg',
    end: 2027,
    budget: [[400_000, 90_000]],
    status: 'planned',
    benefit: 'Færre besøk bare for å gi medisiner.',
  },
  {
    title: 'Pleie- og omsorgsmeldinger i alle tjenester',
    goals: ['demo-helse-samhandling'],
    owner: 'helse',
    unit: 'Tildelingskontoret',
    area: 'helse-omsorg',
    end: 2027,
    budget: [[0, 60_000]],
    status: 'done',
    note: 'Alle enheter sender og mottar meldinger elektronisk.',
    benefit: 'Ingen faks eller papir mellom legekontor og kommune.',
  },
  {
    title: 'Felles foreldreportal for barnehage og skole',
    goals: ['demo-oppvekst'],
    owner: 'oppvekst',
    unit: 'Oppvekstkontoret',
    area: 'oppvekst-laering',
    end: 2028,
    budget: [
      [650_000, 120_000],
      [0, 120_000],
    ],
    status: 'started',
    note: 'Pilot i to barnehager.',
    benefit: 'Én innlogging for foresatte; færre telefoner.',
    indicator: {
      name: 'Foresatte som bruker portalen',
      unit: '%',
      baseline: 0,
      target: 80,
      actual: 25,
      source: 'Portalens statistikk',
    },
  },
  {
    title: 'Digital søknad om barnehageplass og SFO',
    goals: ['demo-oppvekst'],
    owner: 'oppvekst',
    unit: 'Oppvekstkontoret',
    area: 'oppvekst-laering',
    end: 2027,
    budget: [[150_000, 30_000]],
    status: 'done',
    note: 'Tatt i bruk til hovedopptaket.',
    benefit: 'Saksbehandling uten manuell registrering.',
  },
  {
    title: 'Digitale prøver i ungdomsskolen',
    goals: ['demo-oppvekst'],
    owner: 'oppvekst',
    unit: 'Skolene',
    area: 'oppvekst-laering',
    end: 2029,
    budget: [[0, 50_000]],
    status: 'postponed',
    note: 'Utsatt til ny læringsplattform er på plass.',
    benefit: 'Raskere tilbakemelding til elevene.',
  },
  {
    title: 'Søknad om økonomisk sosialhjelp på nett',
    goals: ['demo-velferd'],
    owner: 'advisor',
    unit: 'NAV-kontoret',
    area: 'velferd',
    end: 2027,
    budget: [[0, 40_000]],
    status: 'started',
    benefit: 'Kortere saksbehandlingstid.',
    indicator: { name: 'Søknader sendt digitalt', unit: '%', baseline: 30, target: 85, source: 'KOSTRA' },
  },
  {
    title: 'Veiledning i digitale tjenester på biblioteket',
    goals: ['demo-velferd', 'demo-kultur'],
    owner: 'leader',
    unit: 'Biblioteket',
    area: 'kultur',
    end: 2028,
    budget: [
      [0, 75_000],
      [0, 75_000],
    ],
    status: 'planned',
    benefit: 'Flere kan bruke de digitale tjenestene.',
  },
  {
    title: 'Digital byggesaksbehandling med eByggeSak',
    goals: ['demo-plan'],
    owner: 'advisor',
    unit: 'Plan og bygg',
    area: 'plan-miljo',
    end: 2028,
    budget: [
      [900_000, 150_000],
      [0, 150_000],
    ],
    status: 'planned',
    benefit: 'Kortere behandlingstid for byggesøknader.',
    indicator: { name: 'Behandlingstid byggesak', unit: 'dager', baseline: 45, target: 21, source: 'KOSTRA' },
    changesWork: true,
  },
  {
    title: 'Kartinnsyn for innbyggere og næringsliv',
    goals: ['demo-plan'],
    owner: 'leader',
    unit: 'Geodata',
    area: 'plan-miljo',
    end: 2027,
    budget: [[80_000, 20_000]],
    status: 'stopped',
    note: 'Stanset: regionens felles kartløsning dekker behovet.',
    benefit: 'Færre henvendelser om kartdata.',
  },
  {
    title: 'Feilmelding for vei, vann og avløp i app',
    goals: ['demo-teknisk'],
    owner: 'leader',
    unit: 'Kommunalteknikk',
    area: 'teknisk',
    end: 2027,
    budget: [[250_000, 45_000]],
    status: 'started',
    note: 'Appen er i test hos utvalgte innbyggere.',
    benefit: 'Raskere utbedring; innbyggerne ser hva som skjer.',
  },
  {
    title: 'Booking av kommunale lokaler på nett',
    goals: ['demo-kultur'],
    owner: 'leader',
    unit: 'Kulturkontoret',
    area: 'kultur',
    end: 2027,
    budget: [[120_000, 25_000]],
    status: 'done',
    note: 'Alle grendehus og gymsaler kan bookes og betales på nett.',
    benefit: 'Ingen manuell fakturering av utleie.',
  },
];

/**
 * The demo's first year's plan with its measures and their status notes, in the caller's transaction
 * (demo data is created in one). `people` are the demo members who own measures.
 */
export async function createDemoPlan(
  tx: Tx,
  strategyId: string,
  year: number,
  people: Record<DemoMeasure['owner'], string>,
): Promise<void> {
  const planId = randomUUID();
  await tx.insert(actionPlans).values({ id: planId, strategyId, year, state: 'draft', createdBy: people.leader });
  for (const [position, x] of MEASURES.entries()) {
    const id = randomUUID();
    const fields: MeasureFields = {
      title: x.title,
      description: '',
      goalIds: x.goals,
      ownerId: people[x.owner],
      unitName: x.unit,
      sectionKey: x.area,
      startYear: year,
      endYear: x.end,
      budget: x.budget.map(([investment, operating], i) => ({ year: year + i, investment, operating })),
      expectedBenefit: x.benefit,
      indicators: x.indicator
        ? [
            {
              name: x.indicator.name,
              unit: x.indicator.unit,
              baseline: x.indicator.baseline,
              target: x.indicator.target,
              actual: x.indicator.actual === undefined ? [] : [{ year, value: x.indicator.actual }],
              source: x.indicator.source,
            },
          ]
        : [],
      changesWork: x.changesWork ?? false,
      unionDiscussion: x.changesWork
        ? {
            date: `${year}-01-15`,
            participants: 'Fagforbundet, NSF og Delta',
            summary: 'Drøftet i møte; ingen merknader.',
          }
        : null,
    };
    await tx.insert(measures).values({
      id,
      planId,
      strategyId,
      lineageId: id,
      fields,
      ownerId: fields.ownerId,
      status: x.status,
      position,
    });
    if (x.status !== 'planned')
      await tx.insert(measureStatusNotes).values({
        id: randomUUID(),
        lineageId: id,
        strategyId,
        year,
        status: x.status,
        note: x.note ?? '',
        authorId: people[x.owner],
      });
  }
}
