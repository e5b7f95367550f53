import { App, CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import { render, TOKEN } from '../../src/private/render';
import { classifySecret, SecretKind } from '../../src/private/secrets';

function stackWithParameters(): Stack {
  const stack = new Stack(new App(), 'Stack');
  new CfnParameter(stack, 'Hidden', { noEcho: true });
  new CfnParameter(stack, 'Shown');
  return stack;
}

describe('classifySecret', () => {
  test.each<[string, unknown, SecretKind]>([
    ['a secretsmanager reference', '{{resolve:secretsmanager:va/oidc:SecretString:clientSecret::}}', 'secretsmanager'],
    ['a secretsmanager reference joined with a Ref', { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'Secret' }, ':SecretString:::}}']] }, 'secretsmanager'],
    ['a secretsmanager reference whose first join element is empty', { 'Fn::Join': ['', ['', '{{resolve:secretsmanager:', { Ref: 'Secret' }, '}}']] }, 'secretsmanager'],
    ['a secretsmanager reference split by the join separator', { 'Fn::Join': [':', ['{{resolve', 'secretsmanager', { Ref: 'Secret' }, 'SecretString:::}}']] }, 'secretsmanager'],
    ['a secretsmanager reference in an Fn::Sub', { 'Fn::Sub': '{{resolve:secretsmanager:${Secret}:SecretString:::}}' }, 'secretsmanager'],
    ['an ssm-secure reference', '{{resolve:ssm-secure:/va/secret}}', 'ssm-secure'],
    ['an ssm reference', '{{resolve:ssm:/va/secret}}', 'ssm'],
    ['an ssm reference named by a parameter', { 'Fn::Join': ['', ['{{resolve:ssm:', { Ref: 'Shown' }, '}}']] }, 'ssm'],
    ['literal text', 'plain-secret', 'plain-text'],
    ['an empty string', '', 'plain-text'],
    ['a join of literal text only', { 'Fn::Join': ['', ['', 'plain']] }, 'plain-text'],
    ['an Fn::Sub without variables', { 'Fn::Sub': 'plain-${!literal}' }, 'plain-text'],
    ['a NoEcho parameter', { Ref: 'Hidden' }, 'deploy-time'],
    ['a resource attribute', { 'Fn::GetAtt': ['Thing', 'Secret'] }, 'deploy-time'],
    ['a join of deploy-time values only', { 'Fn::Join': ['', [{ Ref: 'Hidden' }, { 'Fn::GetAtt': ['Thing', 'Secret'] }]] }, 'deploy-time'],
    ['literal text after a deploy-time value', { 'Fn::Join': ['', [{ Ref: 'Hidden' }, 'suffix']] }, 'undecided'],
    ['literal text before a deploy-time value', { 'Fn::Join': ['', ['prefix', { Ref: 'Hidden' }]] }, 'undecided'],
    ['deploy-time values joined by a literal separator', { 'Fn::Join': ['-', [{ Ref: 'Hidden' }, { Ref: 'Hidden' }]] }, 'undecided'],
    ['an Fn::Sub of literal text and a variable', { 'Fn::Sub': 'prefix-${Hidden}' }, 'undecided'],
  ])('%s', (_what, resolved, kind) => {
    expect(classifySecret(stackWithParameters(), resolved)).toEqual({ kind });
  });

  test.each<[string, unknown]>([
    ['a Ref', { Ref: 'Shown' }],
    ['a join of a NoEcho and an echoed parameter', { 'Fn::Join': ['', [{ Ref: 'Hidden' }, { Ref: 'Shown' }]] }],
    ['literal text joined with the parameter', { 'Fn::Join': ['', ['prefix', { Ref: 'Shown' }]] }],
  ])('a parameter without NoEcho, by %s', (_what, resolved) => {
    expect(classifySecret(stackWithParameters(), resolved)).toEqual({ kind: 'parameter', parameter: 'Shown' });
  });

  test('reads SecretValue factories as the constructs render them', () => {
    const stack = stackWithParameters();
    const kindOf = (s: SecretValue) => classifySecret(stack, stack.resolve(s.unsafeUnwrap())).kind;
    expect(kindOf(SecretValue.secretsManager('va/oidc'))).toBe('secretsmanager');
    expect(kindOf(SecretValue.secretsManager(Fn.importValue('SecretArn')))).toBe('secretsmanager');
    expect(kindOf(SecretValue.ssmSecure('/va/secret'))).toBe('ssm-secure');
    expect(kindOf(SecretValue.unsafePlainText('x'))).toBe('plain-text');
    expect(kindOf(SecretValue.cfnParameter(stack.node.findChild('Hidden') as CfnParameter))).toBe('deploy-time');
  });
});

describe('render', () => {
  test.each<[unknown, string]>([
    ['text', 'text'],
    [3600, '3600'],
    [{ Ref: 'P' }, TOKEN],
    [{ 'Fn::Join': ['/', ['a', { Ref: 'P' }, { 'Fn::Join': ['', ['b', 'c']] }]] }, `a/${TOKEN}/bc`],
    [{ 'Fn::Sub': ['x-${P}-${!Literal}', { P: 'v' }] }, `x-${TOKEN}-\${!Literal}`],
    [{ 'Fn::If': ['C', 'a', 'b'] }, TOKEN],
  ])('%j', (value, text) => {
    expect(render(value)).toBe(text);
  });
});
