/**
 * `cdk-trusted-identity audit`: the aspect's rules over CloudFormation templates (JSON, or YAML with short-form
 * intrinsics), files or folders. Every aspect test also runs the command on the templates it synthesized and
 * expects the same findings (test/findings.ts); these tests cover what only the command has: YAML, SAM, template
 * metadata acknowledgements, folders, output formats, exit codes and the installed bin.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import '@microsoft/jest-sarif';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { TrustedIdentityChecks } from '../../src';
import { auditTemplates, run } from '../../src/audit/command';

const ROOT = path.join(__dirname, '..', '..');
const GH = 'token.actions.githubusercontent.com';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** A SAM template (YAML, short-form intrinsics) with a GitHub Actions role whose trust has `condition`. */
function samTemplate(condition: string, metadata = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Repo:
    Type: String
    Default: my-app
Resources:
  GitHubProvider:
    Type: AWS::IAM::OIDCProvider
    Properties:
      Url: https://${GH}
      ClientIdList: [sts.amazonaws.com]
  DeployRole:
    Type: AWS::IAM::Role
${metadata}    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Federated: !GetAtt GitHubProvider.Arn
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
${condition}
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: exports.handler = async () => 1
      Role: !GetAtt DeployRole.Arn
`;
}

const HOLE = `              StringLike:
                ${GH}:sub: !Sub repo:*/\${Repo}:*`;
const RISKY = `              StringEquals:
                ${GH}:sub: repo:my-org/my-app:ref:refs/heads/main
              StringLike:
                ${GH}:aud: sts.*`;
const CORRECT = `              StringEquals:
                ${GH}:aud: sts.amazonaws.com
                ${GH}:sub: !Sub repo:my-org/\${Repo}:ref:refs/heads/main`;

describe('YAML with short-form intrinsics (SAM)', () => {
  test('the hole: an error (any repository of any account), exit code 1, each finding naming the resource and its line', () => {
    const file = write('template.yaml', samTemplate(HOLE));
    const r = run(['audit', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:13: DeployRole \\(AWS::IAM::Role\\): error \\[OidcTenantSubject\\]`, 'm'));
    expect(auditTemplates([file]).map(f => [f.logicalId, f.level, f.rule])).toEqual([
      // GitHub's audience is whatever the workflow asks for: the subject is the boundary (the severity policy)
      ['DeployRole', 'warning', 'OidcAudience'],
      ['DeployRole', 'error', 'OidcTenantSubject'],
    ]);
  });

  test('the risky variant: a warning, exit code 0', () => {
    const r = run(['audit', write('template.yaml', samTemplate(RISKY))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warning \[OidcAudienceWildcard\]/);
    expect(r.stdout).toMatch(/1 template\(s\) audited: 0 error\(s\), 1 warning\(s\), 0 acknowledged\n$/);
  });

  test('the correct look-alike: nothing, exit code 0', () => {
    const r = run(['audit', write('template.yml', samTemplate(CORRECT))]);
    expect(r).toEqual({ code: 0, stdout: '1 template(s) audited: 0 error(s), 0 warning(s), 0 acknowledged\n', stderr: '' });
  });

  test('JSON templates are read too', () => {
    const stack = new Stack(new App(), 'S');
    new iam.Role(stack, 'Open', { assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GH}`) });
    const file = write('open.template.json', JSON.stringify(stack.resolve((stack as any)._toCloudFormation())));
    expect(auditTemplates([file]).map(f => f.rule)).toEqual(['OidcAudience', 'OidcTenantSubject']);
  });
});

describe('acknowledgements in the template\'s metadata', () => {
  const metadata = (reason: string) => `    Metadata:
      ${TrustedIdentityChecks.METADATA_KEY}:
        OidcAudience: ${reason}
        OidcTenantSubject: ${reason}
`;

  test('an acknowledged finding is a note with the reason; exit code 0', () => {
    const r = run(['audit', write('t.yaml', samTemplate(HOLE, metadata('a test fixture (TICKET-1)'))), '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: any) => [f.rule, f.level])).toEqual([['OidcAudience', 'note'], ['OidcTenantSubject', 'note']]);
    expect(out.findings[0].message).toMatch(/Acknowledged: a test fixture \(TICKET-1\)$/);
    expect(out.summary).toEqual({ errors: 0, warnings: 0, acknowledged: 2 });
  });

  test('an empty reason acknowledges nothing', () => {
    expect(run(['audit', write('t.yaml', samTemplate(HOLE, metadata('""')))]).code).toBe(1);
  });

  test('TrustedIdentityChecks.acknowledge() writes the acknowledgement into the synthesized template', () => {
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'S');
    const role = new iam.Role(stack, 'Open', { assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GH}`) });
    TrustedIdentityChecks.acknowledge(role, 'OidcAudience', 'audience checked elsewhere (test)');
    Aspects.of(app).add(new TrustedIdentityChecks());
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'S.template.json'), 'utf8'));
    const [resource] = Object.values<any>(template.Resources).filter(r => r.Type === 'AWS::IAM::Role');
    expect(resource.Metadata[TrustedIdentityChecks.METADATA_KEY]).toEqual({ OidcAudience: 'audience checked elsewhere (test)' });
    expect(auditTemplates([path.join(dir, 'cdk.out', 'S.template.json')]).map(f => [f.rule, f.level])).toEqual([
      ['OidcAudience', 'note'], ['OidcTenantSubject', 'error'],
    ]);
  });
});

