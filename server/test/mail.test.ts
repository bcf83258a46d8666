import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '@samstrat/shared/comments';
import { mailOutbox } from '../src/db/schema-mail';
import { memberships, users } from '../src/db/schema';
import { startTestServer, type TestServer } from './harness';
import { anchorOf, apiAs } from './comments-support';
import { startLoopbackSmtp, linksIn, type LoopbackSmtp, type ReceivedMail } from './mail-support';
import { call, tokenOf, userIdOf } from './members-support';
import { waitUntil } from './collab-client';
import { POSTGRES_SERVER_URL } from './databases';
import { Mailer } from '../src/mail/outbox';
import { smtpTransport } from '../src/mail/transport';
import { ADVISOR, EDITOR, LEADER, STEERING, strategyLikeDemo, UNION, workflowApi } from './workflow-support';

const OPPVEKST = 'oppvekst@eksempel.no';
const FROM = 'Samstrat <samstrat@eksempel.no>';

let smtp: LoopbackSmtp;
let s: TestServer;
let demoId: string;
let api: ReturnType<typeof apiAs>['api'];

/** A server that mails through the loopback SMTP server, retrying quickly. */
const mailingServer = (extra: Record<string, string> = {}) =>
  startTestServer({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: FROM,
    MAIL_RETRY_BASE_MS: '30',
    MAIL_POLL_MS: '40',
    ...extra,
  });

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  s = await mailingServer();
  demoId = await s.strategyId();
  api = apiAs(s).api;
});

afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

/** The path and query of a link in a mail, checked to point at this server. */
function pathOf(link: string, server: TestServer = s): URL {
  const url = new URL(link);
  expect(url.origin).toBe(server.url);
  return url;
}

/** The one link of a mail that is not the settings link; the same in the text and the HTML part. */
function actionLink(mail: ReceivedMail): string {
  const links = linksIn(mail.text).filter((l) => !l.endsWith('/e-postvarsler'));
  expect(links).toHaveLength(1);
  expect(mail.html).toContain(`href="${links[0]!.replace(/&/g, '&amp;')}"`);
  return links[0]!;
}

const outboxOf = (eventKeyPrefix: string) =>
  s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.kind, eventKeyPrefix));

async function invite(email: string, role: string, headers: Record<string, string> = {}) {
  const res = await call(s, await s.login(LEADER), 'POST', `/strategies/${demoId}/members`, { email, role }, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.invitation as { url: string; emailSent: boolean };
}

describe('the invitation mail', () => {
  it('arrives at the SMTP server with a working link, in the inviter’s language, never naming the role', async () => {
    const invitation = await invite('ny.person@example.org', 'union');
    expect(invitation.emailSent).toBe(true);
    const mail = await smtp.mailTo('ny.person@example.org');
    expect(mail.from).toBe('samstrat@eksempel.no');
    expect(mail.subject).toBe('Invitasjon til «Digitaliseringsstrategi 2027–2030»');
    expect(mail.headers.get('content-language')).toBe('nb');
    expect(mail.text).toContain('har invitert deg til å være med på «Digitaliseringsstrategi 2027–2030»');
    expect(mail.html).toContain('<html lang="nb">');
    // The link is the one the inviter was shown, and it opens the invitation.
    const link = actionLink(mail);
    expect(link).toBe(invitation.url);
    const opened = await call(s, null, 'GET', `/invitations/${tokenOf(pathOf(link).pathname)}`);
    expect(opened.status).toBe(200);
    expect(opened.body.invitation).toMatchObject({ strategy: { title: 'Digitaliseringsstrategi 2027–2030' } });
    // A union role label never goes outside the strategy, in any part of the mail.
    expect(mail.raw).not.toMatch(/tillitsvalgt|tillitsvald|union/i);
    // Once sent, the outbox no longer holds the token.
    await waitUntil(async () => (await outboxOf('invitation')).every((r) => r.status === 'sent'), 'the row sent');
    for (const row of await outboxOf('invitation')) expect(row.secret).toBeNull();
  });

  it('is written in English when the inviter uses Samstrat in English', async () => {
    await invite('new.person@example.org', 'viewer', { 'accept-language': 'en' });
    const mail = await smtp.mailTo('new.person@example.org');
    expect(mail.subject).toBe('Invitation to “Digitaliseringsstrategi 2027–2030”');
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('is retried after the SMTP server refuses it once, and arrives once', async () => {
    smtp.refuseNext(1);
    const refusedBefore = smtp.refused();
    await invite('avvist@example.org', 'viewer');
    const mail = await smtp.mailTo('avvist@example.org');
    expect(smtp.refused()).toBe(refusedBefore + 1);
    expect(mail.subject).toContain('Invitasjon');
    const row = async () =>
      (await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'avvist@example.org')))[0]!;
    await waitUntil(async () => (await row()).status === 'sent', 'the row marked sent');
    expect(await row()).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: expect.stringContaining('Try again later'),
    });
    expect(smtp.received.filter((m) => m.to.includes('avvist@example.org'))).toHaveLength(1);
  });
});

