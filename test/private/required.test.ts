import { App, CfnParameter, Fn, Lazy, RemovalPolicy, SecretValue, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AccessScope, TrustedTokenIssuerImplementation } from '../../src';
import {
  requireBoolean, requireConstruct, requireEnum, requireGrantable, requireInstanceOf, requireList, requirePrincipal, requireResource,
  requireSecretValue, requireString, requireStringList, requireStringMap, requireStruct,
} from '../../src/private/required';
import { show, TrustedIdentityValidationError } from '../../src/private/validation';

const AT = 'Thing.method';

function setup() {
  const stack = new Stack(new App(), 'Stack');
  const scope = new Construct(stack, 'Scope');
  const token = new CfnParameter(stack, 'P').valueAsString;
  return { stack, scope, token };
}

describe('requireStruct', () => {
  test.each([[{}], [{ a: 1 }]])('accepts %j', (value) => {
    expect(() => requireStruct(AT, 'props', value, 'XProps')).not.toThrow();
  });
  test('accepts undefined when optional', () => {
    expect(() => requireStruct(AT, 'options', undefined, 'XOptions', { optional: true })).not.toThrow();
  });
  test('rejects undefined when required, naming the class, the prop and what is expected', () => {
    expect(() => requireStruct(AT, 'props', undefined, 'XProps, an object with a'))
      .toThrow(new TrustedIdentityValidationError(AT, 'props undefined is required: XProps, an object with a'));
  });
  test.each<[unknown, string]>([
    [null, 'null'], ['x', '"x"'], [[1], '[1]'], [42, '42'],
  ])('rejects %j', (value, shown) => {
    expect(() => requireStruct(AT, 'props', value, 'XProps')).toThrow(`${AT}: props ${shown} must be an object: XProps`);
  });
  test('rejects a token (its fields cannot be read) and says "or left out" for optional structs', () => {
    expect(() => requireStruct(AT, 'options', Lazy.any({ produce: () => ({}) }), 'XOptions', { optional: true }))
      .toThrow(/^Thing.method: options .* must be an object \(or left out\): XOptions$/);
  });
});

describe('requireString', () => {
  test.each(['', 'arn:aws:sso:::instance/ssoins-1234567890abcdef'])('accepts %j', (value) => {
    expect(() => requireString(AT, 'instanceArn', value, 'an ARN')).not.toThrow();
  });
  test('accepts a string token (Fn.importValue, CfnParameter, Lazy.string)', () => {
    const { scope, token } = setup();
    for (const t of [Fn.importValue('X'), token, Lazy.string({ produce: () => 'x' })]) {
      expect(() => requireString(scope, 'instanceArn', t, 'an ARN')).not.toThrow();
    }
  });
  test('rejects a missing string with the construct path, in the library\'s error', () => {
    const { scope } = setup();
    expect(() => requireString(scope, 'instanceArn', undefined, 'an ARN')).toThrow(TrustedIdentityValidationError);
    expect(() => requireString(scope, 'instanceArn', undefined, 'an ARN')).toThrow(/^Stack\/Scope: instanceArn undefined is required: an ARN$/);
  });
  test('accepts undefined when optional', () => {
    expect(() => requireString(AT, 'name', undefined, 'a name', { optional: true })).not.toThrow();
  });
  test('rejects null when optional (the library tests !== undefined)', () => {
    expect(() => requireString(AT, 'name', null, 'a name', { optional: true })).toThrow(/^Thing.method: name null must be a string \(or left out\): a name$/);
  });
  test.each<[unknown, RegExp]>([
    [42, /^Thing.method: instanceArn 42 must be a string: an ARN$/],
    [['a'], /^Thing.method: instanceArn \["a"\] must be a string: an ARN$/],
    [{ toString: () => 'a' }, /must be a string: an ARN$/],
  ])('rejects %p', (value, message) => {
    expect(() => requireString(AT, 'instanceArn', value, 'an ARN')).toThrow(message);
  });
  test('rejects a token that is not a string, and says how to make one', () => {
    expect(() => requireString(AT, 'instanceArn', Fn.getAtt('R', 'Arn'), 'an ARN'))
      .toThrow(/instanceArn "<unresolved-token>" must be a string \(for a token, pass Token.asString\(value\)\): an ARN/);
  });
  test('accepts that token made a string', () => {
    expect(() => requireString(AT, 'instanceArn', Token.asString(Fn.getAtt('R', 'Arn')), 'an ARN')).not.toThrow();
  });
});

