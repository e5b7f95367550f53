import { createHash } from 'crypto';
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
  return createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 8);
}
