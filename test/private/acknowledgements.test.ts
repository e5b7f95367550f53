import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Aws, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { acknowledgeNag, acknowledgeNewerType, hasValidations, nagFinding } from '../../src/private/acknowledgements';

/**
 * The ids recorded for `Validations`-based tools (cdk-nag 3, the template validator), as cdk-nag 3 reads them (any
 * entry; some releases add one entry per call that shares the accumulated object, hence the set).
 */
function acknowledged(resource: CfnResource): string[] {
  return [...new Set(resource.node.metadata
    .filter(m => m.type === 'aws:cdk:acknowledged-rules')
    .flatMap(m => Object.keys(m.data).map(k => k.replace(/^annotation::/i, ''))))];
}

function cfn(stack: Stack, id = 'R', type = 'AWS::IAM::Policy'): CfnResource {
  return new CfnResource(stack, id, { type });
}

describe('nagFinding renders a value as cdk-nag prints it', () => {
  const stack = new Stack();
  const other = cfn(stack, 'Other', 'AWS::SSO::Application');
  test.each([
    ['a literal', 'arn:aws:sso::123456789012:application/ssoins-1/*', 'Resource::arn:aws:sso::123456789012:application/ssoins-1/*'],
    ['pseudo parameters (Ref)', `arn:${Aws.PARTITION}:sso::${Aws.ACCOUNT_ID}:trustedTokenIssuer/*`, 'Resource::arn:<AWS::Partition>:sso::<AWS::AccountId>:trustedTokenIssuer/*'],
    ['an attribute (Fn::GetAtt)', `${other.getAtt('ApplicationArn')}/*`, 'Resource::<Other.ApplicationArn>/*'],
    ['Fn::Sub', Fn.sub('arn:${AWS::Partition}:sso:::instance/*'), 'Resource::arn:<AWS::Partition>:sso:::instance/*'],
    ['Fn::ImportValue', Fn.importValue('SharedArn'), 'Resource::SharedArn'],
  ])('%s', (_, value, expected) => {
    expect(nagFinding(stack, 'Resource', value)).toBe(expected);
  });

  test('an environment-specific stack renders its literal account', () => {
    const pinned = new Stack(undefined, 'Pinned', { env: { account: '111122223333', region: 'us-east-1' } });
    expect(nagFinding(pinned, 'Policy', `arn:${Aws.PARTITION}:iam::${pinned.account}:policy/x`)).toBe('Policy::arn:<AWS::Partition>:iam::111122223333:policy/x');
  });
});

describe('acknowledgeNag', () => {
  test('writes cdk-nag 2 metadata and, where aws-cdk-lib has Validations, one cdk-nag 3 acknowledgement per finding', () => {
    const r = cfn(new Stack());
    acknowledgeNag(r, 'AwsSolutions-IAM5', 'because', ['Resource::a/*', 'Resource::b/*']);
    expect(r.getMetadata('cdk_nag')).toEqual({ rules_to_suppress: [{ id: 'AwsSolutions-IAM5', reason: 'because', applies_to: ['Resource::a/*', 'Resource::b/*'] }] });
    expect(acknowledged(r)).toEqual(hasValidations() ? ['AwsSolutions-IAM5[Resource::a/*]', 'AwsSolutions-IAM5[Resource::b/*]'] : []);
  });

  test('a finding is acknowledged once per resource, whatever the reason of a later call', () => {
    const r = cfn(new Stack());
    acknowledgeNag(r, 'AwsSolutions-IAM5', 'first', ['Resource::a/*']);
    acknowledgeNag(r, 'AwsSolutions-IAM5', 'first', ['Resource::a/*', 'Resource::a/*', 'Resource::b/*']);
    acknowledgeNag(r, 'AwsSolutions-IAM5', 'second', ['Resource::b/*', 'Resource::c/*']);
    expect(r.getMetadata('cdk_nag').rules_to_suppress).toEqual([
      { id: 'AwsSolutions-IAM5', reason: 'first', applies_to: ['Resource::a/*', 'Resource::b/*'] },
      { id: 'AwsSolutions-IAM5', reason: 'second', applies_to: ['Resource::c/*'] },
    ]);
    expect(acknowledged(r)).toEqual(hasValidations() ? ['a', 'b', 'c'].map(x => `AwsSolutions-IAM5[Resource::${x}/*]`) : []);
  });

  test('a rule without findings is acknowledged by its id, once', () => {
    const r = cfn(new Stack(), 'F', 'AWS::Lambda::Function');
    acknowledgeNag(r, 'AwsSolutions-L1', 'runtime chosen by aws-cdk-lib');
    acknowledgeNag(r, 'AwsSolutions-L1', 'runtime chosen by aws-cdk-lib');
    expect(r.getMetadata('cdk_nag')).toEqual({ rules_to_suppress: [{ id: 'AwsSolutions-L1', reason: 'runtime chosen by aws-cdk-lib' }] });
    expect(acknowledged(r)).toEqual(hasValidations() ? ['AwsSolutions-L1'] : []);
  });

  test('only the given resource: its siblings and its stack get nothing', () => {
    const stack = new Stack();
    const r = cfn(stack);
    const sibling = cfn(stack, 'Sibling');
    acknowledgeNag(r, 'AwsSolutions-IAM5', 'because', ['Resource::a/*']);
    expect(sibling.getMetadata('cdk_nag')).toBeUndefined();
    expect(acknowledged(sibling)).toEqual([]);
    expect(stack.node.metadata.filter(m => m.type === 'aws:cdk:acknowledged-rules')).toEqual([]);
  });
});

test('acknowledgeNewerType acknowledges the template validator\'s F3006 on the resource, with the type in the reason', () => {
  const r = cfn(new Stack(), 'Issuer', 'AWS::SSO::TrustedTokenIssuer');
  acknowledgeNewerType(r);
  expect(acknowledged(r)).toEqual(hasValidations() ? ['CloudFormation-Validate::F3006'] : []);
  const reasons = r.node.metadata.filter(m => m.type === 'aws:cdk:acknowledged-rules').map(m => Object.values(m.data)[0]);
  for (const reason of reasons) expect(reason).toMatch(/^AWS::SSO::TrustedTokenIssuer is newer than the CloudFormation schemas/);
});

test('the dev pin has Validations (the floor lane runs these tests without it)', () => {
  // aws-cdk-lib 2.257+ has it; 2.215 (the floor) does not. Both paths above are exercised by the lanes.
  const version: string = jest.requireActual('aws-cdk-lib/package.json').version;
  expect(hasValidations()).toBe(Number(version.split('.')[1]) >= 257);
});

test('a finding id with "::" inside its brackets leaves no error file in the cloud assembly (caught errors do on some releases)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ack-'));
  const errorFile = path.join(dir, 'error.txt');
  const saved = process.env.CDK_ERROR_FILE;
  process.env.CDK_ERROR_FILE = errorFile;
  try {
    const r = cfn(new Stack());
    acknowledgeNag(r, 'AwsSolutions-IAM4', 'because', ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(acknowledged(r)).toEqual(hasValidations() ? ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'] : []);
    expect(fs.existsSync(errorFile)).toBe(false);
  } finally {
    if (saved === undefined) delete process.env.CDK_ERROR_FILE;
    else process.env.CDK_ERROR_FILE = saved;
  }
});
