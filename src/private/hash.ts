import * as crypto from 'crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * 8 hex characters that change with `values`. Tokens are hashed by their CloudFormation expression (stable across
 * synths), not by their `${Token[...]}` string (which changes when unrelated tokens are added).
 */
export function expressionHash(scope: IConstruct, values: string[]): string {
  // Literal values (the common case) need no stack to resolve them.
  const resolved = values.some(v => Token.isUnresolved(v))
    ? values.map(v => (Token.isUnresolved(v) ? Stack.of(scope).resolve(v) : v))
    : values;
  return sha256Hex(JSON.stringify(resolved)).slice(0, 8);
}

/** Node's one-shot `crypto.hash` (20.12+, 21.7+), which skips the Hash object; the same digest as `createHash`. */
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined = (crypto as any).hash;

/** The SHA-256 of `data`, as hex. */
export function sha256Hex(data: string): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}
