// An independent, OpenID Certified provider (panva's oidc-provider) set up as
// the Swedish OIDC profile has it, for the portal's interoperability tests.
//
// Run by tests/interop/certified_op.py as `node tests/interop/oidc_op.mjs` with
// the settings in the environment variable OP_CONFIG (JSON):
//   host, issuer_host                where to listen (a free port), the issuer's host
//   person {pnr, given_name, family_name}   the one test person who can log in
// and a variant, in OP_CONFIG or later from POST /test-control/configure (JSON),
// which sets up a fresh provider on the same issuer and keys in milliseconds:
//   portal_url                       the client's redirect URIs are there
//   client                           client metadata (auth method, secret, jwks, alg)
//   acr                              the acr to report, or null for none
//   claims_in_id_token               false: the identity only from userinfo
// POST /test-control/rotate-keys starts using new signing keys (the old ones
// are no longer published). Prints "ready <issuer>" when it listens.
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const PNR_SCOPE = 'https://id.oidc.se/scope/naturalPersonNumber';
const PNR_CLAIM = 'https://id.oidc.se/claim/personalIdentityNumber';
const settings = JSON.parse(process.env.OP_CONFIG);
let config = settings;  // the current variant
let issuer;  // known once the server listens on a free port
let generation = 0;

function signingKeys() {
  generation += 1;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${generation}`, use: 'sig', alg: 'RS256' },
    { ...ec, kid: `ec-${generation}`, use: 'sig', alg: 'ES256' },
  ];
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head>`
    + `<body><main><h1>${title}</h1>${body}</main></body></html>`;
}

function makeProvider(jwks) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'mitt-stod',
      redirect_uris: [`${config.portal_url}/auth/callback`],
      post_logout_redirect_uris: [`${config.portal_url}/utloggad`],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      ...config.client,
    }],
    jwks: { keys: jwks },
    scopes: ['openid', 'profile', PNR_SCOPE],
    claims: {
      openid: ['sub'],
      acr: null,
      profile: ['given_name', 'family_name', 'name', 'birthdate'],
      [PNR_SCOPE]: [PNR_CLAIM],
    },
    acrValues: ['http://id.elegnamnden.se/loa/1.0/loa3'],
    conformIdTokenClaims: !config.claims_in_id_token,
    cookies: { keys: ['interop-test-cookie-key'] },
    pkce: { required: () => true },
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = page('Logga ut', `${form}<button type="submit" form="op.logoutForm" `
            + 'name="logout" value="yes">Ja, logga ut mig</button>');
        },
      },
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        given_name: config.person.given_name,
        family_name: config.person.family_name,
        name: `${config.person.given_name} ${config.person.family_name}`,
        [PNR_CLAIM]: config.person.pnr,
      }),
    }),
    ttl: { Session: 3600, Interaction: 600, Grant: 3600 },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  return provider;
}

let keys;
let provider;

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => { try { resolve(JSON.parse(body)); } catch (error) { reject(error); } });
  });
}

async function control(req, res) {
  if (req.url === '/test-control/configure') {
    config = { ...settings, ...(await readJson(req)) };
  } else {
    keys = signingKeys();
  }
  provider = makeProvider(keys);
  res.end('done');
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page('Logga in hos testleverantören', `<form method="post" action="/interaction/${escapeHtml(details.uid)}">`
      + `<button type="submit">Logga in som ${escapeHtml(config.person.given_name)}</button></form>`));
    return;
  }
  const accountId = 'interop-person-1';
  const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  const login = config.acr ? { accountId, acr: config.acr } : { accountId };
  await provider.interactionFinished(req, res, { login, consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: false });
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url.startsWith('/test-control/')) {
    control(req, res).catch((error) => {
      console.error(error);
      res.statusCode = 400;
      res.end('control failed');
    });
    return;
  }
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res).catch((error) => {
      console.error(error);
      res.statusCode = 400;
      res.end('interaction failed');
    });
    return;
  }
  provider.callback()(req, res);
});

// The test process holds our stdin: when it goes away, so do we (no orphan servers).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

server.listen(0, settings.host, () => {
  issuer = `http://${settings.issuer_host}:${server.address().port}`;
  keys = signingKeys();
  provider = makeProvider(keys);
  console.log(`ready ${issuer}`);
});