describe('mention and reply mails', () => {
  it('reach the mentioned member in their own language with a link to the thread, and the author of the thread', async () => {
    const oppvekst = await s.login(OPPVEKST);
    const saved = await call(s, oppvekst, 'PUT', '/me/mail', {
      locale: 'nn',
      digest: false,
      kinds: ['mention', 'reply', 'approval'],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, settings: { locale: 'nn', digest: false } });

    const doc = await s.loadDocument(demoId);
    const mention = `@[Kari Oppvekst](${await userIdOf(s, OPPVEKST)})`;
    const created = await api<ThreadView>(UNION, 'POST', `/strategies/${demoId}/comments`, {
      sectionKey: 'visjon',
      anchor: anchorOf(doc, 'visjon', 'innsyn i egne data'),
      quote: 'innsyn i egne data',
      body: `Hva mener dere, ${mention}?`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const threadId = created.body.id;

    const mail = await smtp.mailTo(OPPVEKST);
    expect(mail.headers.get('content-language')).toBe('nn');
    expect(mail.subject).toMatch(/nemnde deg i «Digitaliseringsstrategi 2027–2030»$/);
    expect(mail.text).toContain('i ein kommentar til «');
    // The writer is named as they are named in Samstrat (the demo's name says "tillitsvalgt"); the mail
    // itself adds no role label.
    expect(mail.text).not.toMatch(/union|Tillitsvalgt|tillitsvald/);
    const link = pathOf(actionLink(mail));
    expect(link.pathname).toBe(`/strategier/${demoId}`);
    expect(link.searchParams.get('trad')).toBe(threadId);
    expect(link.hash).toBe('#del-visjon');
    // The link's place exists for the recipient: the strategy and the thread in that section.
    const listed = await call(s, oppvekst, 'GET', `/strategies/${demoId}/comments`);
    expect(listed.status).toBe(200);
    expect(listed.body.threads.find((t: ThreadView) => t.id === threadId)).toMatchObject({ sectionKey: 'visjon' });

    const replied = await api(LEADER, 'POST', `/comments/${threadId}/replies`, { body: 'Vi ser på det.' });
    expect(replied.status).toBe(201);
    const reply = await smtp.mailTo(UNION, (m) => m.subject.includes('svarte'));
    expect(reply.subject).toMatch(/svarte på kommentaren din$/);
    expect(pathOf(actionLink(reply)).searchParams.get('trad')).toBe(threadId);
  });

  it('are not sent for kinds the person turned off', async () => {
    const helse = await s.login(EDITOR);
    expect((await call(s, helse, 'PUT', '/me/mail', { locale: 'nb', digest: false, kinds: [] })).status).toBe(200);
    const doc = await s.loadDocument(demoId);
    const mention = `@[Ola Berg](${await userIdOf(s, EDITOR)})`;
    const created = await api<ThreadView>(LEADER, 'POST', `/strategies/${demoId}/comments`, {
      sectionKey: 'visjon',
      anchor: anchorOf(doc, 'visjon', 'sikker pålogging'),
      quote: 'sikker pålogging',
      body: `Se på dette, ${mention}.`,
    });
    expect(created.status).toBe(201);
    // The notification exists in the inbox; no mail was queued for it.
    const inbox = await call(s, helse, 'GET', '/notifications');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'mention', threadId: created.body.id });
    const rows = await s.deps.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.userId, await userIdOf(s, EDITOR)), eq(mailOutbox.kind, 'mention')));
    expect(rows).toEqual([]);
  });

  it('are not sent to an account whose address no provider vouched for (the .invalid placeholder)', async () => {
    const advisorId = await userIdOf(s, ADVISOR);
    const setEmail = (email: string) =>
      s.deps.db.transaction(async (tx) => {
        await tx.update(users).set({ email }).where(eq(users.id, advisorId));
      });
    await setEmail('plassholder@entra.sso.invalid');
    try {
      const doc = await s.loadDocument(demoId);
      const created = await api<ThreadView>(LEADER, 'POST', `/strategies/${demoId}/comments`, {
        sectionKey: 'visjon',
        anchor: anchorOf(doc, 'visjon', 'sikker pålogging'),
        quote: 'sikker pålogging',
        body: `Til orientering, @[Rådgiver](${advisorId}).`,
      });
      expect(created.status).toBe(201);
      const rows = await s.deps.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.userId, advisorId), eq(mailOutbox.kind, 'mention')));
      expect(rows).toEqual([]);
    } finally {
      await setEmail(ADVISOR);
    }
  });
});

