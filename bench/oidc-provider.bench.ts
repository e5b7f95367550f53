import * as iam from 'aws-cdk-lib/aws-iam';
import { measure, record, table } from './util';
import { OidcProvider } from '../src';

const RUNS = 21;

/** OidcProvider vs the raw iam.CfnOIDCProvider it wraps, for 1, 10 and 100 providers in one stack. */
export function runOidcProviderBench(): string {
  const rows: (string | number)[][] = [];
  for (const n of [1, 10, 100]) {
    const r = measure({
      raw: (stack) => {
        for (let i = 0; i < n; i++) {
          new iam.CfnOIDCProvider(stack, `P${i}`, { url: `https://issuer${i}.example.com`, clientIdList: ['sts.amazonaws.com'] });
        }
      },
      construct: (stack) => {
        for (let i = 0; i < n; i++) {
          new OidcProvider(stack, `P${i}`, { url: `https://issuer${i}.example.com`, clientIds: ['sts.amazonaws.com'] });
        }
      },
    }, RUNS, Math.max(1, Math.round(100 / n)));
    record('OidcProvider', `${n} providers`, 'raw iam.CfnOIDCProvider', r.raw, r.raw);
    record('OidcProvider', `${n} providers`, 'OidcProvider', r.construct, r.raw);
    rows.push([
      n,
      r.raw.ms.toFixed(1),
      r.construct.ms.toFixed(1),
      (r.construct.ms / r.raw.ms).toFixed(2),
      Math.round(r.raw.templateBytes / n),
      Math.round(r.construct.templateBytes / n),
    ]);
  }
  return table(['providers', 'CfnOIDCProvider synth ms', 'OidcProvider synth ms', 'ratio', 'raw bytes/provider', 'OidcProvider bytes/provider'], rows);
}