describe('files and folders', () => {
  test('a cdk.out folder: every template (nested ones too), nothing else', () => {
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    new iam.Role(new Stack(app, 'A'), 'Open', { assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GH}`) });
    new iam.Role(new Stack(app, 'B'), 'Fine', { assumedBy: new iam.AccountRootPrincipal() });
    app.synth();
    write('other/notes.yaml', 'title: not a template\n');
    const r = run(['audit', dir, '--format=json']);
    const out = JSON.parse(r.stdout);
    expect(out.templates.map((t: string) => path.relative(dir, t)).sort()).toEqual([path.join('cdk.out', 'A.template.json'), path.join('cdk.out', 'B.template.json')]);
    expect(out.findings.map((f: any) => [path.basename(f.file), f.logicalId, f.rule])).toEqual([
      ['A.template.json', expect.stringMatching(/^Open/), 'OidcAudience'],
      ['A.template.json', expect.stringMatching(/^Open/), 'OidcTenantSubject'],
    ]);
    expect(r.code).toBe(1);
  });

  test.each<[string, string[], RegExp]>([
    ['no command', [], /^Usage: cdk-trusted-identity audit/m],
    ['an unknown command', ['scan', '.'], /unknown command "scan"/],
    ['no input', ['audit'], /give at least one template file or folder/],
    ['a missing file', ['audit', '/nonexistent/t.yaml'], /\/nonexistent\/t.yaml: no such file or folder/],
    ['an unknown format', ['audit', '.', '--format', 'xml'], /--format must be text, json or sarif \(got "xml"\)/],
    ['an unknown option', ['audit', '.', '--fix'], /unknown option "--fix"/],
  ])('%s: exit code 2 and the usage', (_, args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('a folder without templates: exit code 2', () => {
    write('a.json', '{"not": "a template"}');
    expect(run(['audit', dir])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no CloudFormation template found/) });
  });

  test('a file CloudFormation would reject: exit code 2, naming it', () => {
    const file = write('bad.yaml', 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n');
    expect(run(['audit', file])).toMatchObject({ code: 2, stderr: expect.stringMatching(/bad.yaml: not a CloudFormation template this command can read/) });
  });
});

describe('--format sarif', () => {
  test('valid SARIF 2.1.0, every rule described, results located by file, line and logical id, acknowledged ones suppressed', () => {
    const open = write('open.yaml', samTemplate(HOLE));
    const acked = write('acked.yaml', samTemplate(RISKY, `    Metadata:\n      ${TrustedIdentityChecks.METADATA_KEY}:\n        OidcAudienceWildcard: staged rollout (test)\n`));
    const r = run(['audit', open, acked, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif).toBeValidSarifLog();
    expect(sarif.version).toBe('2.1.0');
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((x: any) => x.id)).toEqual(Object.keys(TrustedIdentityChecks._rules()));
    for (const rule of rules) expect(rule.fullDescription.text).toMatch(/ Fix: /);
    const results = sarif.runs[0].results;
    expect(results.map((x: any) => [x.ruleId, x.level, rules[x.ruleIndex].id === x.ruleId])).toEqual([
      ['OidcAudience', 'warning', true], ['OidcTenantSubject', 'error', true], ['OidcAudienceWildcard', 'note', true],
    ]);
    expect(results[0].locations[0].physicalLocation.region.startLine).toBe(13);
    expect(results[0].locations[0].logicalLocations[0].name).toBe('DeployRole');
    expect(results[2].suppressions).toEqual([{ kind: 'inSource', justification: 'staged rollout (test)' }]);
  });

  test('the SARIF check fails on a broken log (the matcher is not vacuous)', () => {
    expect({ version: '2.1.0', runs: [{ tool: {} }] }).not.toBeValidSarifLog();
  });
});

test('the bin: `cdk-trusted-identity audit` runs as a command, with its exit code', () => {
  const file = write('open.yaml', samTemplate(HOLE));
  const cli = path.join(ROOT, 'src', 'audit', 'cli.ts');
  const env = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'), TS_NODE_TRANSPILE_ONLY: 'true' };
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register', cli, 'audit', file], { cwd: ROOT, env, encoding: 'utf8' });
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/error \[OidcTenantSubject\]/);
  // package.json names it, and the file it names is what the build compiles from src/audit/cli.ts.
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.bin).toEqual({ 'cdk-trusted-identity': 'lib/audit/cli.js' });
  expect(fs.readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});
