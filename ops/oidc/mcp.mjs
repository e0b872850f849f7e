// What a remote MCP client (an AI assistant's custom connector) needs from the demo provider, as the MCP
// authorization spec asks: dynamic client registration (RFC 7591), resource indicators (RFC 8707: the
// `resource` parameter names the MCP server, which becomes the access token's audience), JWT access tokens
// with realm_access, and PKCE S256 (required for every client in server.mjs). Keycloak equivalents:
// ops/keycloak/README.md.
import { errors } from 'oidc-provider';

export const MCP_SCOPE = 'mcp:tools';

// OIDC_MCP_RESOURCES: the MCP servers' resource URLs (comma-separated); the demo's by default.
export function mcpResources(env) {
  return (env.OIDC_MCP_RESOURCES || 'http://127.0.0.1:5080/mcp').split(',').map((s) => s.trim()).filter(Boolean);
}

export function mcpFeatures(resources) {
  return {
    // Open registration, as an assistant's connector expects (Keycloak: the anonymous client registration
    // policy, or a pre-registered client). Registered clients still get PKCE and only this realm's users.
    registration: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (ctx, resourceIndicator) => {
        if (!resources.includes(resourceIndicator)) throw new errors.InvalidTarget();
        return { scope: MCP_SCOPE, audience: resourceIndicator, accessTokenFormat: 'jwt', accessTokenTTL: 300,
          jwt: { sign: { alg: 'RS256' } } };
      },
    },
  };
}

// The demo has no consent page: a grant also covers the MCP resource the client asked for.
export function grantMcpResources(ctx, grant) {
  for (const [indicator, server] of Object.entries(ctx.oidc.resourceServers || {})) {
    grant.addResourceScope(indicator, server.scope);
  }
}
