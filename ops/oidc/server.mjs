// Local OpenID provider for the Westside Projections demo and tests. NEVER deployed:
// production uses Keycloak (ops/keycloak). It mimics the Keycloak realm the dashboard expects:
// issuer path /realms/westside-basketball, Keycloak endpoint paths, `realm_access.roles`.
import { createServer } from 'node:http';
import { createPrivateKey, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Provider from 'oidc-provider';
import { MCP_SCOPE, grantMcpResources, mcpFeatures, mcpResources } from './mcp.mjs';

const env = process.env;
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
const PORT = Number(env.OIDC_PORT || 5081);
const ISSUER = (env.OIDC_ISSUER || `http://127.0.0.1:${PORT}/realms/westside-basketball`).replace(/\/+$/, '');
const PREFIX = new URL(ISSUER).pathname.replace(/\/+$/, ''); // provider is mounted here
const CLIENT_ID = env.OIDC_CLIENT_ID || 'westside-dashboard';
const CLIENT_SECRET = env.OIDC_CLIENT_SECRET || 'demo-secret';
const REDIRECT_URIS = list(env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:5080/signin-oidc');
const POST_LOGOUT_URIS = list(env.OIDC_POST_LOGOUT_REDIRECT_URIS || 'http://127.0.0.1:5080/');
// A second client of the realm, standing in for basketball-landing (same-realm single sign-on).
const LANDING_CLIENT_ID = env.OIDC_LANDING_CLIENT_ID || 'basketball-landing';
const LANDING_REDIRECT_URIS = list(env.OIDC_LANDING_REDIRECT_URIS || 'http://127.0.0.1:5082/callback');
// Tests only: OIDC_TEST_FAULTS=1 opens POST <issuer>/test/id-token-fault (see "Test faults" in README.md).
// ops/demo never sets it.
const TEST_FAULTS = env.OIDC_TEST_FAULTS === '1';
const MCP_RESOURCES = mcpResources(env);

// Demo users (fictional; never real people). Subjects are stable so tests can rely on them.
const USERS = {
  marcus: { sub: '6f1c2a8e-4b7d-4c1e-9a53-0d2f7b9e1a01', password: 'demo', name: 'Marcus Draney',
    given_name: 'Marcus', family_name: 'Draney', email: 'marcus@westside.example',
    roles: ['admin', 'default-roles-westside-basketball'] },
  coach: { sub: '9b4e7d21-3c6a-4f0b-8e12-5a7c9d3f2b02', password: 'demo', name: 'Casey Coach',
    given_name: 'Casey', family_name: 'Coach', email: 'coach@westside.example',
    roles: ['coach', 'default-roles-westside-basketball'] },
};
const bySub = new Map(Object.entries(USERS).map(([username, u]) => [u.sub, { username, ...u }]));

// Signing keys: OIDC_JWKS_FILE (read as-is), else OIDC_KEYS_DIR/jwks.json (created when missing),
// else a fresh key per start. The FIRST RS256 key signs; the others are only published in the JWKS.
function newJwks() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
}
function loadJwks() {
  if (env.OIDC_JWKS_FILE) return JSON.parse(readFileSync(env.OIDC_JWKS_FILE, 'utf8'));
  if (!env.OIDC_KEYS_DIR) return newJwks();
  const file = join(env.OIDC_KEYS_DIR, 'jwks.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(env.OIDC_KEYS_DIR, { recursive: true });
  const jwks = newJwks();
  writeFileSync(file, JSON.stringify(jwks, null, 2), { mode: 0o600 });
  return jwks;
}

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const CSS = 'body{font-family:system-ui,sans-serif;background:#f2f4f7;margin:0;padding:24px}'
  + 'main{max-width:340px;margin:40px auto;background:#fff;padding:24px;border-radius:6px;box-shadow:0 1px 3px #0003}'
  + 'label{display:block;margin-top:12px}input{width:100%;box-sizing:border-box;padding:8px;font-size:16px}'
  + 'button{margin-top:18px;width:100%;padding:10px;font-size:16px;background:#0066cc;color:#fff;border:0;border-radius:4px}'
  + '.error{color:#b00020;background:#fdecea;padding:8px;border-radius:4px}';
function page(ctx, status, title, body) {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  ctx.set('Cache-Control', 'no-store');
  ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${esc(title)}</title><style>${CSS}</style></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}
function loginForm(ctx, uid, { username = '', error } = {}) {
  page(ctx, 200, 'Sign in to Westside Basketball', `${error ? `<p id="input-error" class="error">${esc(error)}</p>` : ''}
<form id="kc-form-login" method="post" action="${PREFIX}/interaction/${esc(uid)}/login">
<label for="username">Username</label><input id="username" name="username" value="${esc(username)}" autocomplete="username" autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button id="kc-login" name="login" type="submit">Sign In</button></form>`);
}

const cookiePath = PREFIX || '/';
const cookiesLong = { httpOnly: true, sameSite: 'lax', path: cookiePath };
const configuration = {
  clients: [{
    client_id: CLIENT_ID, client_secret: CLIENT_SECRET, client_name: 'Westside dashboard',
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: REDIRECT_URIS, post_logout_redirect_uris: POST_LOGOUT_URIS,
    response_types: ['code'], grant_types: ['authorization_code', 'refresh_token'],
  }, {
    client_id: LANDING_CLIENT_ID, client_name: 'basketball-landing (stand-in)',
    token_endpoint_auth_method: 'none', // a public client: PKCE (required for every client here) instead of a secret
    redirect_uris: LANDING_REDIRECT_URIS, response_types: ['code'], grant_types: ['authorization_code'],
  }],
  jwks: loadJwks(),
  pkce: { required: () => true }, // S256 is the only method oidc-provider 9 accepts
  responseTypes: ['code'],
  scopes: ['openid', 'profile', 'email', 'roles', 'offline_access', MCP_SCOPE],
  // realm_access comes with `openid` (like a role mapper on the Keycloak client: always present).
  claims: { openid: ['sub', 'realm_access'], roles: ['realm_access'],
    profile: ['name', 'preferred_username', 'given_name', 'family_name'], email: ['email', 'email_verified'] },
  conformIdTokenClaims: false, // put scope claims (realm_access, name, ...) into the ID token
  routes: { // Keycloak's endpoint paths, relative to the issuer
    authorization: '/protocol/openid-connect/auth', token: '/protocol/openid-connect/token',
    userinfo: '/protocol/openid-connect/userinfo', jwks: '/protocol/openid-connect/certs',
    end_session: '/protocol/openid-connect/logout', introspection: '/protocol/openid-connect/token/introspect',
    revocation: '/protocol/openid-connect/revoke', pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
  },
  cookies: { keys: [randomBytes(32).toString('base64url')], long: cookiesLong,
    names: { session: 'oidc_session', interaction: 'oidc_interaction', resume: 'oidc_interaction_resume' } },
  ttl: { AccessToken: 300, IdToken: 300, AuthorizationCode: 60, Interaction: 3600, Session: 36000,
    Grant: 36000, RefreshToken: 1800 }, // Keycloak-like: 5 min tokens, 30 min refresh
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'), // as Keycloak
  features: {
    devInteractions: { enabled: false }, // it accepts any password; replaced by the routes below
    introspection: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
    revocation: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
    ...mcpFeatures(MCP_RESOURCES), // MCP clients: registration + resource indicators (mcp.mjs)
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource: async (ctx) => page(ctx, 200, 'Signed out', '<p>You are signed out.</p>') },
  },
  interactions: { url: async (ctx, interaction) => `${PREFIX}/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const u = bySub.get(sub);
    if (!u) return undefined;
    return { accountId: sub, claims: async () => ({ sub, preferred_username: u.username, name: u.name,
      given_name: u.given_name, family_name: u.family_name, email: u.email, email_verified: true,
      realm_access: { roles: [...u.roles] } }) };
  },
  // Access tokens are opaque here (so they work at userinfo); realm_access is attached to them and
  // shows up in token introspection. The ID token carries it too (see `claims`).
  extraTokenClaims: async (ctx, token) => (token.kind === 'AccessToken' && bySub.get(token.accountId)
    ? { realm_access: { roles: [...bySub.get(token.accountId).roles] } } : undefined),
  // No consent page: the single first-party client is granted every scope it asks for.
  async loadExistingGrant(ctx) {
    const { session, client, result } = ctx.oidc;
    if (!session.accountId) return undefined;
    const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
    const grant = (grantId && await ctx.oidc.provider.Grant.find(grantId))
      || new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope('openid profile email roles offline_access');
    grantMcpResources(ctx, grant);
    await grant.save();
    return grant;
  },
  renderError: async (ctx, out) => page(ctx, ctx.status || 400, 'Sign-in error',
    Object.entries(out).map(([k, v]) => `<p><strong>${esc(k)}</strong>: ${esc(v)}</p>`).join('')),
};

// RP-initiated logout. Like Keycloak: with a valid id_token_hint for the signed-in user and a
// registered post_logout_redirect_uri, end the session at once and redirect (no confirmation).
// Otherwise show a small page with a plain "Sign out" submit button (no scripts).
async function logoutSource(ctx, form) {
  const { session, params, provider, entities } = ctx.oidc;
  if (entities.IdTokenHint?.payload?.sub === session.accountId && params.post_logout_redirect_uri) {
    for (const { grantId } of Object.values(session.authorizations || {})) {
      if (!grantId) continue;
      await Promise.all([provider.AccessToken, provider.RefreshToken, provider.AuthorizationCode]
        .map((model) => model.revokeByGrantId(grantId)));
      await provider.Grant.adapter.destroy(grantId);
    }
    console.log(`logout username=${JSON.stringify(bySub.get(session.accountId)?.username ?? '?')} (id_token_hint, no confirmation)`);
    await session.destroy();
    ctx.cookies.set(provider.cookieName('session'), null, cookiesLong);
    const target = new URL(params.post_logout_redirect_uri);
    if (params.state != null) target.searchParams.set('state', params.state);
    provider.emit('end_session.success', ctx);
    ctx.status = 303;
    return ctx.redirect(target.href);
  }
  return page(ctx, 200, 'Sign out', `<p>Sign out of Westside Basketball?</p>${form}`
    + '<button id="kc-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>');
}

const provider = new Provider(ISSUER, configuration);

// Test faults: the NEXT token response carries a broken ID token, re-signed here, so the dashboard's
// refusal can be tested end to end. One fault at a time, used once. Off unless OIDC_TEST_FAULTS=1.
const ID_TOKEN_FAULTS = ['wrong-audience', 'expired', 'unknown-key'];
let nextIdTokenFault = null;
function breakIdToken(jwt, fault) {
  const [h, p] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  const payload = JSON.parse(Buffer.from(p, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  let key = createPrivateKey({ key: configuration.jwks.keys.find((k) => k.kid === header.kid), format: 'jwk' });
  let { kid } = header;
  if (fault === 'wrong-audience') payload.aud = 'some-other-client';
  if (fault === 'expired') Object.assign(payload, { iat: now - 3600, auth_time: now - 3600, exp: now - 600 });
  if (fault === 'unknown-key') { // a key the provider never published
    key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    kid = randomUUID();
  }
  const data = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key).toString('base64url')}`;
}
if (TEST_FAULTS) {
  provider.use(async (ctx, next) => {
    if (ctx.path === '/test/id-token-fault' && ctx.method === 'POST') {
      const fault = (await readForm(ctx.req)).get('fault');
      if (!ID_TOKEN_FAULTS.includes(fault)) return page(ctx, 400, 'Unknown fault', `<p>one of: ${ID_TOKEN_FAULTS.join(', ')}</p>`);
      nextIdTokenFault = fault;
      ctx.status = 204;
      return undefined;
    }
    await next();
    if (nextIdTokenFault && ctx.path === '/protocol/openid-connect/token' && ctx.status === 200 && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: breakIdToken(ctx.body.id_token, nextIdTokenFault) };
      console.log(`test fault: the ID token of this token response is ${nextIdTokenFault}`);
      nextIdTokenFault = null;
    }
    return undefined;
  });
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('request body too large');
  }
  return new URLSearchParams(body);
}

