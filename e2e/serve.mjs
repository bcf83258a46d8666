// Starts the real server for the E2E run on a fresh SQLite file with demo data, and next to it an
// OpenID Connect provider on loopback (server/test/oidc-loopback-serve.ts) that the server is
// configured for, so a spec can sign in through the municipality's own login without internet.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '3111';
const providerPort = String(Number(port) + 10000);
const origin = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-e2e-'));

const provider = spawn('npx', ['tsx', 'server/test/oidc-loopback-serve.ts', providerPort, origin], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SAMSTRAT_DEMO: '1',
    LOG_LEVEL: 'warn',
    // Discovery happens at the first sign-in, so the provider may start after the server.
    SAMSTRAT_OIDC_PROVIDERS: 'kommune',
    SAMSTRAT_OIDC_KOMMUNE_KIND: 'entra',
    SAMSTRAT_OIDC_KOMMUNE_LABEL: 'Eksempel kommune',
    SAMSTRAT_OIDC_KOMMUNE_ISSUER: `http://127.0.0.1:${providerPort}`,
    SAMSTRAT_OIDC_KOMMUNE_CLIENT_ID: 'samstrat-e2e',
    SAMSTRAT_OIDC_KOMMUNE_CLIENT_SECRET: 'secret-entra-for-tests-only',
    SAMSTRAT_OIDC_KOMMUNE_EMAIL_DOMAINS: 'eksempel.no',
  },
});
const stop = () => {
  provider.kill('SIGTERM');
  child.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
provider.on('exit', (code) => {
  if (code) console.error(`the loopback OpenID provider stopped with ${code}`);
});
child.on('exit', (code) => {
  provider.kill('SIGTERM');
  process.exit(code ?? 0);
});
