import type { Locale } from '@samstrat/shared/errors';

/**
 * What the mails say, per language. Names and titles are filled in by the caller (kinds.ts) and
 * escaped there for HTML. No text names anyone's role: a mail may reach someone outside the
 * strategy (an invitation, a forwarded message), and a union role label must never go there.
 */
export interface MailTexts {
  invitation: {
    subject: (v: { title: string }) => string;
    body: (v: { inviter: string; title: string; municipality: string }) => string;
    expiry: (v: { date: string }) => string;
    action: string;
    footer: (v: { inviter: string; email: string }) => string;
  };
  mention: CommentTexts;
  reply: CommentTexts;
  suggestion: CommentTexts;
  decision: CommentTexts;
  approval: {
    subject: (v: { title: string }) => string;
    body: (v: { title: string; gate: string }) => string;
    /** The gate's name; the executive's by placeholder ({executiveGenitive}, shared/executive-title). */
    gates: Record<'styringsgruppe' | 'godkjenning' | 'politisk', string>;
    action: string;
  };
  frozen: WorkflowTexts;
  returned: WorkflowTexts & { reason: (v: { reason: string }) => string };
  digest: { subject: (v: { date: string }) => string; body: string; action: string };
  password_reset: { subject: string; body: string; expiry: string; action: string; footer: string };
  passwords_off: { subject: string; body: string; action: string; footer: string };
  status_round: StatusRoundTexts;
  status_reminder: StatusRoundTexts;
  /** Under every mail to a member: why they get it and where to choose. */
  footer: string;
  settings: string;
}

interface CommentTexts {
  subject: (v: { actor: string; title: string; section: string }) => string;
  body: (v: { actor: string; title: string; section: string }) => string;
  action: string;
}

interface StatusRoundTexts {
  subject: (v: { title: string; year: string }) => string;
  body: (v: { actor: string; title: string; year: string; date: string; count: string }) => string;
  message: (v: { message: string }) => string;
  action: string;
}

interface WorkflowTexts {
  subject: (v: { title: string }) => string;
  body: (v: { actor: string; title: string }) => string;
  action: string;
}

