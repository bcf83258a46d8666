import * as client from 'openid-client';
import type { OidcProviderConfig } from './providers';

/**
 * The openid-client Configuration of each provider, from its discovery document, fetched once per
 * process and again after a failure. Only the provider's public metadata is cached here; no sign-in
 * state lives in this memory (that is in `sso_login_states`).
 *
 * Every configuration checks ID token signatures against the provider's JWKS
 * (`enableNonRepudiationChecks`): openid-client 6 otherwise trusts an ID token it got from the token
 * endpoint without verifying its signature (node_modules/openid-client, «enableNonRepudiationChecks»:
 * "Validating signatures of JWTs received via direct communication … is not mandatory").
 * Plain-http issuers are allowed only outside production (config refuses them there).
 */
export class OidcClients {
  private readonly configs = new Map<string, Promise<client.Configuration>>();

  constructor(private readonly production: boolean) {}

  /** The provider's configuration; rejects when discovery fails (the provider unreachable or misconfigured). */
  get(provider: OidcProviderConfig): Promise<client.Configuration> {
    // Keyed by everything the configuration is made of: an admin's change to a provider takes effect at once.
    const key = JSON.stringify([provider.id, provider.issuer, provider.clientId, provider.clientSecret ?? null]);
    let config = this.configs.get(key);
    if (!config) {
      config = this.discover(provider);
      this.configs.set(key, config);
      config.catch(() => this.configs.delete(key));
    }
    return config;
  }

  private async discover(provider: OidcProviderConfig): Promise<client.Configuration> {
    const issuer = new URL(provider.issuer);
    const insecure = issuer.protocol === 'http:';
    if (insecure && this.production) throw new Error(`Refusing the http: issuer ${provider.issuer} in production`);
    const auth = provider.clientSecret ? client.ClientSecretBasic(provider.clientSecret) : client.None();
    const execute = [client.enableNonRepudiationChecks];
    if (insecure) execute.push(client.allowInsecureRequests);
    return await client.discovery(issuer, provider.clientId, undefined, auth, { execute, timeout: 10 });
  }
}
