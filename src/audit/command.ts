import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { TrustedIdentityChecks } from './trusted-identity-checks';

/*
 * `cdk-trusted-identity audit`: the TrustedIdentityChecks aspect over CloudFormation templates that no CDK app of
 * yours made (SAM, hand-written, another tool's), or over a `cdk.out` folder, each loaded with `CfnInclude`;
 * acknowledgements are read from the resources' `Metadata`. Why: docs/design/audit-command.md
 */

/** One finding of the command. */
export interface AuditFinding {
  /** The template, as given or found. */
  readonly file: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly rule: string;
  /** `error`, `warning`, or `note` (acknowledged). */
  readonly level: 'error' | 'warning' | 'note';
  readonly message: string;
  /** 1-based line of the resource's logical id in the file, when found. */
  readonly line?: number;
}

/** The templates under `inputs` (files, or folders searched recursively; a `cdk.out` folder included). */
export function templateFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new UsageError(`${input}: no such file or folder`);
    if (fs.statSync(input).isFile()) {
      out.push(input);
      continue;
    }
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(p);
        } else if (/\.(json|ya?ml|template)$/i.test(entry.name) && looksLikeTemplate(p)) {
          out.push(p);
        }
      }
    };
    walk(input);
  }
  return out;
}

/** A file with a top-level `Resources` section (JSON or YAML); in a folder, other files are skipped. */
function looksLikeTemplate(file: string): boolean {
  const text = fs.readFileSync(file, 'utf8');
  if (/\.json$/i.test(file)) {
    try {
      const parsed = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && typeof parsed.Resources === 'object';
    } catch {
      return false;
    }
  }
  return /^Resources\s*:/m.test(text);
}

/** Audits each template with TrustedIdentityChecks. */
export function auditTemplates(files: string[]): AuditFinding[] {
  const findings: AuditFinding[] = [];
  for (const file of files) findings.push(...auditTemplate(file));
  return findings;
}

function auditTemplate(file: string): AuditFinding[] {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-trusted-identity-audit-')) });
  const stack = new Stack(app, 'Audited');
  let template: CfnInclude;
  try {
    template = new CfnInclude(stack, 'Template', { templateFile: file });
  } catch (e: any) {
    throw new UsageError(`${file}: not a CloudFormation template this command can read (${e?.message ?? e})`);
  }
  const checks = new TrustedIdentityChecks();
  for (const node of template.node.findAll()) checks.visit(node);
  const text = fs.readFileSync(file, 'utf8');
  const findings: AuditFinding[] = [];
  for (const node of template.node.findAll()) {
    if (!CfnResource.isCfnResource(node)) continue;
    const res = node as CfnResource;
    const logicalId = stack.resolve(res.logicalId);
    for (const entry of node.node.metadata) {
      const level = LEVELS[entry.type];
      const message = String(entry.data).replace(/ \[ack: [^\]]+\]$/, '');
      const rule = /^\[(\w+)\]/.exec(message)?.[1];
      if (!level || !rule) continue;
      findings.push({ file, logicalId, resourceType: res.cfnResourceType, rule, level, message, line: lineOf(text, logicalId) });
    }
  }
  fs.rmSync(app.outdir, { recursive: true, force: true });
  return findings;
}

const LEVELS: { [metadataType: string]: AuditFinding['level'] } = {
  'aws:cdk:error': 'error',
  'aws:cdk:warning': 'warning',
  'aws:cdk:info': 'note',
};

/** The line of a resource's logical id as a key (`"Id":` in JSON, `Id:` in YAML). */
function lineOf(text: string, logicalId: string): number | undefined {
  const escaped = logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:"${escaped}"|'${escaped}'|${escaped})\\s*:`, 'm').exec(text);
  return m ? text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0) : undefined;
}

/** Text: one line per finding, then a summary. */
export function formatText(findings: AuditFinding[], files: string[]): string {
  const lines = findings.map(f => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.logicalId} (${f.resourceType}): ${f.level} ${f.message}`);
  const count = (level: string) => findings.filter(f => f.level === level).length;
  lines.push(`${files.length} template(s) audited: ${count('error')} error(s), ${count('warning')} warning(s), ${count('note')} acknowledged`);
  return lines.join('\n') + '\n';
}

