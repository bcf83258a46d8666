import { and, count, eq, inArray } from 'drizzle-orm';
import type { Role } from '@samstrat/shared/roles';
import type { BaseDeps } from './context';
import type { Reader, Tx } from './db/client';
import { memberships, sectionOwners, sections, users } from './db/schema';
import { hashPassword } from './auth/password';
import { createOrganization, insertUser } from './accounts';
import { createStrategyFromTemplate } from './strategies/create';
import { demoMandate } from './workflow/demo';
import { createDemoPlan } from './plans/demo';
import { createDemoStory, currentSectionContent } from './demo-story';

/** Published in the README and on the login page: demo accounts are for trying Samstrat, never for real data. */
export const DEMO_PASSWORD = 'samstrat-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  isAdmin?: boolean;
  /** The installation operator: the demo's project leader, so the operator page can be tried. */
  isOperator?: boolean;
  /** Sections this person owns; the demo restricts them so ownership visibly matters. */
  owns?: string[];
}

// Names carry the function so someone trying the demo in several windows can tell who is who.
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'kommunedirektor@eksempel.no', name: 'Kari Nordmann, kommunedirektør', role: 'executive' },
  { email: 'styring@eksempel.no', name: 'Per Haugen, styringsgruppen', role: 'steering' },
  {
    email: 'leder@eksempel.no',
    name: 'Ingrid Solberg, prosjektleder',
    role: 'leader',
    isAdmin: true,
    isOperator: true,
  },
  { email: 'helse@eksempel.no', name: 'Ola Berg, helse og omsorg', role: 'editor', owns: ['helse-omsorg'] },
  { email: 'oppvekst@eksempel.no', name: 'Siri Lunde, oppvekst og læring', role: 'editor', owns: ['oppvekst-laering'] },
  { email: 'tillitsvalgt@eksempel.no', name: 'Anders Dahl, tillitsvalgt', role: 'union' },
  { email: 'radgiver@eksempel.no', name: 'Marte Eide, rådgiver', role: 'advisor' },
  { email: 'politiker@eksempel.no', name: 'Jon Bakke, kommunestyret', role: 'viewer' },
];

export const DEMO_ORGANIZATION = 'Eksempel kommune';
export const DEMO_STRATEGY_TITLE = 'Digitaliseringsstrategi 2027–2030';

/**
 * Runs once at start, before the server listens. Creates accounts only in an empty database:
 * the demo set in demo mode, else the first administrator from the environment.
 */
export async function prepareData(deps: BaseDeps): Promise<void> {
  const { config, db, log } = deps;
  if (await hasAccounts(db)) return;

  // Config validation already refuses this combination; the check is repeated here because the
  // cost of getting it wrong is a production server with published passwords.
  if (config.SAMSTRAT_DEMO && config.NODE_ENV !== 'production') {
    await createDemoData(deps);
    log.info(
      `Demo data created: log in as leder@eksempel.no (or another demo account) with password "${DEMO_PASSWORD}"`,
    );
    return;
  }

  if (config.SAMSTRAT_ADMIN_EMAIL && config.SAMSTRAT_ADMIN_PASSWORD) {
    const passwordHash = await hashPassword(config.SAMSTRAT_ADMIN_PASSWORD);
    const created = await db.transaction(async (tx) => {
      if (!(await firstToBootstrap(tx))) return false;
      await insertUser(tx, {
        organizationId: await createOrganization(tx, config.SAMSTRAT_ORGANIZATION),
        email: config.SAMSTRAT_ADMIN_EMAIL!,
        name: config.SAMSTRAT_ADMIN_NAME,
        passwordHash,
        isAdmin: true,
        // Whoever starts the installation with its first administrator runs it: they create organizations.
        isOperator: true,
      });
      return true;
    });
    if (created)
      log.info({ email: config.SAMSTRAT_ADMIN_EMAIL }, 'First administrator created from SAMSTRAT_ADMIN_EMAIL');
    return;
  }

  log.warn(
    'No accounts exist, so nobody can log in. Create the first administrator: set SAMSTRAT_ADMIN_EMAIL and ' +
      'SAMSTRAT_ADMIN_PASSWORD (at least 12 characters) and restart, or run ' +
      '`SAMSTRAT_ADMIN_PASSWORD=… npx tsx server/src/cli/create-admin.ts --email you@kommune.no --name "Your Name"`. ' +
      'To try Samstrat with demo accounts instead, start with SAMSTRAT_DEMO=1 (never in production).',
  );
}

async function hasAccounts(db: Reader): Promise<boolean> {
  return ((await db.select({ n: count() }).from(users))[0]?.n ?? 0) > 0;
}

/**
 * Several processes may start on an empty database at once: the one that takes the lock creates
 * the first data, and the others find it there (checked again inside the transaction).
 */
async function firstToBootstrap(tx: Tx): Promise<boolean> {
  return (await tx.tryLock('samstrat.bootstrap')) && !(await hasAccounts(tx));
}

async function createDemoData(deps: BaseDeps): Promise<void> {
  // One hash for all: the password is public anyway, and eight argon2 runs would slow every start.
  const { db } = deps;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // All or nothing: a start interrupted half-way must not leave a strategy without accounts,
  // or the next start would see no users and create a second one.
  await db.transaction(async (tx) => {
    if (!(await firstToBootstrap(tx))) return;
    const organizationId = await createOrganization(tx, DEMO_ORGANIZATION);
    const strategyId = await createStrategyFromTemplate(
      tx,
      {
        organizationId,
        title: DEMO_STRATEGY_TITLE,
        municipality: DEMO_ORGANIZATION,
        periodStart: 2027,
        periodEnd: 2030,
      },
      currentSectionContent,
    );
    const idsByEmail = new Map<string, string>();
    const idsByRole = new Map<Role, string>();
    const all: { userId: string; role: Role }[] = [];
    for (const account of DEMO_ACCOUNTS) {
      const { email, name, isAdmin, isOperator, role } = account;
      const userId = await insertUser(tx, { organizationId, email, name, passwordHash, isAdmin, isOperator });
      idsByRole.set(role, idsByRole.get(role) ?? userId);
      idsByEmail.set(email, userId);
      all.push({ userId, role });
      await tx.insert(memberships).values({ strategyId, userId, role });
      for (const sectionKey of account.owns ?? []) {
        await tx.insert(sectionOwners).values({ strategyId, sectionKey, userId });
      }
    }
    await demoMandate(tx, strategyId, { executiveId: idsByRole.get('executive')!, leaderId: idsByRole.get('leader')! });
    await createDemoPlan(tx, strategyId, 2027, {
      leader: idsByRole.get('leader')!,
      advisor: idsByRole.get('advisor')!,
      helse: idsByEmail.get('helse@eksempel.no')!,
      oppvekst: idsByEmail.get('oppvekst@eksempel.no')!,
    });
    await tx
      .update(sections)
      .set({ restricted: true })
      .where(
        and(
          eq(sections.strategyId, strategyId),
          inArray(
            sections.key,
            DEMO_ACCOUNTS.flatMap((a) => a.owns ?? []),
          ),
        ),
      );
    const person = (role: Role) => idsByRole.get(role)!;
    await createDemoStory(
      deps,
      tx,
      { strategyId, organizationId, municipality: DEMO_ORGANIZATION },
      {
        executive: person('executive'),
        steering: person('steering'),
        leader: person('leader'),
        union: person('union'),
        advisor: person('advisor'),
        all,
      },
    );
  });
}
