import { App, Aws, CfnParameter, NestedStack, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { accountOf, AccountUniqueName, claimPerAccount } from '../../src/private/account-limits';

const NAME: Omit<AccountUniqueName, 'name' | 'value'> = {
  resource: 'test:thing',
  rule: 'the service allows one thing per name per account',
  prop: 'name',
  consequence: 'the second deploy fails',
  fix: 'import it',
};

function claim(scope: Construct, name: string): void {
  claimPerAccount(scope, { ...NAME, name, value: name });
}

describe('accountOf', () => {
  test.each<[string, (app: App) => Construct, string | undefined]>([
    ['a literal account', app => new Stack(app, 'S', { env: { account: '123456789012' } }), '123456789012'],
    ['an env-agnostic stack', app => new Stack(app, 'S'), 'env-agnostic'],
    ['Aws.ACCOUNT_ID, which is env-agnostic', app => new Stack(app, 'S', { env: { account: Aws.ACCOUNT_ID } }), 'env-agnostic'],
    ['a nested stack (its parent\'s account)', app => new NestedStack(new Stack(app, 'S', { env: { account: '123456789012' } }), 'N'), '123456789012'],
    ['another token: unknown', app => new Stack(app, 'S', { env: { account: Token.asString({ resolve: () => '123456789012' }) } }), undefined],
  ])('%s', (_name, build, expected) => {
    expect(accountOf(build(new App()))).toBe(expected);
  });
});

describe('claimPerAccount', () => {
  test('rejects a second claim of one name in one account, naming both paths', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { account: '123456789012' } });
    claim(new Construct(stack, 'A'), 'x');
    expect(() => claim(new Construct(stack, 'B'), 'x')).toThrow(
      /^S\/B: name "x" is already used by S\/A in the same AWS account \(123456789012\): the service allows one thing per name per account, so the second deploy fails\. Keep one of them and, everywhere else, import it$/,
    );
  });

  test('accepts other names, other namespaces, other accounts and token names', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { account: '123456789012' } });
    const other = new Stack(app, 'O', { env: { account: '210987654321' } });
    claim(new Construct(stack, 'A'), 'x');
    expect(() => claim(new Construct(stack, 'B'), 'y')).not.toThrow();
    expect(() => claimPerAccount(new Construct(stack, 'C'), { ...NAME, resource: 'test:other', name: 'x', value: 'x' })).not.toThrow();
    expect(() => claim(new Construct(other, 'A'), 'x')).not.toThrow();
    const token = new CfnParameter(stack, 'P').valueAsString;
    claim(new Construct(stack, 'T1'), token);
    expect(() => claim(new Construct(stack, 'T2'), token)).not.toThrow();
  });
});
