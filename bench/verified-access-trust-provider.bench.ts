import { SecretValue } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { measure, record, table } from './util';
import { TrustProvider, VerifiedAccessTrustProvider } from '../src';

const RUNS = 21;

function endpoints(i: number) {
  const issuer = `https://idp${i}.example.com/oauth2/default`;
  return {
    issuer,
    authorizationEndpoint: `${issuer}/v1/authorize`,
    tokenEndpoint: `${issuer}/v1/token`,
    userInfoEndpoint: `${issuer}/v1/userinfo`,
    clientId: `client${i}`,
  };
}

/**
 * VerifiedAccessTrustProvider (OIDC, client secret from Secrets Manager) vs the raw ec2.CfnVerifiedAccessTrustProvider
 * with the same properties, for 1, 10 and 100 providers in one stack.
 */
export function runVerifiedAccessTrustProviderBench(): string {
  const rows: (string | number)[][] = [];
  for (const n of [1, 10, 100]) {
    const r = measure({
      raw: (stack) => {
        for (let i = 0; i < n; i++) {
          new ec2.CfnVerifiedAccessTrustProvider(stack, `P${i}`, {
            policyReferenceName: `idp${i}`,
            trustProviderType: 'user',
            userTrustProviderType: 'oidc',
            oidcOptions: {
              ...endpoints(i),
              clientSecret: SecretValue.secretsManager(`idp${i}-client-secret`).unsafeUnwrap(),
              scope: 'openid',
            },
          });
        }
      },
      construct: (stack) => {
        for (let i = 0; i < n; i++) {
          new VerifiedAccessTrustProvider(stack, `P${i}`, {
            policyReferenceName: `idp${i}`,
            provider: TrustProvider.oidc({ ...endpoints(i), clientSecret: SecretValue.secretsManager(`idp${i}-client-secret`) }),
          });
        }
      },
    }, RUNS, Math.max(1, Math.round(100 / n)));
    record('VerifiedAccessTrustProvider', `${n} providers`, 'raw ec2.CfnVerifiedAccessTrustProvider', r.raw, r.raw);
    record('VerifiedAccessTrustProvider', `${n} providers`, 'VerifiedAccessTrustProvider', r.construct, r.raw);
    rows.push([
      n,
      r.raw.ms.toFixed(1),
      r.construct.ms.toFixed(1),
      (r.construct.ms / r.raw.ms).toFixed(2),
      r.raw.templateBytes,
      r.construct.templateBytes,
      Math.round(r.raw.templateBytes / n),
      Math.round(r.construct.templateBytes / n),
    ]);
  }
  return table([
    'providers', 'CfnVerifiedAccessTrustProvider synth ms', 'VerifiedAccessTrustProvider synth ms', 'ratio',
    'raw template bytes', 'construct template bytes', 'raw bytes/provider', 'construct bytes/provider',
  ], rows);
}
