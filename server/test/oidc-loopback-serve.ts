/**
 * The loopback provider as a process of its own, for the E2E run (e2e/serve.mjs starts it next to
 * the server): like Entra ID, where the demo project leader signs in with a verified address, so
 * the sign-in is linked to her account; a spec may choose someone else (POST /__test/person). Usage: tsx server/test/oidc-loopback-serve.ts <port> <app origin>.
 */
import { startLoopbackProvider } from './oidc-loopback';

const [portArg, appOrigin] = process.argv.slice(2);
if (!portArg || !appOrigin) throw new Error('Usage: oidc-loopback-serve.ts <port> <app origin>');

const provider = await startLoopbackProvider('entra', {
  port: Number(portArg),
  clientId: 'samstrat-e2e',
  redirectUris: [`${appOrigin}/api/auth/sso/kommune/callback`],
  postLogoutRedirectUris: [`${appOrigin}/logg-inn?grunn=logged-out`],
  control: true,
});
provider.signInAs({
  sub: 'e2e-leder',
  claims: { email: 'leder@eksempel.no', name: 'Ingrid Solberg', xms_edov: true },
});
console.log(`loopback OpenID provider at ${provider.issuer}`);

const stop = () => void provider.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