describe('an invitation to someone who has an account', () => {
  it('is written in the language they chose, whoever invites', async () => {
    // Siri chose nynorsk above; she is not a member of this copy of the strategy.
    const id = await strategyLikeDemo(s, demoId);
    const siri = await userIdOf(s, OPPVEKST);
    await s.deps.db.transaction(async (tx) => {
      await tx.delete(memberships).where(and(eq(memberships.strategyId, id), eq(memberships.userId, siri)));
    });
    const res = await call(s, await s.login(LEADER), 'POST', `/strategies/${id}/members`, {
      email: OPPVEKST,
      role: 'editor',
    });
    expect(res.status).toBe(201);
    const mail = await smtp.mailTo(OPPVEKST, (m) => m.subject.startsWith('Invitasjon'));
    expect(mail.headers.get('content-language')).toBe('nn');
    expect(mail.text).toContain('har invitert deg til å vere med på');
    expect(actionLink(mail)).toBe(res.body.invitation.url);
  });
});

describe('suggestion mails', () => {
  it('tell the one responsible for the section of a suggestion, and its author of the decision', async () => {
    const doc = await s.loadDocument(demoId);
    const words = 'gjennom sikker pålogging';
    const created = await api<ThreadView>(UNION, 'POST', `/strategies/${demoId}/comments`, {
      sectionKey: 'visjon',
      anchor: anchorOf(doc, 'visjon', words),
      quote: words,
      body: 'Foreslår en klarere formulering.',
      suggestion: { text: 'med sikker innlogging' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Nobody owns Visjon in the demo: its reviewers are the project leaders.
    const suggestion = await smtp.mailTo(LEADER, (m) => m.text.includes(created.body.id));
    expect(suggestion.subject).toBe('Nytt forslag til «Visjon»');
    expect(suggestion.text).toContain('har foreslått en endring i «Visjon», som du har ansvar for');
    const link = pathOf(actionLink(suggestion));
    expect(link.searchParams.get('trad')).toBe(created.body.id);
    expect(link.hash).toBe('#del-visjon');

    const rejected = await api(LEADER, 'POST', `/comments/${created.body.id}/suggestion/reject`, {
      reason: 'Vi beholder ordlyden.',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const decision = await smtp.mailTo(
      UNION,
      (m) => m.text.includes(created.body.id) && m.subject.includes('behandlet'),
    );
    expect(decision.subject).toBe('Forslaget ditt er behandlet');
    expect(pathOf(actionLink(decision)).searchParams.get('trad')).toBe(created.body.id);
  });
});

describe('workflow mails', () => {
  it('tell the steering group an approval waits for them, and the writers that the text is frozen, then returned', async () => {
    const wf = workflowApi(s);
    const id = await strategyLikeDemo(s, demoId);
    await wf.take(LEADER, id, { action: 'submit', note: 'Klar' });

    const approval = await smtp.mailTo(STEERING, (m) => m.text.includes(id));
    expect(approval.subject).toMatch(/venter på deg$/);
    expect(approval.text).toContain('er til behandling i styringsgruppen og venter på din beslutning');
    const link = pathOf(actionLink(approval));
    expect(link.pathname).toBe(`/strategier/${id}/prosess`);
    // The link's place waits for this person: the pending approvals list it, the workflow offers the action.
    const pending = await call(s, await wf.cookieOf(STEERING), 'GET', '/workflow/pending');
    expect(pending.body.pending.map((p: { strategyId: string }) => p.strategyId)).toContain(id);
    expect((await wf.get(STEERING, id)).actions).toContain('steering_approve');

    // The writers hear that the text is frozen; the leader who froze it does not.
    const frozen = await smtp.mailTo(ADVISOR, (m) => m.text.includes(id) && m.subject.includes('låst'));
    expect(frozen.text).toContain('har låst teksten');
    const leaderId = await userIdOf(s, LEADER);
    const keyRows = await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'frozen'));
    expect(keyRows.filter((r) => r.userId === leaderId)).toEqual([]);

    // Once the steering group has approved, the chief executive is the one waiting.
    const executiveId = await userIdOf(s, 'kommunedirektor@eksempel.no');
    const approvalsTo = async (userId: string) =>
      (await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'approval'))).filter(
        (r) => r.userId === userId && (r.payload as { strategyId?: string }).strategyId === id,
      );
    expect(await approvalsTo(executiveId)).toEqual([]);
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: (await wf.get(STEERING, id)).contentHash });
    const executive = await smtp.mailTo('kommunedirektor@eksempel.no', (m) => m.text.includes(id));
    expect(executive.text).toContain('er til kommunedirektørens godkjenning og venter på din beslutning');
    // The steering member who approved is not told that anything waits for them.
    expect((await approvalsTo(await userIdOf(s, STEERING))).map((r) => r.eventKey)).toEqual([
      `approval:${id}:1:styringsgruppe`,
    ]);
    await wf.take('kommunedirektor@eksempel.no', id, { action: 'executive_return', note: 'Visjonen må skrives om.' });
    const returned = await smtp.mailTo(ADVISOR, (m) => m.text.includes(id) && m.subject.includes('sendt tilbake'));
    expect(returned.text).toContain('Kari Nordmann, kommunedirektør har sendt');
    expect(returned.text).toContain('Begrunnelse: Visjonen må skrives om.');
    // Siri chose above not to get these kinds: nothing was queued for her.
    const siri = await userIdOf(s, OPPVEKST);
    const siriRows = await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.userId, siri));
    expect(siriRows.map((r) => r.kind).filter((k) => k === 'frozen' || k === 'returned')).toEqual([]);
    // One mail per event and recipient: the approval mail went out once to the steering member.
    expect(smtp.received.filter((m) => m.to.includes(STEERING) && m.text.includes(id))).toHaveLength(1);
  });
});

