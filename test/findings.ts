/**
 * Reads the findings of `TrustedIdentityChecks` from a synthesized app (every stack, nested stacks included), and
 * checks that the `cdk-trusted-identity audit` command, run on the templates the app wrote, finds the same: one rule
 * implementation, two front ends. Every test that reads findings through here tests both.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { auditTemplates } from '../src/audit/command';

/** One annotation written by the aspect. */
export interface Finding {
  readonly rule: string;
  /** `error`, `warning` or `info` (acknowledged). */
  readonly level: string;
  readonly path: string;
  readonly message: string;
}

/** Options of `findingsOf`. */
export interface FindingsOptions {
  /**
   * Check that the audit command agrees on every stack's template.
   * @default true
   */
  readonly command?: boolean;
}

/** Annotations whose message starts with a rule id in brackets: `[OidcAudience] ...`. */
export function findingsOf(assembly: CloudAssembly, options: FindingsOptions = {}): Finding[] {
  const findings: Array<Finding & { logicalId?: string }> = [];
  const logicalIds = new Map<string, string>();
  for (const stack of assembly.stacksRecursively) {
    for (const e of stack.findMetadataByType('aws:cdk:logicalId')) logicalIds.set(e.path, e.data as string);
    for (const m of stack.messages) {
      const message = String(m.entry.data);
      const rule = /^\[(\w+)\]/.exec(message)?.[1];
      if (rule) findings.push({ rule, level: m.level, path: m.id, message, logicalId: logicalIds.get(m.id) });
    }
  }
  if (options.command !== false) expectCommandAgrees(assembly.directory, findings, logicalIds);
  return findings.map(({ logicalId: _, ...f }) => f);
}

/**
 * The command's findings on every template of the assembly (nested stacks' included) equal the aspect's: rule, level,
 * resource and message. Messages name resources by construct path in an app and by logical id in a template; they
 * are compared with paths replaced by logical ids. A principal from another template (an `Fn::ImportValue`, a nested
 * stack's parameter) is only known at deploy time to the command, so only rule, level and resource are compared there.
 */
function expectCommandAgrees(directory: string, aspect: Array<Finding & { logicalId?: string }>, logicalIds: Map<string, string>): void {
  const level = (l: string) => (l === 'info' ? 'note' : l);
  const templates = fs.readdirSync(directory).filter(f => f.endsWith('.template.json')).map(f => path.join(directory, f));
  const command = auditTemplates(templates);
  const crossTemplate = templates.some(t => /"Fn::ImportValue"|"referenceto/.test(fs.readFileSync(t, 'utf8')));
  const byPath = [...logicalIds.entries()].sort(([a], [b]) => b.length - a.length);
  const normalize = (message: string) => {
    let out = message.replace(/ \[ack: [^\]]+\]$/, '').replace(/Audited\/Template\//g, '');
    for (const [p, id] of byPath) out = out.split(p.slice(1)).join(id);
    return crossTemplate ? '' : out;
  };
  const fromAspect = aspect.map(f => `${f.logicalId} ${level(f.level)} ${f.rule}: ${normalize(f.message)}`).sort();
  const fromCommand = command.map(f => `${f.logicalId} ${f.level} ${f.rule}: ${normalize(f.message)}`).sort();
  expect(fromCommand).toEqual(fromAspect);
}
