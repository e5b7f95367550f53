import { App, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MemberConstraint } from '../../src/private/constraint-types';
import { checkString, codePoints } from '../../src/private/validation';

function scope(): Construct {
  return new Construct(new Stack(new App(), 'Stack'), 'Thing');
}

describe('codePoints: the length the AWS models count', () => {
  test('is the string length without surrogate pairs', () => {
    expect(codePoints('')).toBe(0);
    expect(codePoints('emails.value')).toBe(12);
    expect(codePoints('é–ü')).toBe(3);
  });

  test('counts a surrogate pair (an emoji) as one', () => {
    expect('😀a😀'.length).toBe(5);
    expect(codePoints('😀a😀')).toBe(3);
  });
});

describe('checkString: lengths in code points', () => {
  const c: MemberConstraint = { type: 'string', minLength: 2, maxLength: 3 };

  test('passes a value within the limits by code points, though longer in UTF-16 units', () => {
    expect(() => checkString(scope(), 'name', '😀😀😀', c)).not.toThrow();
  });

  test('rejects a value over the limit by code points', () => {
    expect(() => checkString(scope(), 'name', '😀😀😀😀', c)).toThrow(/Thing: name "😀😀😀😀" must be at most 3 characters long.*\(got 4\)/);
  });

  test('rejects a value under the limit by code points, though 2 UTF-16 units long', () => {
    expect(() => checkString(scope(), 'name', '😀', c)).toThrow(/must be at least 2 characters long.*\(got 1\)/);
  });

  test('passes an unresolved token', () => {
    const s = scope();
    expect(() => checkString(s, 'name', Stack.of(s).account, { type: 'string', maxLength: 1 })).not.toThrow();
  });
});
