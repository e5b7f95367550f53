/**
 * Our own constructs pass TrustedIdentityChecks with no finding and no acknowledgement, in every app we have: each
 * integ app (test/integ.*.ts) and example (examples/*.ts) found on disk, so new ones are covered without editing
 * this file.
 *
 * Each app is loaded in its own module registry with aws-cdk-lib's `App` replaced by a subclass that records the
 * instance and applies the aspect before synthesizing (examples call `app.synth()` themselves; integ apps are
 * synthesized here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { findingsOf } from './findings';

const ROOT = path.join(__dirname, '..');

function appsIn(dir: string, pattern: RegExp): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs)
    .filter(f => pattern.test(f) && !f.endsWith('.d.ts') && fs.statSync(path.join(abs, f)).isFile())
    .map(f => path.join(dir, f));
}

const APPS = [...appsIn('test', /^integ\..+\.ts$/), ...appsIn('examples', /\.ts$/)];

/** Loads an app file with the aspect applied to every `App` it creates; returns the synthesized assemblies. */
function synthesizeAudited(file: string): any[] {
  const assemblies: any[] = [];
  jest.isolateModules(() => {
    const actual = jest.requireActual('aws-cdk-lib');
    const apps: any[] = [];
    class AuditedApp extends actual.App {
      constructor(props?: any) {
        super(props);
        apps.push(this);
      }

      public synth(options?: any) {
        // The library of this registry: its aspect sees this registry's aws-cdk-lib.
        const { TrustedIdentityChecks } = jest.requireActual('../src');
        if (!actual.Aspects.of(this).all.some((a: unknown) => a instanceof TrustedIdentityChecks)) {
          actual.Aspects.of(this).add(new TrustedIdentityChecks());
        }
        return super.synth(options);
      }
    }
    jest.doMock('aws-cdk-lib', () => ({ ...actual, App: AuditedApp }));
    // Not mocked itself; what it imports from aws-cdk-lib is (requireActual only skips the mock of this module).
    jest.requireActual(path.join(ROOT, file));
    // Cached when the app synthesized itself (examples); integ apps are synthesized here.
    assemblies.push(...apps.map(app => app.synth()));
    jest.dontMock('aws-cdk-lib');
  });
  return assemblies;
}

test('finds the integ apps and examples', () => {
  expect(APPS).toEqual(expect.arrayContaining(['test/integ.oidc-provider.ts', 'examples/app.ts']));
});

test.each(APPS)('%s: no finding', (file) => {
  const assemblies = synthesizeAudited(file);
  expect(assemblies.length).toBeGreaterThan(0);
  expect(assemblies.flatMap(findingsOf)).toEqual([]);
}, 60_000);

test('the harness audits what it loads: an app with an open role has findings', () => {
  const findings = synthesizeAudited('test/fixtures/open-trust-app.ts').flatMap(findingsOf);
  expect(findings.map(f => [f.path, f.rule]).sort()).toEqual([
    ['/OpenTrust/Open/Resource', 'OidcAudience'],
    ['/OpenTrust/Open/Resource', 'OidcTenantSubject'],
  ]);
});
