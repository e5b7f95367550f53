import { createHash } from 'crypto';
import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * 8 hex characters that change with `values`. Tokens are hashed by their CloudFormation expression (stable across
 * synths), not by their `${Token[...]}` string (which changes when unrelated tokens are added).
 */
export function expressionHash(scope: IConstruct, values: string[]): string {
  const stack = Stack.of(scope);
  const resolved = values.map(v => (Token.isUnresolved(v) ? stack.resolve(v) : v));
  return createHash('sha256').update(JSON.stringify(resolved)).digest('hex').slice(0, 8);
}
