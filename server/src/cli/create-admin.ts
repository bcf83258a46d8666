// Creates an organization administrator in the database DATA_DIR points at:
//
//   SAMSTRAT_ADMIN_PASSWORD=… npx tsx server/src/cli/create-admin.ts --email it@kommune.no --name "Trude Vik"
//   echo "$PASSWORD" | npx tsx server/src/cli/create-admin.ts --email it@kommune.no --name "Trude Vik"
//
// The password never goes on the command line, where other users could read it from the process list.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { createAdmin, createOrganization, normalizeEmail } from '../accounts';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { organizations, users } from '../db/schema';

const USAGE =
  'Usage: SAMSTRAT_ADMIN_PASSWORD=… npx tsx server/src/cli/create-admin.ts --email <address> --name <full name> [--organization <name>]\n' +
  '       (or pipe the password on stdin)';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.SAMSTRAT_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) fail(`No password given.\n${USAGE}`);
  return (await text(process.stdin)).split(/\r?\n/)[0] ?? '';
}

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' } },
});
if (!values.email || !values.name) fail(USAGE);
const email = normalizeEmail(values.email);
if (!z.email().safeParse(email).success) fail(`Not an e-mail address: ${values.email}`);

const password = await readPassword();
if (password.length < 12) fail('The password must be at least 12 characters.');

// The admin variables are this command's input, not the server's bootstrap, so they are not validated as such.
const { SAMSTRAT_ADMIN_EMAIL: _e, SAMSTRAT_ADMIN_PASSWORD: _p, ...env } = process.env;
let config;
try {
  config = loadConfig(env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

const db = await openDatabase({ dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
try {
  if ((await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]) {
    fail(`An account with the e-mail address ${email} already exists.`);
  }
  // One installation serves one municipality today; the first organization is that one.
  const existing = (await db.select({ id: organizations.id }).from(organizations).limit(1))[0];
  const organizationId =
    existing?.id ??
    (await db.transaction(
      async (tx) => await createOrganization(tx, values.organization ?? config.SAMSTRAT_ORGANIZATION),
    ));
  // The installation's first administrator runs it: they are its operator and create organizations.
  await createAdmin(db, { organizationId, email, name: values.name, password, isOperator: !existing });
  console.log(`Administrator ${email} created in ${config.DATA_DIR}. Log in with the password you gave.`);
} finally {
  await db.close();
}
