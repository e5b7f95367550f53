/**
 * Reads the findings of `TrustedIdentityChecks` from a synthesized app (every stack, nested stacks included).
 */
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

/** One annotation written by the aspect. */
export interface Finding {
  readonly rule: string;
  /** `error`, `warning` or `info` (acknowledged). */
  readonly level: string;
  readonly path: string;
  readonly message: string;
}

/** Annotations whose message starts with a rule id in brackets: `[OidcAudience] ...`. */
export function findingsOf(assembly: CloudAssembly): Finding[] {
  const findings: Finding[] = [];
  for (const stack of assembly.stacksRecursively) {
    for (const m of stack.messages) {
      const message = String(m.entry.data);
      const rule = /^\[(\w+)\]/.exec(message)?.[1];
      if (rule) findings.push({ rule, level: m.level, path: m.id, message });
    }
  }
  return findings;
}
