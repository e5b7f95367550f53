import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { API_CONSTRAINTS, CFN_CONSTRAINTS, STRICTEST_CONSTRAINTS } from '../../src/private/constraints.generated';
import { checkStrictest, strictestConstraint, strictestTagLimits } from '../../src/private/strictest';
import { matches } from '../../src/private/validation';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'C');
}

describe('the generated STRICTEST table', () => {
  test.each([
    ['AWS::SSO::Application', 'Name'],
    ['AWS::SSO::Application', 'Description'],
    ['AWS::SSO::Application', 'Tags'],
    ['AWS::SSO::Application', 'Tags[].Key'],
    ['AWS::SSO::Application', 'Tags[].Value'],
    ['AWS::SSO::TrustedTokenIssuer', 'Name'],
    ['AWS::SSO::TrustedTokenIssuer', 'Tags'],
    ['AWS::SSO::TrustedTokenIssuer', 'Tags[].Key'],
    ['AWS::SSO::TrustedTokenIssuer', 'Tags[].Value'],
  ])('%s %s: the highest minimum and the lowest maximum of its sides', (type, prop) => {
    const c = strictestConstraint(type, prop);
    expect(c.sides.length).toBeGreaterThanOrEqual(2);
    for (const limit of ['maxLength', 'maxItems'] as const) {
      const values = c.sides.map(s => s[limit]).filter((v): v is number => v !== undefined);
      expect(c[limit]).toBe(values.length ? Math.min(...values) : undefined);
    }
    for (const limit of ['minLength', 'minItems'] as const) {
      const values = c.sides.map(s => s[limit]).filter((v): v is number => v !== undefined);
      expect(c[limit]).toBe(values.length ? Math.max(...values) : undefined);
    }
  });

  test('the sides are those of the CloudFormation and API tables', () => {
    const name = strictestConstraint('AWS::SSO::Application', 'Name');
    expect(name.sides).toEqual([
      { source: 'AWS::SSO::Application', minLength: CFN_CONSTRAINTS['AWS::SSO::Application:Name'].minLength, maxLength: 255 },
      { source: 'sso-admin:CreateApplication', minLength: 1, maxLength: API_CONSTRAINTS['sso-admin:CreateApplication'].Name.maxLength },
      { source: 'sso-admin:UpdateApplication', minLength: 1, maxLength: 100 },
    ]);
    expect(name.maxLength).toBe(100);
  });

  test('where the patterns differ, both are kept and both must match', () => {
    const key = strictestConstraint('AWS::SSO::Application', 'Tags[].Key');
    expect(key.patterns?.map(p => p.source)).toEqual(['AWS::SSO::Application', 'sso-admin:CreateApplication, sso-admin:TagResource']);
    expect(matches('team.a', key)).toBe(true);
    expect(matches('a:b', key)).toBe(false); // the API allows ":", CloudFormation does not
    expect(matches('é', key)).toBe(false); // the API allows letters of any script, CloudFormation \w only
    expect(matches('a#b', key)).toBe(false); // neither allows "#"
  });

  test('one pattern where every side has the same', () => {
    const name = STRICTEST_CONSTRAINTS['AWS::SSO::TrustedTokenIssuer:Name'];
    expect(name.patterns).toHaveLength(1);
    expect(name.fullMatch).toBe(true);
    expect(name.pattern).toBe(API_CONSTRAINTS['sso-admin:CreateTrustedTokenIssuer'].Name.pattern);
  });

  test('rejects an unknown key', () => {
    expect(() => strictestConstraint('AWS::SSO::Application', 'Nope')).toThrow(/internal: no strictest constraint AWS::SSO::Application:Nope/);
  });
});

describe('checkStrictest', () => {
  const name = strictestConstraint('AWS::SSO::Application', 'Name');
  test.each(['a', 'n'.repeat(100), 'a_b+c=d,e.f@g-h'])('accepts %j', (v) => {
    expect(() => checkStrictest(scope(), 'applicationName', v, name)).not.toThrow();
  });
  test.each<[string, RegExp]>([
    ['n'.repeat(101), /must be at most 100 characters long \(1-100\) \(got 101\); the stricter limit, set by sso-admin:CreateApplication and sso-admin:UpdateApplication \(AWS::SSO::Application allows 255\)/],
    ['a b', /^Stack\/C: applicationName "a b" must be a full match of the pattern \/\^\[\\w\+=,\.@-\]\+\$\/ \(the pattern of AWS::SSO::Application\)$/],
  ])('rejects %j, naming the side that set the limit', (v, message) => {
    expect(() => checkStrictest(scope(), 'applicationName', v, name)).toThrow(message);
  });
  test('a token passes', () => {
    const s = new Stack(new App(), 'Stack');
    expect(() => checkStrictest(s, 'applicationName', new CfnParameter(s, 'P').valueAsString, name)).not.toThrow();
  });
  test('a limit every side agrees on names no side', () => {
    expect(() => checkStrictest(scope(), 'description', 'd'.repeat(129), strictestConstraint('AWS::SSO::Application', 'Description')))
      .toThrow(/must be at most 128 characters long \(1-128\) \(got 129\)$/);
  });
  test('an enum is checked', () => {
    expect(() => checkStrictest(scope(), 'status', 'PAUSED', { type: 'string', enum: ['ENABLED'], sides: [] })).toThrow(/must be one of "ENABLED"/);
  });
  test('a side without the limit is named as such', () => {
    const c = { type: 'string', maxLength: 3, sides: [{ source: 'A', maxLength: 3 }, { source: 'B' }] };
    expect(() => checkStrictest(scope(), 'p', 'abcd', c)).toThrow(/set by A \(B has no such limit\)/);
  });
});

test('strictestTagLimits: the count, key and value of a type', () => {
  const limits = strictestTagLimits('AWS::SSO::TrustedTokenIssuer', 'words');
  expect(limits).toEqual({
    maxItems: 75,
    key: STRICTEST_CONSTRAINTS['AWS::SSO::TrustedTokenIssuer:Tags[].Key'],
    value: STRICTEST_CONSTRAINTS['AWS::SSO::TrustedTokenIssuer:Tags[].Value'],
    describe: 'words',
  });
});