describe('requireBoolean', () => {
  test.each([true, false])('accepts %j', (value) => {
    expect(() => requireBoolean(AT, 'assignmentRequired', value, 'why')).not.toThrow();
  });
  test('rejects a missing required boolean', () => {
    expect(() => requireBoolean(AT, 'assignmentRequired', undefined, 'why'))
      .toThrow(/^Thing.method: assignmentRequired undefined is required and must be true or false: why$/);
  });
  test.each<[unknown, string]>([['true', '"true"'], [1, '1'], [null, 'null']])('rejects %j', (value, shown) => {
    expect(() => requireBoolean(AT, 'flag', value, 'why', { optional: true })).toThrow(`${AT}: flag ${shown} must be true or false (or left out): why`);
  });
  test('accepts undefined when optional', () => {
    expect(() => requireBoolean(AT, 'flag', undefined, 'why', { optional: true })).not.toThrow();
  });
  test('rejects a token: the library decides on the value at synth time', () => {
    const { token } = setup();
    expect(() => requireBoolean(AT, 'flag', token, 'why')).toThrow(/flag "\$\{Token\[.*\]\}" must be true or false: why/);
  });
});

describe('requireEnum', () => {
  test.each([RemovalPolicy.DESTROY, 'retain'])('accepts %j (a member, or its value as plain JavaScript passes it)', (value) => {
    expect(() => requireEnum(AT, 'removalPolicy', value, RemovalPolicy, 'RemovalPolicy')).not.toThrow();
  });
  test('rejects a string outside the enum, listing members and (when they differ) values', () => {
    expect(() => requireEnum(AT, 'removalPolicy', 'RETAIN', RemovalPolicy, 'RemovalPolicy')).toThrow(
      `${AT}: removalPolicy "RETAIN" must be one of DESTROY, RETAIN, SNAPSHOT, RETAIN_ON_UPDATE_OR_DELETE (RemovalPolicy; the values are "destroy", "retain", "snapshot", "retain-on-update-or-delete")`);
    expect(() => requireEnum(AT, 'implementation', 'NATIVE', TrustedTokenIssuerImplementation, 'TrustedTokenIssuerImplementation'))
      .toThrow(`${AT}: implementation "NATIVE" must be one of CLOUDFORMATION, CUSTOM_RESOURCE (TrustedTokenIssuerImplementation)`);
  });
  test('rejects a value of another type', () => {
    expect(() => requireEnum(AT, 'removalPolicy', 1, RemovalPolicy, 'RemovalPolicy')).toThrow(/removalPolicy 1 must be one of DESTROY/);
  });
  test('accepts undefined when optional', () => {
    expect(() => requireEnum(AT, 'removalPolicy', undefined, RemovalPolicy, 'RemovalPolicy', { optional: true })).not.toThrow();
  });
  test('rejects undefined when required', () => {
    expect(() => requireEnum(AT, 'removalPolicy', undefined, RemovalPolicy, 'RemovalPolicy')).toThrow(/removalPolicy undefined is required: one of DESTROY/);
  });
  test('accepts a string token (it reaches the template as it is)', () => {
    const { token } = setup();
    expect(() => requireEnum(AT, 'status', token, TrustedTokenIssuerImplementation, 'TrustedTokenIssuerImplementation')).not.toThrow();
  });
  test('rejects a token where the library branches on the value (literal)', () => {
    const { token } = setup();
    expect(() => requireEnum(AT, 'implementation', token, TrustedTokenIssuerImplementation, 'TrustedTokenIssuerImplementation', { literal: true }))
      .toThrow(/implementation ".*" must be one of CLOUDFORMATION, CUSTOM_RESOURCE \(TrustedTokenIssuerImplementation\), not a token: the library decides on it at synth time/);
  });
});

