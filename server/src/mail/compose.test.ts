import { describe, expect, it } from 'vitest';
import { LOCALES } from '@samstrat/shared/errors';
import { MAIL_KINDS, type MailKind } from '@samstrat/shared/mail';
import { composeMail } from './compose';
import type { MailPayloads } from './kinds';

const comment = {
  strategyId: 's-1',
  strategyTitle: 'Strategi',
  threadId: 't-1',
  sectionKey: 'visjon',
  sectionTitle: 'Visjon',
  actorName: 'Ola',
};
const workflow = { strategyId: 's-1', strategyTitle: 'Strategi', actorName: 'Ola', reason: 'Fordi' };
const PAYLOADS: { [K in MailKind]: MailPayloads[K] } = {
  invitation: {
    strategyTitle: 'Strategi',
    municipality: 'Kommune',
    inviterName: 'Ola',
    email: 'a@b.no',
    expiresAt: '2027-01-01T00:00:00Z',
  },
  mention: comment,
  reply: comment,
  suggestion: comment,
  decision: comment,
  approval: { strategyId: 's-1', strategyTitle: 'Strategi', stage: 'styringsgruppe' },
  frozen: workflow,
  returned: workflow,
  digest: { day: '2026-12-01', items: [{ kind: 'mention', payload: { ...comment } }] },
  password_reset: {},
  passwords_off: {},
  status_round: {
    strategyId: 's-1',
    strategyTitle: 'Strategi',
    year: 2027,
    actorName: 'Ola',
    dueDate: '2027-03-01',
    count: 2,
    message: 'Før tertialrapporten',
  },
  status_reminder: {
    strategyId: 's-1',
    strategyTitle: 'Strategi',
    year: 2027,
    actorName: 'Ola',
    dueDate: '2027-03-01',
    count: 1,
    message: '',
  },
};

describe('composed mails', () => {
  it('never name a role, in any kind and language (a union label must not leave the strategy)', () => {
    for (const kind of MAIL_KINDS) {
      for (const locale of LOCALES) {
        const mail = composeMail(kind, PAYLOADS[kind] as never, locale, 'token', 'https://samstrat.example');
        const all = `${mail.subject}\n${mail.text}\n${mail.html}`;
        expect(all, `${kind} ${locale}`).not.toMatch(/tillitsvalgt|tillitsvald|union|prosjektleder|styringsgruppe\b/i);
        expect(mail.html, `${kind} ${locale}`).toContain(`<html lang="${locale}">`);
        expect(mail.text.length, `${kind} ${locale}`).toBeGreaterThan(40);
      }
    }
  });

  it('escape names and titles in the HTML part and keep them as written in the text part', () => {
    const hostile = { ...comment, actorName: '<img src=x onerror=alert(1)>', strategyTitle: 'A & B "quoted"' };
    const mail = composeMail('mention', hostile, 'nb', null, 'https://samstrat.example');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('A &amp; B &quot;quoted&quot;');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> nevnte deg i en kommentar til «Visjon».');
    expect(mail.text).toContain('https://samstrat.example/strategier/s-1?trad=t-1#del-visjon');
    expect(mail.html).toContain('href="https://samstrat.example/strategier/s-1?trad=t-1#del-visjon"');
  });
});