// Interaction routes (login form). Paths here are relative to PREFIX.
provider.use(async (ctx, next) => {
  const m = ctx.path.match(/^\/interaction\/([\w-]+)(\/login)?$/);
  if (!m) return next();
  try {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== m[1]) throw new Error('interaction mismatch');
    const { prompt, params, session } = details;
    if (prompt.name === 'consent') { // not expected (loadExistingGrant), but never get stuck here
      const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      grant.addOIDCScope(String(params.scope || 'openid'));
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, { consent: { grantId: await grant.save() } });
      ctx.status = 303;
      return ctx.redirect(returnTo);
    }
    if (ctx.method === 'GET' && !m[2]) return loginForm(ctx, details.uid);
    if (ctx.method !== 'POST' || !m[2]) return page(ctx, 405, 'Method not allowed', '');
    const form = await readForm(ctx.req);
    const username = (form.get('username') || '').trim().toLowerCase();
    const user = Object.hasOwn(USERS, username) ? USERS[username] : undefined;
    const ok = Boolean(user) && form.get('password') === user.password;
    console.log(`login attempt username=${JSON.stringify(username.slice(0, 64))} result=${ok ? 'success' : 'failure'}`);
    if (!ok) return loginForm(ctx, details.uid, { username, error: 'Invalid username or password.' });
    const returnTo = await provider.interactionResult(ctx.req, ctx.res,
      { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    return ctx.redirect(returnTo);
  } catch (err) {
    console.log(`interaction error: ${err.message}`);
    return page(ctx, 400, 'Sign-in expired', '<p>This sign-in attempt is no longer valid. Go back to the application and sign in again.</p>');
  }
});

