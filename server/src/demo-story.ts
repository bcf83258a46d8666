import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { anchorFromRange, findTextRange, quoteInContext } from '@samstrat/shared/anchors';
import { initialSectionContent } from '@samstrat/shared/initial-content';
import type { BaseDeps } from './context';
import type { Tx } from './db/client';
import { memberships, strategies } from './db/schema';
import { comments, commentThreads } from './db/schema-comments';
import {
  politicalDecisions,
  publications,
  strategyWorkflows,
  workflowHistory,
  workflowMandates,
} from './db/schema-workflow';
import { DocumentStore } from './collab/persistence';
import { createStrategyFromTemplate, sectionFragmentName } from './strategies/create';
import { createVersionIn, type VersionStoreDeps } from './versions/versions';
import { demoSectionContent } from './plans/demo';

// What makes the demo look like a strategy at work rather than an empty template: text already
// written in several sections, a discussion going on in the margin, a named version, and the
// adopted strategy of the previous period with its public page (so "next period" can be tried).
// The words are in the source material's style: short goals that say what the inhabitant or the
// employee gets. Sections the E2E specs write in (3 Visjon, 5.1, 5.2, 2's first sentence) keep
// their text, and no demo thread sits in them: a comment's highlight splits the text specs select.

const paragraph = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const goal = (kind: 'mainGoal' | 'subGoal', goalId: string, text: string): JSONContent => ({
  type: kind,
  attrs: { goalId },
  content: [{ type: 'text', text }],
});

/** What the demo adds to a section of the current strategy (after its goals), by section key. */
const CURRENT_ADDITIONS: Readonly<Record<string, readonly JSONContent[]>> = {
  innledning: [
    paragraph(
      'Digitaliseringsstrategien skal gi retning for hvordan Eksempel kommune bruker digitale verktøy til å gi ' +
        'innbyggere og næringsliv bedre tjenester og til å organisere egen virksomhet mer effektivt.',
    ),
    paragraph(
      'Strategien bygger på den nasjonale digitaliseringsstrategien og kommuneplanens samfunnsdel, og den ' +
        'følges opp gjennom årlige handlingsplaner som knyttes til budsjettet.',
    ),
  ],
  velferd: [
    goal('subGoal', 'demo-velferd-status', 'Søkere kan se status i saken sin uten å ringe.'),
    paragraph('NAV-kontoret og tildelingskontoret tar i bruk felles digitale søknadsskjema innen 2028.'),
  ],
  'plan-miljo': [
    goal('subGoal', 'demo-plan-kart', 'Plankart og reguleringsbestemmelser er tilgjengelige i kartløsningen.'),
  ],
  kultur: [
    paragraph(
      'Bibliotek, kulturskole og idrettshaller skal ha felles løsning for booking og betaling, slik at ' +
        'innbyggere og lag finner ledige lokaler på ett sted.',
    ),
  ],
};

/** The current strategy's first text of a section: the demo's goals, the template's text, and the additions above. */
export function currentSectionContent(key: string): JSONContent {
  const content = demoSectionContent(key);
  const additions = CURRENT_ADDITIONS[key];
  if (!additions) return content;
  // An area's template text is one empty paragraph: the additions take its place.
  const kept = (content.content ?? []).filter((node) => node.type !== 'paragraph' || node.content?.length);
  return { ...content, content: [...kept, ...additions] };
}

