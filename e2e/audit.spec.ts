import { expect, test, type APIRequestContext } from './fixtures';
import { expectAccessible, login, openStrategy, screenshot, selectText } from './helpers';

// Two browsers, a dozen changes over the API and an axe scan: more than the default minute.
test.describe.configure({ timeout: 180_000 });

// Words of a section no other spec comments on: a comment's highlight splits the text others select.
const WORDS = 'Følgende prinsipper skal ligge til grunn';
const SECTION = { key: 'prinsipper', name: '2 Overordnede prinsipper' };

interface Thread {
  id: string;
  quote: string;
  anchor: { start: string; end: string };
  author: { name: string };
  comments: { id: string }[];
}

async function json<T>(response: Promise<{ status(): number; text(): Promise<string> }>, status = 200): Promise<T> {
  const res = await response;
  const body = await res.text();
  expect(res.status(), body).toBe(status);
  return JSON.parse(body) as T;
}

/** A leader's changes over the API that leave the text as it was, each written to the audit log. */
async function leaveATrail(api: APIRequestContext, strategyId: string, commentId: string, thread: Thread) {
  const base = `/api/strategies/${strategyId}`;
  await json(api.patch(`/api/comments/${commentId}`, { data: { hidden: true } }));
  await json(api.patch(`/api/comments/${commentId}`, { data: { hidden: false } }));
  // Suggestions of the very words they replace, so the text stays the same for the tests after.
  const suggest = (anchor: Thread['anchor']) =>
    json<Thread>(
      api.post(`${base}/comments`, {
        data: {
          sectionKey: SECTION.key,
          anchor,
          quote: thread.quote,
          body: 'Forslag',
          suggestion: { text: thread.quote },
        },
      }),
      201,
    );
  const first = await suggest(thread.anchor);
  // Accepting writes the words anew; the thread's anchor moves to them.
  const accepted = await json<Thread>(api.post(`/api/comments/${first.comments[0]!.id}/suggestion/accept`));
  const second = await suggest(accepted.anchor);
  await json(api.post(`/api/comments/${second.comments[0]!.id}/suggestion/reject`, { data: { reason: 'Nei' } }));
  const version = await json<{ id: string }>(api.post(`${base}/versions`, { data: { name: 'Før loggen' } }), 201);
  await json(api.post(`${base}/versions/${version.id}/restore`, { data: { sectionKey: SECTION.key } }));
  expect((await api.get(`${base}/export?format=md`)).status()).toBe(200);
  const benefits = await json<{ input: unknown; statusScore: unknown }>(api.get(`${base}/benefits`));
  await json(api.put(`${base}/benefits`, { data: { input: benefits.input, statusScore: benefits.statusScore } }));
  const workflow = await json<{ settings: unknown }>(api.get(`${base}/workflow`));
  await json(api.post(`${base}/workflow`, { data: { action: 'update_settings', ...(workflow.settings as object) } }));
}

test('the audit log names every kind of event in words, never as a code', async ({ browser }) => {
  const commenterContext = await browser.newContext();
  const leaderContext = await browser.newContext();
  const commenter = await commenterContext.newPage();
  const leader = await leaderContext.newPage();

  // A steering group member comments on words of the principles, through the page (the comment
  // spec counts the union representative's threads, so this one is someone else's).
  await login(commenter, 'styring@eksempel.no');
  await openStrategy(commenter);
  await selectText(commenter, '2', 'Overordnede prinsipper', WORDS);
  await commenter.getByRole('button', { name: 'Kommenter', exact: true }).click();
  const panel = commenter.locator('#kommentarpanel');
  await panel.getByLabel('Kommentar', { exact: true }).fill('Til loggen');
  await panel.getByRole('button', { name: 'Legg inn kommentar' }).click();
  await expect(panel.getByRole('article', { name: /Per Haugen/ }).first()).toBeVisible();

  // The leader hides and shows it, decides suggestions, restores, exports, saves figures and settings.
  await login(leader, 'leder@eksempel.no');
  await openStrategy(leader);
  const strategyId = /strategier\/([^/?#]+)/.exec(leader.url())![1]!;
  const { threads } = await json<{ threads: Thread[] }>(leader.request.get(`/api/strategies/${strategyId}/comments`));
  const thread = threads.find((t) => t.quote === WORDS && /Per Haugen/.test(t.author.name))!;
  await leaveATrail(leader.request, strategyId, thread.comments[0]!.id, thread);

  await leader.goto(`/strategier/${strategyId}/logg`);
  await expect(leader.getByRole('heading', { level: 1, name: 'Logg over hendelser' })).toBeVisible();
  const events = leader.getByRole('table').getByRole('row');
  for (const sentence of [
    new RegExp(`^Skjulte en kommentar fra Per Haugen.* i ${SECTION.name}$`),
    new RegExp(`^Viste en skjult kommentar fra Per Haugen.* i ${SECTION.name} igjen$`),
    new RegExp(`^Godtok tekstforslaget fra .+ i ${SECTION.name}$`),
    new RegExp(`^Avviste tekstforslaget fra .+ i ${SECTION.name}$`),
    'Lagret versjonen «Før loggen»',
    new RegExp(`^Hentet tilbake teksten i ${SECTION.name} fra versjon \\d+$`),
    'Eksporterte strategien (MD)',
    'Lagret tallene i gevinstberegningen',
    'Prosessen: Endre prosessinnstillinger',
  ]) {
    await expect(events.getByRole('cell', { name: sentence }).first()).toBeVisible();
  }
  // No event is shown by its code (e.g. "suggestion.accepted" or "workflow.update_settings").
  const cells = await events.getByRole('cell').allTextContents();
  expect(cells.filter((cell) => /^[a-z_]+\.[a-z_]+$/.test(cell.trim()))).toEqual([]);
  await expectAccessible(leader);
  await screenshot(leader, 'audit-every-event');

  await commenterContext.close();
  await leaderContext.close();
});
