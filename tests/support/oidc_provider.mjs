// A real OpenID Connect provider for the council sign-in tests: node's certified
// `oidc-provider`, with one static client and the test's accounts. Its development
// interactions (a login form that accepts any password for a known login, then consent) are
// driven over HTTP by tests/integration/test_council_sign_in.py. Never use it for anything else.
//
// Environment: OIDC_PORT, OIDC_REDIRECT_URI, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and
// OIDC_ACCOUNTS (JSON: {login: {claims...}}). Prints "ready <issuer>" when listening.
import { generateKeyPairSync } from "node:crypto";

import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || "{}");
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name"],
    groups: ["groups"],
    organisation: ["tid"],
  },
  scopes: ["openid", "email", "profile", "groups", "organisation"],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" }] },
  cookies: { keys: ["tests-only-not-a-secret"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    if (!Object.hasOwn(accounts, id)) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts[id] }; } };
  },
});

// No stack traces on the console for the test's deliberate failures.
provider.on("server_error", (ctx, error) => console.error("server_error", error.message));
provider.listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));