describe('the daily digest', () => {
  it('holds the day’s mails and sends them in one the next day, driven by an explicit clock', async () => {
    const advisor = ADVISOR;
    const cookie = await s.login(advisor);
    expect((await call(s, cookie, 'PUT', '/me/mail', { locale: 'en', digest: true, kinds: ['mention'] })).status).toBe(
      200,
    );
    const doc = await s.loadDocument(demoId);
    const mention = `@[Rådgiver](${await userIdOf(s, advisor)})`;
    const threads: string[] = [];
    for (const words of ['innsyn i egne data', 'sikker pålogging']) {
      const created = await api<ThreadView>(LEADER, 'POST', `/strategies/${demoId}/comments`, {
        sectionKey: 'visjon',
        anchor: anchorOf(doc, 'visjon', words),
        quote: words,
        body: `Hva tenker du, ${mention}?`,
      });
      expect(created.status).toBe(201);
      threads.push(created.body.id);
    }
    const advisorId = await userIdOf(s, advisor);
    const mine = () =>
      s.deps.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.userId, advisorId), eq(mailOutbox.kind, 'mention')));
    expect((await mine()).map((r) => r.status)).toEqual(['held', 'held']);

    // Today is not over: nothing goes out.
    expect(await s.deps.mail.collectDigests(new Date())).toBe(0);
    expect(await s.deps.mail.collectDigests(new Date(Date.now() + 24 * 60 * 60 * 1000))).toBe(1);
    const digest = await smtp.mailTo(advisor, (m) => m.headers.get('content-language') === 'en');
    expect(digest.subject).toMatch(/^What happened in Samstrat on /);
    const links = linksIn(digest.text).filter((l) => !l.endsWith('/e-postvarsler'));
    expect(links.map((l) => pathOf(l).searchParams.get('trad'))).toEqual(threads);
    expect((await mine()).map((r) => r.status)).toEqual(['digested', 'digested']);
    // Collected once: a second run finds nothing more.
    expect(await s.deps.mail.collectDigests(new Date(Date.now() + 24 * 60 * 60 * 1000))).toBe(0);
    expect(smtp.received.filter((m) => m.to.includes(advisor) && m.subject.startsWith('What happened'))).toHaveLength(
      1,
    );
  });
});

