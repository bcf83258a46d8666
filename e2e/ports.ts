// The ports of the shared E2E run: the app, and the loopback OpenID Connect provider beside it.
export const appPort = Number(process.env.E2E_PORT ?? 3111);
export const providerPort = Number(process.env.E2E_OIDC_PORT ?? appPort + 10000);
