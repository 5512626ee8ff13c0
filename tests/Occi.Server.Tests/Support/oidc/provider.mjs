// A real OpenID Connect provider (oidc-provider 8) for the OIDC tests, on 127.0.0.1 at a free port.
// Clients (client-credentials grant, JWT access tokens whose audience is the requested resource):
//   occi-a / secret-a  -> eduperson_entitlement ["urn:mace:egi.eu:group:vo-a:role=member#aai.egi.eu"]
//   occi-b / secret-b  -> eduperson_entitlement "urn:mace:egi.eu:group:vo-b:role=member#aai.egi.eu" (a string)
// Prints one line "issuer <url>" once it listens; stops when its standard input closes.
import http from 'node:http';
import Provider from 'oidc-provider';

const entitlements = {
  'occi-a': ['urn:mace:egi.eu:group:vo-a:role=member#aai.egi.eu'],
  'occi-b': 'urn:mace:egi.eu:group:vo-b:role=member#aai.egi.eu',
};

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: Object.keys(entitlements).map((id) => ({
      client_id: id,
      client_secret: id.replace('occi-', 'secret-'),
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    })),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'https://occi.test/',
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource) => ({
          scope: 'compute',
          audience: resource,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
        }),
      },
    },
    extraTokenClaims: (ctx, token) => ({ eduperson_entitlement: entitlements[token.clientId] }),
  });
  server.on('request', provider.callback());
  process.stdout.write(`issuer ${issuer}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
