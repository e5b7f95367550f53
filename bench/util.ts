/**
 * Shared helpers for `npx projen bench`. Benchmarks are never timed tests: they print numbers measured side by
 * side in one run, on a shared, noisy machine, so ratios matter more than absolute times.
 */
import { App, Stack } from 'aws-cdk-lib';

/** One synthesized app: how long it took and what it produced. */
export interface SynthResult {
  /** Median CPU time of the synth runs, in milliseconds. */
  readonly ms: number;
  /** The template of the stack named "Bench", as JSON text. */
  readonly templateBytes: number;
  /** The parsed template. */
  readonly template: any;
}

/**
 * Builds and synthesizes an app `runs` times (after one warm-up) with `build(stack, n)` and returns the median.
 * Variants are interleaved by the caller so that machine noise affects both sides alike.
 */
export function synthOnce(build: (stack: Stack) => void): { ms: number; template: any; bytes: number } {
  // CPU time of this process (every thread: V8's garbage collector works on helper threads), not wall time: on a shared
  // machine, wall time also counts the time other processes hold the cores, which moved ratios of one run by ±0.1.
  const start = process.cpuUsage();
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Bench', { env: { account: '123456789012', region: 'us-east-1' } });
  build(stack);
  const assembly = app.synth();
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  const template = assembly.getStackByName('Bench').template;
  return { ms, template, bytes: Buffer.byteLength(JSON.stringify(template)) };
}

/**
 * Measures several variants side by side: for each run, every variant is synthesized (`repeat` times), in turn.
 * Returns the median time and the (deterministic) template of each variant.
 */
export function measure(variants: { [name: string]: (stack: Stack) => void }, runs = 7, repeat = 1): { [name: string]: SynthResult } {
  const names = Object.keys(variants);
  const times: { [name: string]: number[] } = Object.fromEntries(names.map(n => [n, []]));
  const last: { [name: string]: { template: any; bytes: number } } = {};
  for (const n of names) synthOnce(variants[n]); // warm-up: module loading, JIT
  for (let r = 0; r < runs; r++) {
    for (const n of names) {
      // Small apps synthesize in a few ms: time `repeat` apps per sample so that timer and scheduler noise
      // do not dominate, and report the time per app.
      // No forced GC between samples: a full collection before each sample made the timings bimodal (the same raw
      // 100-provider app took 50 or 105 ms from one sample to the next) and ratios of one run swing
      // by ±0.3. Interleaving shares the garbage between variants instead (VerifiedAccessTrustProvider and its raw L1
      // caused 53 and 50 scavenges over 30 apps).
      let ms = 0;
      for (let k = 0; k < repeat; k++) {
        const res = synthOnce(variants[n]);
        ms += res.ms;
        last[n] = res;
      }
      times[n].push(ms / repeat);
    }
  }
  return Object.fromEntries(names.map(n => [n, { ms: median(times[n]), templateBytes: last[n].bytes, template: last[n].template }]));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Renders a markdown table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Counts resources by type in a template. */
export function countResources(template: any, type?: string): number {
  return Object.values<any>(template.Resources ?? {}).filter(r => type === undefined || r.Type === type).length;
}

/**
 * The largest total, over the roles of the template, of the inline policies attached to one role (the role's own
 * `Policies` plus every `AWS::IAM::Policy` naming it), as JSON text with tokens as they appear in the template.
 */
export function largestInlinePolicyPerRole(template: any): number {
  const resources: Record<string, any> = template.Resources ?? {};
  const totals: Record<string, number> = {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type !== 'AWS::IAM::Role') continue;
    totals[id] = (r.Properties?.Policies ?? []).reduce((sum: number, p: any) => sum + JSON.stringify(p.PolicyDocument).length, 0);
  }
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::IAM::Policy') continue;
    for (const role of r.Properties?.Roles ?? []) {
      if (role?.Ref && role.Ref in totals) totals[role.Ref] += JSON.stringify(r.Properties.PolicyDocument).length;
    }
  }
  return Math.max(0, ...Object.values(totals));
}

/** One line of the report's summary: a variant of a scenario, measured side by side with its baseline. */
interface SummaryRow {
  readonly scenario: string;
  readonly size: string;
  readonly variant: string;
  readonly result: SynthResult;
  readonly baselineMs: number;
}

const SUMMARY: SummaryRow[] = [];

/** Records a variant for the summary table (`baseline` is the variant it is compared with, measured in the same run). */
export function record(scenario: string, size: string | number, variant: string, result: SynthResult, baseline: SynthResult): void {
  SUMMARY.push({ scenario, size: String(size), variant, result, baselineMs: baseline.ms });
}

/** The summary of every recorded variant: synth-time ratio, template bytes, resources, Lambda functions, policy size. */
export function summaryTable(): string {
  return table(
    ['scenario', 'size', 'variant', 'synth CPU ms', 'ratio to baseline', 'template bytes', 'resources', 'Lambda functions', 'largest inline policies per role'],
    SUMMARY.map(r => [
      r.scenario, r.size, r.variant, r.result.ms.toFixed(1), (r.result.ms / r.baselineMs).toFixed(2), r.result.templateBytes,
      countResources(r.result.template), countResources(r.result.template, 'AWS::Lambda::Function'), largestInlinePolicyPerRole(r.result.template),
    ]),
  );
}
