import { App, Fn, Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { expressionHash } from '../../src/private/hash';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Thing');
}

test('is 8 hex characters of the SHA-256 of the values, the same for the same values and different for others', () => {
  const h = expressionHash(scope(), ['arn:aws:sso:::instance/ssoins-1234567890abcdef', 'OIDC_JWT']);
  expect(h).toBe('3805fcd1');
  expect(expressionHash(scope(), ['arn:aws:sso:::instance/ssoins-1234567890abcdef', 'OIDC_JWT'])).toBe(h);
  expect(expressionHash(scope(), ['arn:aws:sso:::instance/ssoins-1234567890abcdef', 'OTHER'])).not.toBe(h);
});

test('hashes a token by its CloudFormation expression: unrelated tokens made before it do not change the hash', () => {
  const first = expressionHash(scope(), [Fn.importValue('InstanceArn'), 'OIDC_JWT']);
  for (let i = 0; i < 5; i++) Lazy.string({ produce: () => 'unrelated' });
  expect(expressionHash(scope(), [Fn.importValue('InstanceArn'), 'OIDC_JWT'])).toBe(first);
  expect(expressionHash(scope(), [Fn.importValue('OtherArn'), 'OIDC_JWT'])).not.toBe(first);
});
