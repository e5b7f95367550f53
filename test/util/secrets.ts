import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';

/** Where a secret was found in a cloud assembly. */
export interface SecretLeak {
  /** File path relative to the assembly directory. */
  readonly file: string;
  /** Index of the secret in the list given (the secret itself is never printed). */
  readonly secretIndex: number;
}

/**
 * Every place in the synthesized cloud assembly of `app` (templates, asset manifests, `manifest.json` metadata,
 * `tree.json`, nested assemblies, asset staging directories: every file under the output directory) where one of
 * `secrets` appears, as written or JSON-escaped.
 */
export function findSecretsInAssembly(app: App, ...secrets: string[]): SecretLeak[] {
  for (const s of secrets) {
    // A short needle ("a", "{}") would match by chance; tests must use distinctive secrets.
    if (s.length < 8) throw new Error(`findSecretsInAssembly: secrets must be at least 8 characters long to be searched for reliably (got ${s.length})`);
  }
  const outdir = app.synth().directory;
  const needles = secrets.map(s => [s, JSON.stringify(s).slice(1, -1)]);
  const leaks: SecretLeak[] = [];
  for (const file of filesUnder(outdir)) {
    const text = fs.readFileSync(file).toString('utf8');
    needles.forEach((forms, secretIndex) => {
      if (forms.some(f => text.includes(f))) leaks.push({ file: path.relative(outdir, file), secretIndex });
    });
  }
  return leaks;
}

/**
 * Fails (throws) when any of `secrets` appears anywhere in the synthesized cloud assembly of `app`. The message names
 * the files and the secret's position in the argument list, never the secret.
 *
 * Use it in every test that passes a literal secret to a construct:
 * `expectNoSecretInAssembly(app, 'test-secret-value-123')`.
 */
export function expectNoSecretInAssembly(app: App, ...secrets: string[]): void {
  const leaks = findSecretsInAssembly(app, ...secrets);
  if (leaks.length > 0) {
    const lines = leaks.map(l => `  secret #${l.secretIndex} in ${l.file}`);
    throw new Error(`secret found in the cloud assembly:\n${lines.join('\n')}`);
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}