describe('the outbox with two workers on one database', () => {
  it('sends every mail exactly once', async () => {
    // PostgreSQL: a second app instance with its own connections (FOR UPDATE SKIP LOCKED decides).
    // SQLite serves one process; there the second worker shares its single writer.
    const second = POSTGRES_SERVER_URL ? await mailingServer({ DATA_DIR: s.dataDir }) : null;
    const otherWorker =
      second?.deps.mail ??
      new Mailer({
        db: s.deps.db,
        log: s.deps.log,
        transport: smtpTransport(s.deps.config),
        origin: () => s.url,
        pollMs: 40,
        retryBaseMs: 30,
        maxAttempts: 8,
        leaseMs: 60_000,
      });
    if (!second) otherWorker.start();
    const workers = [s.deps.mail, otherWorker];
    try {
      const before = smtp.received.length;
      const addresses = Array.from({ length: 30 }, (_, i) => `mottaker-${i}@example.org`);
      // One event with many recipients, committed at once: both workers (polling on their own) and the
      // explicit calls below race for the same rows.
      await s.deps.db.transaction(async (tx) => {
        for (const [i, email] of addresses.entries()) {
          await s.deps.mail.enqueue(tx, {
            kind: 'invitation',
            eventKey: `test-burst:${i}`,
            to: { address: email, locale: 'nb' },
            payload: {
              strategyTitle: 'Digitaliseringsstrategi 2027–2030',
              municipality: 'Eksempel kommune',
              inviterName: 'Ingrid Solberg',
              email,
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            },
            secret: `token-${i}`,
          });
        }
        // The same event again changes nothing: one mail per event and recipient.
        await s.deps.mail.enqueue(tx, {
          kind: 'invitation',
          eventKey: 'test-burst:0',
          to: { address: addresses[0]!, locale: 'en' },
          payload: {
            strategyTitle: 'x',
            municipality: 'x',
            inviterName: 'x',
            email: addresses[0]!,
            expiresAt: new Date().toISOString(),
          },
        });
      });
      await Promise.all(Array.from({ length: 4 }, () => Promise.all(workers.map((w) => w.deliverDue()))));
      await Promise.all(workers.map((w) => w.deliverDue()));
      await waitUntil(
        async () =>
          (await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'invitation'))).every(
            (r) => r.status === 'sent',
          ),
        'every invitation sent',
      );
      const arrived = smtp.received.slice(before);
      for (const email of addresses) expect(arrived.filter((m) => m.to.includes(email))).toHaveLength(1);
      expect(arrived.filter((m) => m.to.some((to) => to.startsWith('mottaker-')))).toHaveLength(addresses.length);
    } finally {
      if (second) await second.close();
      else await otherWorker.stop();
    }
  });
});