// Mount the provider under the issuer's path (Keycloak-style /realms/<realm>).
const handle = provider.callback();
const server = createServer((req, res) => {
  const url = req.url || '/';
  if (PREFIX && url !== PREFIX && !url.startsWith(`${PREFIX}/`) && !url.startsWith(`${PREFIX}?`)) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end(`not found; this OpenID provider lives under ${ISSUER}\n`);
  }
  req.originalUrl = url;
  req.baseUrl = PREFIX;
  req.url = url.slice(PREFIX.length) || '/';
  return handle(req, res);
});
server.on('error', (err) => {
  console.error(err.code === 'EADDRINUSE'
    ? `local OIDC provider: port ${PORT} on 127.0.0.1 is already in use (set OIDC_PORT to another port)`
    : `local OIDC provider: cannot listen on 127.0.0.1:${PORT}: ${err.message}`);
  process.exit(1);
});
server.listen(PORT, '127.0.0.1', () => {
  console.log(`local OIDC provider listening on http://127.0.0.1:${PORT} issuer=${ISSUER}`);
  console.log(`discovery: ${ISSUER}/.well-known/openid-configuration client_id=${CLIENT_ID} (and ${LANDING_CLIENT_ID}) users: marcus, coach`);
  if (TEST_FAULTS) console.log(`TEST FAULTS ON: POST ${ISSUER}/test/id-token-fault breaks the next ID token (tests only)`);
  console.log(`MCP resources (dynamic registration open): ${MCP_RESOURCES.join(' ')}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { server.close(() => process.exit(0)); server.closeAllConnections(); });
