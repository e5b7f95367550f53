/**
 * Our own constructs pass TrustedIdentityChecks with no finding and no acknowledgement, in every app we have: each
 * integ app (test/integ.*.ts), example (examples/*.ts) and app factory module (test/gates/*.ts, whose exported
 * `...App()` functions are called) found on disk, so new ones are covered without editing this file.
 *
 * Each app is loaded in its own module registry with aws-cdk-lib's `App` replaced by a subclass that records the
 * instance and applies the aspect before synthesizing (examples call `app.synth()` themselves; integ apps are
 * synthesized here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding, findingsOf } from '../findings';

const ROOT = path.join(__dirname, '..', '..');

function appsIn(dir: string, pattern: RegExp): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs)
    .filter(f => pattern.test(f) && !f.endsWith('.d.ts') && fs.statSync(path.join(abs, f)).isFile())
    .map(f => path.join(dir, f));
}

/**
 * The integ apps import @aws-cdk/integ-tests-alpha, which only loads with the aws-cdk-lib releases of its peer range
 * (>= 2.245). Under an older aws-cdk-lib (`test:peer-floor` runs the unit tests against the library's floor) no integ
 * app can load at all, so only the examples are audited there; the main test run audits them all.
 */
function integAppsCanLoad(): boolean {
  const version: string = jest.requireActual('aws-cdk-lib/package.json').version;
  const range: string = jest.requireActual('@aws-cdk/integ-tests-alpha/package.json').peerDependencies['aws-cdk-lib'];
  const [have, need] = [version, range.replace(/^[\^~]/, '')].map(v => v.split(/[.-]/).slice(0, 3).map(Number));
  const cmp = have.map((n, i) => n - need[i]).find(d => d !== 0) ?? 0;
  return cmp >= 0;
}

const INTEG_APPS = appsIn('test', /^integ\..+\.ts$/);
const EXAMPLES = appsIn('examples', /\.ts$/);
/** Modules exporting app factories (`export function everyConstructApp(app = new App())`), e.g. the release gates'. */
const APP_FACTORIES = appsIn('test/gates', /\.ts$/);
const APPS = [...(integAppsCanLoad() ? INTEG_APPS : []), ...EXAMPLES, ...APP_FACTORIES];

/** Loads an app file with the aspect applied to every `App` it creates; returns the apps and their findings. */
function synthesizeAudited(file: string): { apps: number; findings: Finding[] } {
  let result = { apps: 0, findings: [] as Finding[] };
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
        const { TrustedIdentityChecks } = jest.requireActual('../../src');
        if (!actual.Aspects.of(this).all.some((a: unknown) => a instanceof TrustedIdentityChecks)) {
          actual.Aspects.of(this).add(new TrustedIdentityChecks());
        }
        return super.synth(options);
      }
    }
    jest.doMock('aws-cdk-lib', () => ({ ...actual, App: AuditedApp }));
    // Not mocked itself; what it imports from aws-cdk-lib is (requireActual only skips the mock of this module).
    const exported = jest.requireActual(path.join(ROOT, file));
    // A module that only exports app factories: build each app.
    if (apps.length === 0) {
      for (const [name, factory] of Object.entries<any>(exported)) {
        if (typeof factory === 'function' && /App$/.test(name)) factory();
      }
    }
    // Cached when the app synthesized itself (examples); integ apps are synthesized here. Read inside the registry:
    // some aws-cdk-lib releases read an assembly's messages lazily through modules of the registry that made it.
    result = { apps: apps.length, findings: apps.flatMap(app => findingsOf(app.synth())) };
    jest.dontMock('aws-cdk-lib');
  });
  return result;
}

test('finds the integ apps and examples', () => {
  expect(INTEG_APPS).toEqual(expect.arrayContaining(['test/integ.oidc-provider.ts']));
  expect(EXAMPLES).toEqual(expect.arrayContaining(['examples/app.ts']));
});

test.each(APPS)('%s: no finding', (file) => {
  const { apps, findings } = synthesizeAudited(file);
  expect(apps).toBeGreaterThan(0);
  expect(findings).toEqual([]);
}, 60_000);

test.each([
  'test/fixtures/open-trust-app.ts',
  'test/fixtures/open-trust-factory.ts',
])('the harness audits what it loads: %s (an open role) has findings', (file) => {
  const { findings } = synthesizeAudited(file);
  expect(findings.map(f => [f.path, f.rule]).sort()).toEqual([
    ['/OpenTrust/Open/Resource', 'OidcAudience'],
    ['/OpenTrust/Open/Resource', 'OidcTenantSubject'],
  ]);
});