/** The adopted text of 2023–2026: one hovedmål per service area and a few words, by section key. */
const PREVIOUS_TEXT: Readonly<Record<string, readonly JSONContent[]>> = {
  innledning: [
    paragraph(
      'Digitaliseringsstrategien for 2023–2026 beskriver hvordan Eksempel kommune skal ta i bruk digitale ' +
        'løsninger i tjenestene og i egen organisasjon. Den ble vedtatt av kommunestyret i desember 2022.',
    ),
  ],
  kommuneportal: [
    goal(
      'mainGoal',
      'demo-2023-portal',
      'Kommunens internettportal skal være i samsvar med nasjonale krav til tilgjengelighet og gi tilgang til ' +
        'elektroniske tjenester.',
    ),
  ],
  'helse-omsorg': [
    goal('mainGoal', 'demo-2023-helse', 'Velferdsteknologi tas i bruk i hjemmetjenesten.'),
    goal('subGoal', 'demo-2023-helse-alarm', 'Alle trygghetsalarmer er digitale innen 2025.'),
  ],
  'oppvekst-laering': [
    goal('mainGoal', 'demo-2023-oppvekst', 'Alle elever har tilgang til en digital enhet i skolen.'),
  ],
  velferd: [goal('mainGoal', 'demo-2023-velferd', 'Søknad om økonomisk sosialhjelp kan sendes digitalt.')],
  'plan-miljo': [goal('mainGoal', 'demo-2023-plan', 'Byggesøknader kan sendes inn elektronisk.')],
  teknisk: [goal('mainGoal', 'demo-2023-teknisk', 'Innbyggere kan melde feil på kommunal vei digitalt.')],
  kultur: [goal('mainGoal', 'demo-2023-kultur', 'Kulturskolen har digital påmelding og venteliste.')],
};

function previousSectionContent(key: string): JSONContent {
  const text = PREVIOUS_TEXT[key];
  return text ? { type: 'doc', content: [...text] } : initialSectionContent(key);
}

export const PREVIOUS_STRATEGY_TITLE = 'Digitaliseringsstrategi 2023–2026';
/** Fixed, so the README can link the demo's public page. */
export const PREVIOUS_STRATEGY_SLUG = 'digitaliseringsstrategi-2023-2026-eksempel-kommune';

/** The demo's people by role, as the demo created them. */
export interface DemoPeople {
  executive: string;
  steering: string;
  leader: string;
  union: string;
  advisor: string;
  /** Every demo account with its role, for the memberships of the previous strategy. */
  all: readonly { userId: string; role: string }[];
}

interface DemoThread {
  sectionKey: string;
  quote: string;
  author: keyof Omit<DemoPeople, 'all'>;
  body: string;
  replies?: { author: keyof Omit<DemoPeople, 'all'>; body: string }[];
  suggestion?: string;
}

const THREADS: readonly DemoThread[] = [
  {
    sectionKey: 'innledning',
    quote: 'årlige handlingsplaner',
    author: 'steering',
    body: 'Bør vi si hvem som vedtar handlingsplanene? Styringsgruppen eller formannskapet?',
    replies: [{ author: 'leader', body: 'Godt spørsmål. Jeg tar det opp på neste møte i styringsgruppen.' }],
  },
  {
    sectionKey: 'velferd',
    quote: 'innen 2028',
    author: 'executive',
    body: 'Er 2028 realistisk når NAV bytter fagsystem i 2027?',
  },
  {
    sectionKey: 'kultur',
    quote: 'felles løsning for booking og betaling',
    author: 'advisor',
    body: 'Forslag: si at løsningen også skal være åpen for frivillige lag.',
    suggestion: 'felles løsning for booking og betaling, også for frivillige lag',
  },
];

/**
 * Writes the demo's open comment threads (one with a reply, one with a suggestion) on the current
 * strategy, anchored in its stored text as the comment routes anchor them. Rows only: the demo
 * sends nobody a notification.
 */
async function demoThreads(deps: VersionStoreDeps, tx: Tx, strategyId: string, people: DemoPeople): Promise<void> {
  const doc = DocumentStore.build(await deps.rooms.store.readIn(tx, strategyId));
  try {
    for (const thread of THREADS) {
      const fragment = doc.getXmlFragment(sectionFragmentName(thread.sectionKey));
      const range = findTextRange(fragment, thread.quote);
      const anchor = range && anchorFromRange(fragment, range.from, range.to);
      const covered = anchor && quoteInContext(doc, fragment, anchor);
      // The words are the demo's own; missing them is a mistake in this file.
      if (!anchor || !covered) throw new Error(`demo thread: "${thread.quote}" not in ${thread.sectionKey}`);
      const id = randomUUID();
      await tx.insert(commentThreads).values({
        id,
        strategyId,
        sectionKey: thread.sectionKey,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
        quote: covered.quote,
        quoteContext: covered.context,
        authorId: people[thread.author],
        suggestionText: thread.suggestion ?? null,
        suggestionStatus: thread.suggestion ? 'open' : null,
      });
      await tx.insert(comments).values({ id, threadId: id, authorId: people[thread.author], body: thread.body });
      for (const reply of thread.replies ?? []) {
        await tx
          .insert(comments)
          .values({ id: randomUUID(), threadId: id, authorId: people[reply.author], body: reply.body });
      }
    }
  } finally {
    doc.destroy();
  }
}