describe('a process that dies while sending', () => {
  it('leaves its claimed mail to another process once the lease has run out, and it is sent once', async () => {
    const email = 'etter-krasj@example.org';
    const id = 'mail-of-a-dead-process';
    await s.deps.db.transaction(async (tx) => {
      await tx.insert(mailOutbox).values({
        id,
        eventKey: 'test-crash:1',
        recipient: email,
        toAddress: email,
        kind: 'invitation',
        locale: 'nn',
        payload: {
          strategyTitle: 'Digitaliseringsstrategi 2027–2030',
          municipality: 'Eksempel kommune',
          inviterName: 'Ingrid Solberg',
          email,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        secret: 'token-etter-krasj',
        // Claimed by a process that never came back; its lease ended a second ago.
        status: 'sending',
        attempts: 1,
        claimToken: 'claim-of-the-dead-process',
        claimedUntil: new Date(Date.now() - 1000),
      });
    });
    const mail = await smtp.mailTo(email);
    expect(mail.subject).toBe('Invitasjon til «Digitaliseringsstrategi 2027–2030»');
    expect(mail.headers.get('content-language')).toBe('nn');
    await waitUntil(
      async () => (await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]?.status === 'sent',
      'the mail marked sent',
    );
    const [row] = await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
    expect(row).toMatchObject({ attempts: 2, secret: null, claimToken: null });
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('does not hand out a mail whose lease still runs', async () => {
    const email = 'fortsatt-i-arbeid@example.org';
    await s.deps.db.transaction(async (tx) => {
      await tx.insert(mailOutbox).values({
        id: 'mail-being-sent',
        eventKey: 'test-busy:1',
        recipient: email,
        toAddress: email,
        kind: 'invitation',
        locale: 'nb',
        payload: {},
        status: 'sending',
        attempts: 1,
        claimToken: 'claim-of-a-live-process',
        claimedUntil: new Date(Date.now() + 60_000),
      });
    });
    await s.deps.mail.deliverDue();
    const [row] = await s.deps.db.select().from(mailOutbox).where(eq(mailOutbox.id, 'mail-being-sent'));
    expect(row).toMatchObject({ status: 'sending', claimToken: 'claim-of-a-live-process' });
    // Given back so the worker does not send an empty payload later in this file.
    await s.deps.db.transaction(async (tx) => {
      await tx.delete(mailOutbox).where(eq(mailOutbox.id, 'mail-being-sent'));
    });
  });
});

describe('SMTP sign-in', () => {
  it('signs in with a password from SMTP_URL, and with XOAUTH2', async () => {
    const withPassword = await mailingServer({ SMTP_URL: `smtp://samstrat:secret@127.0.0.1:${smtp.port}` });
    try {
      const cookie = await withPassword.login(LEADER);
      const strategy = await withPassword.strategyId();
      await call(withPassword, cookie, 'POST', `/strategies/${strategy}/members`, {
        email: 'passord@example.org',
        role: 'viewer',
      });
      await smtp.mailTo('passord@example.org');
      expect(smtp.logins).toContain('PLAIN samstrat');
    } finally {
      await withPassword.close();
    }
    const withOAuth = await mailingServer({
      SMTP_URL: '',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER: 'samstrat@eksempel.no',
      SMTP_OAUTH2_ACCESS_TOKEN: 'token-ok',
    });
    try {
      const cookie = await withOAuth.login(LEADER);
      const strategy = await withOAuth.strategyId();
      await call(withOAuth, cookie, 'POST', `/strategies/${strategy}/members`, {
        email: 'oauth@example.org',
        role: 'viewer',
      });
      await smtp.mailTo('oauth@example.org');
      expect(smtp.logins).toContain('XOAUTH2 samstrat@eksempel.no token-ok');
    } finally {
      await withOAuth.close();
    }
  });
});

describe('without SMTP', () => {
  it('queues nothing, and the invitation link is answered for copying', async () => {
    const plain = await startTestServer();
    try {
      expect(plain.deps.mail.enabled).toBe(false);
      const cookie = await plain.login(LEADER);
      const strategy = await plain.strategyId();
      const res = await call(plain, cookie, 'POST', `/strategies/${strategy}/members`, {
        email: 'kopier@example.org',
        role: 'viewer',
      });
      expect(res.status).toBe(201);
      expect(res.body.invitation).toMatchObject({ emailSent: false, url: expect.stringContaining('/invitasjon/') });
      expect(await plain.deps.db.select().from(mailOutbox)).toEqual([]);
      expect((await call(plain, cookie, 'GET', '/me/mail')).body).toMatchObject({ enabled: false });
    } finally {
      await plain.close();
    }
  });
});
