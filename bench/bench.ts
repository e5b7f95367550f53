/**
 * `npx projen bench`: every scenario, each construct measured side by side with its raw L1 or hand-written
 * equivalent in one process (medians of interleaved samples). Prints the report and writes it into the README between
 * `<!-- bench:start -->` and `<!-- bench:end -->`. Never a timed test: the numbers are for the README, not for CI.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runIdentityCenterApplicationBench } from './identity-center-application.bench';
import { runOidcProviderBench } from './oidc-provider.bench';
import { runTrustedIdentityChecksBench } from './trusted-identity-checks.bench';
import { runNativeTrustedTokenIssuerBench, runTrustedTokenIssuerBench } from './trusted-token-issuer.bench';
import { summaryTable } from './util';
import { runVerifiedAccessTrustProviderBench } from './verified-access-trust-provider.bench';

const SCENARIOS: Array<[string, () => string]> = [
  ['OidcProvider vs iam.CfnOIDCProvider (median of 21 interleaved samples, each synthesizing max(1, 100/n) apps)', runOidcProviderBench],
  ['TrustedTokenIssuer (native default) vs a raw CfnResource of AWS::SSO::TrustedTokenIssuer and the custom-resource fallback (median of 9-15 interleaved samples of 100 issuers\' worth)', runNativeTrustedTokenIssuerBench],
  ['TrustedTokenIssuer CUSTOM_RESOURCE fallback vs one hand-written AwsCustomResource with its own policy per issuer (median of 5-7 interleaved synths)', runTrustedTokenIssuerBench],
  ['IdentityCenterApplication: n applications × (4 grants + 3 access scopes + authentication method + assignment configuration) + n issuers, vs one hand-written AwsCustomResource with its own policy per call (median of 5-7 interleaved synths)', runIdentityCenterApplicationBench],
  ['VerifiedAccessTrustProvider vs ec2.CfnVerifiedAccessTrustProvider (OIDC, Secrets Manager client secret; median of 21 interleaved samples, each synthesizing max(1, 100/n) apps)', runVerifiedAccessTrustProviderBench],
  ['TrustedIdentityChecks: 1,000 roles of five trust styles over 3 stacks, synthesized with and without the aspect (median of 7 interleaved synths)', runTrustedIdentityChecksBench],
];

function main() {
  const sections: string[] = [];
  for (const [title, run] of SCENARIOS) {
    const started = Date.now();
    sections.push(`#### ${title}\n\n${run()}`);
    console.error(`bench: ${title.split(':')[0].split(' (')[0]} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const report = [
    `**cdk-trusted-identity bench** — \`npx projen bench\` on ${new Date().toISOString().slice(0, 10)}, node ${process.version}, `
      + `${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(1)} at the end); every scenario in one run, each variant measured side by side with its baseline.`,
    '',
    '#### Summary (ratio: synth time of the variant / its baseline in the same run)',
    '',
    summaryTable(),
    '',
    ...sections.flatMap(s => [s, '']),
  ].join('\n');
  console.log(report);

  const readmePath = path.join(__dirname, '..', 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const start = '<!-- bench:start -->\n';
  const end = '<!-- bench:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error('README.md has no <!-- bench:start --> ... <!-- bench:end --> block');
  fs.writeFileSync(readmePath, readme.slice(0, i + start.length) + report + readme.slice(j));
  console.error('bench: README.md updated (commit it)');
}

main();