export const MAIL_TEXTS: Record<Locale, MailTexts> = {
  nb: {
    invitation: {
      subject: ({ title }) => `Invitasjon til «${title}»`,
      body: ({ inviter, title, municipality }) =>
        `${inviter} har invitert deg til å være med på «${title}» (${municipality}) i Samstrat.`,
      expiry: ({ date }) => `Lenken gjelder til ${date} og kan brukes én gang.`,
      action: 'Åpne invitasjonen',
      footer: ({ inviter, email }) =>
        `Du får denne e-posten fordi ${inviter} inviterte ${email}. Har du ikke ventet den, kan du se bort fra den.`,
    },
    mention: {
      subject: ({ actor, title }) => `${actor} nevnte deg i «${title}»`,
      body: ({ actor, section }) => `${actor} nevnte deg i en kommentar til «${section}».`,
      action: 'Vis kommentaren',
    },
    reply: {
      subject: ({ actor }) => `${actor} svarte på kommentaren din`,
      body: ({ actor, section, title }) => `${actor} svarte i tråden din om «${section}» i «${title}».`,
      action: 'Vis svaret',
    },
    suggestion: {
      subject: ({ section }) => `Nytt forslag til «${section}»`,
      body: ({ actor, section, title }) =>
        `${actor} har foreslått en endring i «${section}», som du har ansvar for, i «${title}».`,
      action: 'Vis forslaget',
    },
    decision: {
      subject: () => 'Forslaget ditt er behandlet',
      body: ({ actor, section, title }) => `${actor} har behandlet forslaget ditt til «${section}» i «${title}».`,
      action: 'Vis forslaget',
    },
    approval: {
      subject: ({ title }) => `«${title}» venter på deg`,
      body: ({ title, gate }) => `«${title}» er til ${gate} og venter på din beslutning.`,
      gates: {
        styringsgruppe: 'behandling i styringsgruppen',
        godkjenning: '{executiveGenitive} godkjenning',
        politisk: 'politisk behandling',
      },
      action: 'Gå til prosessen',
    },
    frozen: {
      subject: ({ title }) => `Teksten i «${title}» er låst`,
      body: ({ actor, title }) =>
        `${actor} har låst teksten i «${title}» for behandling. Den kan ikke redigeres før den eventuelt sendes tilbake.`,
      action: 'Se prosessen',
    },
    returned: {
      subject: ({ title }) => `«${title}» er sendt tilbake`,
      body: ({ actor, title }) => `${actor} har sendt «${title}» tilbake til utkast.`,
      reason: ({ reason }) => `Begrunnelse: ${reason}`,
      action: 'Se begrunnelsen',
    },
    digest: {
      subject: ({ date }) => `Dette skjedde i Samstrat ${date}`,
      body: 'Her er det som skjedde i strategiene dine:',
      action: 'Åpne',
    },
    status_round: {
      subject: ({ year }) => `Statusrunde: handlingsplan ${year}`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} ber om status på tiltakene dine (${count}) i handlingsplanen for ${year} i «${title}» innen ${date}. Du svarer fra innboksen din, ett tiltak om gangen.`,
      message: ({ message }) => `Beskjed: ${message}`,
      action: 'Svar i innboksen',
    },
    status_reminder: {
      subject: ({ year }) => `Påminnelse: status for handlingsplan ${year}`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} minner om at status mangler for tiltakene dine (${count}) i handlingsplanen for ${year} i «${title}». Fristen er ${date}.`,
      message: ({ message }) => `Beskjed: ${message}`,
      action: 'Svar i innboksen',
    },
    password_reset: {
      subject: 'Nytt passord til Samstrat',
      body: 'Noen, forhåpentligvis du, har bedt om å få velge nytt passord til kontoen din i Samstrat.',
      expiry: 'Lenken gjelder i én time og kan brukes én gang.',
      action: 'Velg nytt passord',
      footer: 'Har du ikke bedt om dette, kan du se bort fra e-posten. Passordet ditt er ikke endret.',
    },
    passwords_off: {
      subject: 'Logg inn med kommunens pålogging',
      body: 'Noen, forhåpentligvis du, har bedt om nytt passord til Samstrat. Kommunen din har slått av innlogging med passord, så du logger inn med kommunens pålogging i stedet.',
      action: 'Gå til innloggingen',
      footer: 'Har du ikke bedt om dette, kan du se bort fra e-posten. Ingenting er endret.',
    },
    footer: 'Du får denne e-posten fordi du er med i en strategi i Samstrat.',
    settings: 'Velg hvilke e-poster du får',
  },
  nn: {
    invitation: {
      subject: ({ title }) => `Invitasjon til «${title}»`,
      body: ({ inviter, title, municipality }) =>
        `${inviter} har invitert deg til å vere med på «${title}» (${municipality}) i Samstrat.`,
      expiry: ({ date }) => `Lenkja gjeld til ${date} og kan brukast éin gong.`,
      action: 'Opne invitasjonen',
      footer: ({ inviter, email }) =>
        `Du får denne e-posten fordi ${inviter} inviterte ${email}. Har du ikkje venta han, kan du sjå bort frå han.`,
    },
    mention: {
      subject: ({ actor, title }) => `${actor} nemnde deg i «${title}»`,
      body: ({ actor, section }) => `${actor} nemnde deg i ein kommentar til «${section}».`,
      action: 'Vis kommentaren',
    },
    reply: {
      subject: ({ actor }) => `${actor} svarte på kommentaren din`,
      body: ({ actor, section, title }) => `${actor} svarte i tråden din om «${section}» i «${title}».`,
      action: 'Vis svaret',
    },
    suggestion: {
      subject: ({ section }) => `Nytt forslag til «${section}»`,
      body: ({ actor, section, title }) =>
        `${actor} har føreslått ei endring i «${section}», som du har ansvar for, i «${title}».`,
      action: 'Vis forslaget',
    },
    decision: {
      subject: () => 'Forslaget ditt er handsama',
      body: ({ actor, section, title }) => `${actor} har handsama forslaget ditt til «${section}» i «${title}».`,
      action: 'Vis forslaget',
    },
    approval: {
      subject: ({ title }) => `«${title}» ventar på deg`,
      body: ({ title, gate }) => `«${title}» er til ${gate} og ventar på avgjerda di.`,
      gates: {
        styringsgruppe: 'handsaming i styringsgruppa',
        godkjenning: 'godkjenning hos {executiveDefinite}',
        politisk: 'politisk handsaming',
      },
      action: 'Gå til prosessen',
    },
    frozen: {
      subject: ({ title }) => `Teksten i «${title}» er låst`,
      body: ({ actor, title }) =>
        `${actor} har låst teksten i «${title}» for handsaming. Han kan ikkje redigerast før han eventuelt blir send tilbake.`,
      action: 'Sjå prosessen',
    },
    returned: {
      subject: ({ title }) => `«${title}» er send tilbake`,
      body: ({ actor, title }) => `${actor} har sendt «${title}» tilbake til utkast.`,
      reason: ({ reason }) => `Grunngiving: ${reason}`,
      action: 'Sjå grunngivinga',
    },
    digest: {
      subject: ({ date }) => `Dette skjedde i Samstrat ${date}`,
      body: 'Her er det som skjedde i strategiane dine:',
      action: 'Opne',
    },
    status_round: {
      subject: ({ year }) => `Statusrunde: handlingsplan ${year}`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} ber om status på tiltaka dine (${count}) i handlingsplanen for ${year} i «${title}» innan ${date}. Du svarar frå innboksen din, eitt tiltak om gongen.`,
      message: ({ message }) => `Beskjed: ${message}`,
      action: 'Svar i innboksen',
    },
    status_reminder: {
      subject: ({ year }) => `Påminning: status for handlingsplan ${year}`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} minner om at status manglar for tiltaka dine (${count}) i handlingsplanen for ${year} i «${title}». Fristen er ${date}.`,
      message: ({ message }) => `Beskjed: ${message}`,
      action: 'Svar i innboksen',
    },
    password_reset: {
      subject: 'Nytt passord til Samstrat',
      body: 'Nokon, forhåpentleg du, har bede om å få velje nytt passord til kontoen din i Samstrat.',
      expiry: 'Lenkja gjeld i éin time og kan brukast éin gong.',
      action: 'Vel nytt passord',
      footer: 'Har du ikkje bede om dette, kan du sjå bort frå e-posten. Passordet ditt er ikkje endra.',
    },
    passwords_off: {
      subject: 'Logg inn med påloggingen til kommunen',
      body: 'Nokon, forhåpentleg du, har bede om nytt passord til Samstrat. Kommunen din har slått av innlogging med passord, så du loggar inn med påloggingen til kommunen i staden.',
      action: 'Gå til innlogginga',
      footer: 'Har du ikkje bede om dette, kan du sjå bort frå e-posten. Ingenting er endra.',
    },
    footer: 'Du får denne e-posten fordi du er med i ein strategi i Samstrat.',
    settings: 'Vel kva e-postar du får',
  },
  en: {
    invitation: {
      subject: ({ title }) => `Invitation to “${title}”`,
      body: ({ inviter, title, municipality }) =>
        `${inviter} has invited you to take part in “${title}” (${municipality}) in Samstrat.`,
      expiry: ({ date }) => `The link is valid until ${date} and can be used once.`,
      action: 'Open the invitation',
      footer: ({ inviter, email }) =>
        `You receive this e-mail because ${inviter} invited ${email}. If you did not expect it, you can ignore it.`,
    },
    mention: {
      subject: ({ actor, title }) => `${actor} mentioned you in “${title}”`,
      body: ({ actor, section }) => `${actor} mentioned you in a comment on “${section}”.`,
      action: 'Show the comment',
    },
    reply: {
      subject: ({ actor }) => `${actor} replied to your comment`,
      body: ({ actor, section, title }) => `${actor} replied in your thread on “${section}” in “${title}”.`,
      action: 'Show the reply',
    },
    suggestion: {
      subject: ({ section }) => `New suggestion for “${section}”`,
      body: ({ actor, section, title }) =>
        `${actor} has suggested a change to “${section}”, which you are responsible for, in “${title}”.`,
      action: 'Show the suggestion',
    },
    decision: {
      subject: () => 'Your suggestion has been decided',
      body: ({ actor, section, title }) => `${actor} has decided on your suggestion for “${section}” in “${title}”.`,
      action: 'Show the suggestion',
    },
    approval: {
      subject: ({ title }) => `“${title}” is waiting for you`,
      body: ({ title, gate }) => `“${title}” is at ${gate} and is waiting for your decision.`,
      gates: {
        styringsgruppe: 'the steering group review',
        godkjenning: 'the chief executive’s approval',
        politisk: 'political treatment',
      },
      action: 'Go to the process',
    },
    frozen: {
      subject: ({ title }) => `The text of “${title}” is locked`,
      body: ({ actor, title }) =>
        `${actor} has locked the text of “${title}” for review. It cannot be edited unless it is returned.`,
      action: 'See the process',
    },
    returned: {
      subject: ({ title }) => `“${title}” has been returned`,
      body: ({ actor, title }) => `${actor} has returned “${title}” to draft.`,
      reason: ({ reason }) => `Reason: ${reason}`,
      action: 'See the reason',
    },
    digest: {
      subject: ({ date }) => `What happened in Samstrat on ${date}`,
      body: 'This is what happened in your strategies:',
      action: 'Open',
    },
    status_round: {
      subject: ({ year }) => `Status round: action plan ${year}`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} asks for the status of your measures (${count}) in the ${year} action plan of “${title}” by ${date}. You answer from your inbox, one measure at a time.`,
      message: ({ message }) => `Message: ${message}`,
      action: 'Answer in your inbox',
    },
    status_reminder: {
      subject: ({ year }) => `Reminder: status for the ${year} action plan`,
      body: ({ actor, title, year, date, count }) =>
        `${actor} reminds you that the status of your measures (${count}) in the ${year} action plan of “${title}” is still missing. It is due ${date}.`,
      message: ({ message }) => `Message: ${message}`,
      action: 'Answer in your inbox',
    },
    password_reset: {
      subject: 'A new password for Samstrat',
      body: 'Someone, hopefully you, asked to choose a new password for your Samstrat account.',
      expiry: 'The link is valid for one hour and can be used once.',
      action: 'Choose a new password',
      footer: 'If you did not ask for this, you can ignore this e-mail. Your password has not changed.',
    },
    passwords_off: {
      subject: "Sign in with your municipality's sign-in",
      body: "Someone, hopefully you, asked for a new Samstrat password. Your municipality has switched password login off, so sign in with the municipality's sign-in instead.",
      action: 'Go to the sign-in page',
      footer: 'If you did not ask for this, you can ignore this e-mail. Nothing has changed.',
    },
    footer: 'You receive this e-mail because you take part in a strategy in Samstrat.',
    settings: 'Choose which e-mails you receive',
  },
};