describe('requireStringList', () => {
  test.each([[[]], [['a', 'b']]])('accepts %j', (value) => {
    expect(() => requireStringList(AT, 'clientIds', value, 'client IDs')).not.toThrow();
  });
  test('accepts list tokens and string tokens among literal elements', () => {
    const { stack, token } = setup();
    const list = new CfnParameter(stack, 'L', { type: 'CommaDelimitedList' }).valueAsList;
    for (const v of [list, Fn.split(',', Fn.importValue('X')), Lazy.list({ produce: () => ['a'] }), ['a', token]]) {
      expect(() => requireStringList(AT, 'clientIds', v, 'client IDs')).not.toThrow();
    }
  });
  test('rejects a string token: a list token is needed', () => {
    const { token } = setup();
    expect(() => requireStringList(AT, 'clientIds', token, 'client IDs'))
      .toThrow(/clientIds ".*" must be a list of strings \(for a token, pass a list token such as Fn.split\(...\) or a parameter's valueAsList\): client IDs/);
  });
  test.each<[unknown, RegExp]>([
    ['a', /^Thing.method: clientIds "a" must be a list of strings: client IDs$/],
    [undefined, /^Thing.method: clientIds undefined is required: client IDs$/],
    [['a', 1], /^Thing.method: clientIds\[1\] 1 must be a string: client IDs$/],
    [[undefined], /^Thing.method: clientIds\[0\] undefined must be a string: client IDs$/],
  ])('rejects %j', (value, message) => {
    expect(() => requireStringList(AT, 'clientIds', value, 'client IDs')).toThrow(message);
  });
  test('accepts undefined when optional', () => {
    expect(() => requireStringList(AT, 'clientIds', undefined, 'client IDs', { optional: true })).not.toThrow();
  });
});

describe('requireList', () => {
  test('accepts a list, running the element check with each element\'s prop', () => {
    const seen: string[] = [];
    requireList(AT, 'items', ['a', 'b'], 'items', (_item, prop) => seen.push(prop));
    expect(seen).toEqual(['items[0]', 'items[1]']);
  });
  test('rejects a non-list, naming the element kind when given', () => {
    expect(() => requireList(AT, 'items', {}, 'items', () => undefined, { itemKind: 'issuers' })).toThrow(/items \{\} must be a list of issuers: items/);
    expect(() => requireList(AT, 'items', {}, 'items', () => undefined)).toThrow(/items \{\} must be a list: items/);
  });
});

describe('requireStringMap', () => {
  test('accepts a map of strings, string tokens and no map when optional', () => {
    const { token } = setup();
    expect(() => requireStringMap(AT, 'tags', { a: 'b', c: token }, 'tags')).not.toThrow();
    expect(() => requireStringMap(AT, 'tags', undefined, 'tags', { optional: true })).not.toThrow();
  });
  test.each<[unknown, RegExp]>([
    ['a=b', /^Thing.method: tags "a=b" must be an object of strings: tags$/],
    [['a'], /tags \["a"\] must be an object of strings: tags$/],
    [{ a: 1 }, /^Thing.method: tags\["a"\] 1 must be a string: tags$/],
    [Lazy.any({ produce: () => ({}) }), /tags ".*" must be an object of strings: tags$/],
  ])('rejects %j', (value, message) => {
    expect(() => requireStringMap(AT, 'tags', value, 'tags')).toThrow(message);
  });
});

describe('requireSecretValue', () => {
  test('accepts a SecretValue (always an unresolved token)', () => {
    const secret = SecretValue.secretsManager('okta');
    expect(Token.isUnresolved(secret)).toBe(true);
    expect(() => requireSecretValue(AT, 'clientSecret', secret, 'a secret')).not.toThrow();
    expect(() => requireSecretValue(AT, 'clientSecret', SecretValue.unsafePlainText('x'), 'a secret')).not.toThrow();
  });
  test('rejects a plain string without showing it', () => {
    const f = () => requireSecretValue(AT, 'clientSecret', 'hunter2', 'a secret');
    expect(f).toThrow('Thing.method: clientSecret (a string, value not shown) must be a SecretValue: a secret');
    expect(f).not.toThrow(/hunter2/);
  });
  test.each<[unknown, string]>([
    [{ secretString: 'x' }, 'an object'], [['x'], 'a list'], [null, 'null'], [7, 'a number'],
  ])('rejects %j', (value, kind) => {
    expect(() => requireSecretValue(AT, 'clientSecret', value, 'a secret')).toThrow(`clientSecret (${kind}, value not shown) must be a SecretValue: a secret`);
  });
  test('rejects a string token: a SecretValue is required (it is rendered with unsafeUnwrap)', () => {
    expect(() => requireSecretValue(AT, 'clientSecret', Fn.importValue('S'), 'a secret')).toThrow(/must be a SecretValue/);
  });
  test('accepts undefined when optional', () => {
    expect(() => requireSecretValue(AT, 'clientSecret', undefined, 'a secret', { optional: true })).not.toThrow();
  });
  test('rejects undefined when required, and says "or left out" when optional', () => {
    expect(() => requireSecretValue(AT, 'clientSecret', undefined, 'a secret')).toThrow('clientSecret undefined is required: a secret');
    expect(() => requireSecretValue(AT, 'clientSecret', 'x', 'a secret', { optional: true })).toThrow(/must be a SecretValue \(or left out\)/);
  });
});

describe('requirePrincipal and requireGrantable', () => {
  test('accepts a role, a principal, and an imported role', () => {
    const { stack } = setup();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const imported = iam.Role.fromRoleArn(stack, 'I', Fn.importValue('RoleArn'));
    for (const g of [role, imported]) expect(() => requireGrantable(AT, 'grantee', g, 'a grantee')).not.toThrow();
    for (const p of [role, new iam.AccountRootPrincipal(), imported]) expect(() => requirePrincipal(AT, 'principal', p, 'a principal')).not.toThrow();
  });
  test.each<[unknown, RegExp]>([
    [undefined, /grantee undefined is required: a grantee/],
    ['arn:aws:iam::123456789012:role/x', /grantee "arn:aws:iam::123456789012:role\/x" must be an iam.IGrantable \(an object with a grantPrincipal\): a grantee/],
    [{ grantPrincipal: {} }, /grantee \{"grantPrincipal":\{\}\} must be an iam.IGrantable/],
    [{ roleArn: 'arn' }, /must be an iam.IGrantable/],
  ])('rejects %j as a grantee', (value, message) => {
    expect(() => requireGrantable(AT, 'grantee', value, 'a grantee')).toThrow(message);
  });
  test.each<[unknown, RegExp]>([
    [undefined, /principal undefined is required: a principal/],
    [{ AWS: 'arn' }, /principal \{"AWS":"arn"\} must be an iam.IPrincipal: a principal/],
  ])('rejects %j as a principal', (value, message) => {
    expect(() => requirePrincipal(AT, 'principal', value, 'a principal')).toThrow(message);
  });
});

describe('requireConstruct', () => {
  test('accepts a construct', () => {
    const { scope } = setup();
    expect(() => requireConstruct(AT, 'construct', scope, 'a construct')).not.toThrow();
  });
  test('rejects anything else', () => {
    expect(() => requireConstruct(AT, 'construct', { node: {} }, 'the role')).toThrow(/construct \{"node":\{\}\} must be a construct: the role/);
    expect(() => requireConstruct(AT, 'construct', undefined, 'the role')).toThrow(/construct undefined is required: the role/);
  });
});

describe('requireResource', () => {
  const shape = { kind: 'a kms.IKey', attributes: ['keyArn'], methods: ['addToResourcePolicy'] };
  test('accepts a created and an imported resource (token attributes too)', () => {
    const { stack } = setup();
    expect(() => requireResource(AT, 'encryptionKey', new kms.Key(stack, 'K'), shape, 'a key')).not.toThrow();
    expect(() => requireResource(AT, 'encryptionKey', kms.Key.fromKeyArn(stack, 'I', Fn.importValue('KeyArn')), shape, 'a key')).not.toThrow();
    expect(() => requireResource(AT, 'encryptionKey', undefined, shape, 'a key', { optional: true })).not.toThrow();
  });
  test.each<[unknown, RegExp]>([
    [{ keyArn: 'arn:aws:kms:us-east-1:123456789012:key/x', addToResourcePolicy: () => undefined }, /encryptionKey .* must be a kms.IKey: a key/],
    ['arn:aws:kms:us-east-1:123456789012:key/x', /encryptionKey "arn:aws:kms:.*" must be a kms.IKey: a key/],
    [undefined, /encryptionKey undefined is required: a key/],
  ])('rejects %j', (value, message) => {
    expect(() => requireResource(AT, 'encryptionKey', value, shape, 'a key')).toThrow(message);
  });
  test('rejects a construct that lacks an attribute, showing it by class and path', () => {
    const { scope } = setup();
    expect(() => requireResource(AT, 'encryptionKey', scope, shape, 'a key')).toThrow(/encryptionKey \[Construct Stack\/Scope\] must be a kms.IKey: a key/);
  });
});

describe('requireInstanceOf', () => {
  test('accepts an instance (private constructors too)', () => {
    expect(() => requireInstanceOf(AT, 'scope', AccessScope.OPENID, AccessScope, 'an AccessScope')).not.toThrow();
    expect(() => requireInstanceOf(AT, 'scope', undefined, AccessScope, 'an AccessScope', { optional: true })).not.toThrow();
  });
  test.each<[unknown, RegExp]>([
    [{ name: 'openid' }, /^Thing.method: scope \{"name":"openid"\} must be an AccessScope: use AccessScope.OPENID$/],
    ['openid', /scope "openid" must be an AccessScope/],
    [undefined, /scope undefined is required: use AccessScope.OPENID/],
  ])('rejects %j', (value, message) => {
    expect(() => requireInstanceOf(AT, 'scope', value, AccessScope, 'use AccessScope.OPENID')).toThrow(message);
  });
});

describe('show (values in messages)', () => {
  test('shows constructs by class and path, functions by name, and never fails on circular values', () => {
    const { stack, scope } = setup();
    const circular: any = { a: 1 };
    circular.self = circular;
    expect(show(scope)).toBe('[Construct Stack/Scope]');
    expect(show(stack.node.root)).toBe('[App (root)]');
    expect(show(function named() { return 1; })).toBe('[function named]');
    expect(show(() => 1)).toBe('[function (anonymous)]');
    expect(show(circular)).toBe('[Object]');
    expect(show(BigInt(10))).toBe('[BigInt]');
  });
});
