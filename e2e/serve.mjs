// Starts the real server for the E2E run on a fresh SQLite file with demo data: `serve.mjs <port>
// [<provider port>]`. With a provider port, an OpenID Connect provider on loopback
// (server/test/oidc-loopback-serve.ts) runs next to it and the server is configured for it, so a
// spec can sign in through the municipality's own login without internet. Specs that start a server
// of their own on a free port give none (a port derived from theirs could be out of range or taken).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '3111';
const providerPort = process.argv[3];
const origin = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-e2e-'));

const provider = providerPort
  ? spawn('npx', ['tsx', 'server/test/oidc-loopback-serve.ts', providerPort, origin], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  : null;
// Discovery happens at the first sign-in, so the provider may start after the server.
const sso = providerPort
  ? {
      SAMSTRAT_OIDC_PROVIDERS: 'kommune',
      SAMSTRAT_OIDC_KOMMUNE_KIND: 'entra',
      SAMSTRAT_OIDC_KOMMUNE_LABEL: 'Eksempel kommune',
      SAMSTRAT_OIDC_KOMMUNE_ISSUER: `http://127.0.0.1:${providerPort}`,
      SAMSTRAT_OIDC_KOMMUNE_CLIENT_ID: 'samstrat-e2e',
      SAMSTRAT_OIDC_KOMMUNE_CLIENT_SECRET: 'secret-entra-for-tests-only',
      SAMSTRAT_OIDC_KOMMUNE_EMAIL_DOMAINS: 'eksempel.no',
    }
  : {};
const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SAMSTRAT_DEMO: '1',
    LOG_LEVEL: 'warn',
    // A demo server, whatever the caller's environment says: a spec that starts one of its own runs in
    // Playwright's worker, whose NODE_ENV an imported library may have set to production, and the
    // server then refuses demo mode and never comes up.
    NODE_ENV: 'development',
    ...sso,
  },
});
const stop = () => {
  provider?.kill('SIGTERM');
  child.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
provider?.on('exit', (code) => {
  if (code) console.error(`the loopback OpenID provider stopped with ${code}`);
});
child.on('exit', (code) => {
  provider?.kill('SIGTERM');
  process.exit(code ?? 0);
});