/**
 * The living part of the demo, in the bootstrap transaction: the current strategy's open threads and
 * a named version, and the previous period's strategy, adopted by the council and published.
 */
export async function createDemoStory(
  base: BaseDeps,
  tx: Tx,
  current: { strategyId: string; organizationId: string; municipality: string },
  people: DemoPeople,
): Promise<void> {
  // The document store over the bootstrap's database: no rooms are open before the server listens.
  const deps: VersionStoreDeps = { log: base.log, rooms: { store: new DocumentStore(base.db) } };
  await demoThreads(deps, tx, current.strategyId, people);
  await createVersionIn(deps, tx, current.strategyId, {
    kind: 'named',
    name: 'Første utkast til styringsgruppen',
    actorId: people.leader,
  });
  await createPreviousStrategy(deps, tx, current, people);
}

/**
 * The strategy of 2023–2026 as the workflow leaves an adopted one: its mandate, the candidate version
 * the council adopted (frozen), the council's decision, the timeline, and the publication at a
 * fixed slug. Every demo account is a member with the same role as in the current strategy.
 */
async function createPreviousStrategy(
  deps: VersionStoreDeps,
  tx: Tx,
  current: { organizationId: string; municipality: string },
  people: DemoPeople,
): Promise<void> {
  const strategyId = await createStrategyFromTemplate(
    tx,
    {
      organizationId: current.organizationId,
      title: PREVIOUS_STRATEGY_TITLE,
      municipality: current.municipality,
      periodStart: 2023,
      periodEnd: 2026,
    },
    previousSectionContent,
  );
  for (const { userId, role } of people.all) await tx.insert(memberships).values({ strategyId, userId, role });
  await tx.update(strategies).set({ stage: 'politisk' }).where(eq(strategies.id, strategyId));
  const version = await createVersionIn(deps, tx, strategyId, { kind: 'gate', actorId: people.executive });
  await tx.update(strategies).set({ stage: 'vedtatt' }).where(eq(strategies.id, strategyId));
  await tx.insert(strategyWorkflows).values({
    strategyId,
    frozen: true,
    round: 1,
    candidateVersionId: version.id,
    candidateHash: version.contentHash,
  });
  await tx.insert(workflowMandates).values({
    strategyId,
    periodStart: 2023,
    periodEnd: 2026,
    deadline: '2022-11-30',
    projectLeaderId: people.leader,
    givenBy: people.executive,
  });
  await tx.insert(politicalDecisions).values({
    id: randomUUID(),
    strategyId,
    round: 1,
    council: 'Kommunestyret',
    saksnummer: '2022/184',
    meetingDate: '2022-12-15',
    decision: 'adopted',
    recordedBy: people.leader,
  });
  const history = [
    { fromStage: 'oppstart', toStage: 'utkast', action: 'give_mandate', actorId: people.executive },
    { fromStage: 'godkjenning', toStage: 'politisk', action: 'executive_approve', actorId: people.executive },
    { fromStage: 'politisk', toStage: 'vedtatt', action: 'record_decision', actorId: people.leader },
  ];
  for (const entry of history) {
    await tx.insert(workflowHistory).values({
      strategyId,
      ...entry,
      versionId: entry.action === 'give_mandate' ? null : version.id,
      contentHash: entry.action === 'give_mandate' ? null : version.contentHash,
    });
  }
  await tx.insert(publications).values({
    slug: PREVIOUS_STRATEGY_SLUG,
    strategyId,
    versionId: version.id,
    contentHash: version.contentHash,
    publishedBy: people.executive,
  });
}
