// Creates an organization (a municipality) in the database DATA_DIR / DATABASE_URL points at, for
// the installation's operator, optionally with its first administrator:
//
//   npm run org:create -- --name "Lia kommune" --number "974 760 673" --executive kommunedirektør --written-form nn
//   SAMSTRAT_ADMIN_PASSWORD=… npm run org:create -- --name "Lia kommune" --number 974760673 \
//       --executive rådmann --written-form nb --admin-email it@lia.kommune.no --admin-name "Trude Vik" [--operator]
//
// --operator makes the admin the installation's operator too: they then create organizations on the
// operator page (/organisasjoner), as this command does.
// The organization number must be nine digits with a valid modulus 11 check digit. An admin's
// password never goes on the command line (other users could read it from the process list): it
// comes from SAMSTRAT_ADMIN_PASSWORD or the first line of stdin.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newOrganizationInput } from '@samstrat/shared/organization';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { createOrganizationWithAdmin, OrganizationRefused } from '../admin/organizations';

const USAGE =
  'Usage: npm run org:create -- --name <name> --number <organization number> --executive <kommunedirektør|rådmann>\n' +
  '         --written-form <nb|nn> [--admin-email <address> --admin-name <full name> [--operator]]\n' +
  '       With an admin, the password comes from SAMSTRAT_ADMIN_PASSWORD or stdin.';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: 'string' },
      number: { type: 'string' },
      executive: { type: 'string' },
      'written-form': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      operator: { type: 'boolean' },
    },
  }));
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}

const parsed = newOrganizationInput.safeParse({
  name: values.name ?? '',
  organizationNumber: values.number ?? '',
  executiveTitle: values.executive ?? '',
  writtenForm: values['written-form'] ?? '',
});
if (!parsed.success) fail(`${parsed.error.issues.map((issue) => issue.message).join('\n')}\n${USAGE}`);

const wantsAdmin = values['admin-email'] !== undefined || values['admin-name'] !== undefined;
if (values.operator && !wantsAdmin) fail(`--operator needs an administrator (--admin-email, --admin-name).\n${USAGE}`);
if (wantsAdmin && (!values['admin-email'] || !values['admin-name'])) {
  fail(`Give both --admin-email and --admin-name.\n${USAGE}`);
}
if (wantsAdmin && !z.email().safeParse(values['admin-email']!.trim()).success) {
  fail(`Not an e-mail address: ${values['admin-email']}`);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.SAMSTRAT_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) fail(`No password given for the administrator.\n${USAGE}`);
  return (await text(process.stdin)).split(/\r?\n/)[0] ?? '';
}
const password = wantsAdmin ? await readPassword() : '';
if (wantsAdmin && password.length < 12) fail('The password must be at least 12 characters.');

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
  const admin = wantsAdmin
    ? { email: values['admin-email']!, name: values['admin-name']!, password, isOperator: values.operator ?? false }
    : undefined;
  const { organizationId } = await createOrganizationWithAdmin(db, parsed.data, admin);
  console.log(
    `Organization ${parsed.data.name} (${parsed.data.organizationNumber}) created with id ${organizationId}` +
      (admin ? `, administrator ${admin.email.trim().toLowerCase()}.` : '.'),
  );
} catch (err) {
  if (err instanceof OrganizationRefused) fail(err.message);
  throw err;
} finally {
  await db.close();
}