/** JSON: the findings and a summary. */
export function formatJson(findings: AuditFinding[], files: string[]): string {
  const count = (level: string) => findings.filter(f => f.level === level).length;
  return JSON.stringify({
    templates: files,
    findings,
    summary: { errors: count('error'), warnings: count('warning'), acknowledged: count('note') },
  }, undefined, 2) + '\n';
}

/** SARIF 2.1.0 (for GitHub code scanning): every rule with its description, one result per finding. */
export function formatSarif(findings: AuditFinding[]): string {
  const rules = TrustedIdentityChecks._rules();
  const ids = Object.keys(rules);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk-trusted-identity audit',
          informationUri: 'https://www.npmjs.com/package/cdk-trusted-identity',
          rules: ids.map(id => ({
            id,
            name: id,
            shortDescription: { text: rules[id].why },
            fullDescription: { text: `${rules[id].why} Fix: ${rules[id].fix}` },
            help: { text: `Fix: ${rules[id].fix}` },
            defaultConfiguration: { level: rules[id].level },
          })),
        },
      },
      results: findings.map(f => ({
        ruleId: f.rule,
        ruleIndex: ids.indexOf(f.rule),
        level: f.level,
        message: { text: f.message },
        ...(f.level === 'note' ? { suppressions: [{ kind: 'inSource', justification: f.message.replace(/^.* Acknowledged: /, '') }] } : {}),
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: f.file.split(path.sep).join('/') },
            ...(f.line ? { region: { startLine: f.line } } : {}),
          },
          logicalLocations: [{ name: f.logicalId, kind: 'resource', fullyQualifiedName: `${f.logicalId} (${f.resourceType})` }],
        }],
      })),
    }],
  };
  return JSON.stringify(sarif, undefined, 2) + '\n';
}

/** A mistake in the command line or an unreadable input: exit code 2. */
export class UsageError extends Error {}

const USAGE = `Usage: cdk-trusted-identity audit <template or folder>... [--format text|json|sarif]

Audits every federated trust (IAM roles and policies, Verified Access trust providers and instances) in CloudFormation
templates, JSON or YAML, with the rules of the TrustedIdentityChecks aspect. A folder is searched for templates
(a cdk.out folder included). Exit code: 1 when an error-level finding is not acknowledged, 2 on bad usage, else 0.`;

/** Runs the command; returns the exit code and what to print. */
export function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === undefined) return { code: command ? 0 : 2, stdout: command ? USAGE + '\n' : '', stderr: command ? '' : USAGE + '\n' };
    if (command !== 'audit') throw new UsageError(`unknown command "${command}"`);
    let format = 'text';
    const inputs: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--format') format = rest[++i];
      else if (a.startsWith('--format=')) format = a.slice('--format='.length);
      else if (a === '--help' || a === '-h') return { code: 0, stdout: USAGE + '\n', stderr: '' };
      else if (a.startsWith('-')) throw new UsageError(`unknown option "${a}"`);
      else inputs.push(a);
    }
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got ${JSON.stringify(format)})`);
    if (inputs.length === 0) throw new UsageError('give at least one template file or folder');
    const files = templateFiles(inputs);
    if (files.length === 0) throw new UsageError(`no CloudFormation template found in ${inputs.join(', ')}`);
    const findings = auditTemplates(files);
    const stdout = format === 'json' ? formatJson(findings, files) : format === 'sarif' ? formatSarif(findings) : formatText(findings, files);
    return { code: findings.some(f => f.level === 'error') ? 1 : 0, stdout, stderr: '' };
  } catch (e: any) {
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `cdk-trusted-identity: ${e.message}\n\n${USAGE}\n` };
    throw e;
  }
}
