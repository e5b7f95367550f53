/**
 * Synthesizes apps the way `cdk init` users run them: every feature flag aws-cdk-lib currently recommends (what
 * `cdk init` writes into cdk.json, `@aws-cdk/core:validateAgainstDefaultRules` included), then reads what the cloud
 * assembly reports: error and warning annotations, and every validation plugin's findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';

/** One thing the cloud assembly reports, as `<construct path>: <what>`. */
export type Report = string[];

/** A new app with every recommended flag, writing to a fresh folder. */
export function recommendedApp(): App {
  return new App({ context: { ...CURRENTLY_RECOMMENDED_FLAGS }, outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'newest-')) });
}

/**
 * Runs `synth` (which may throw "Validation failed") and returns every error/warning annotation and validation finding
 * of the assembly in `outdir`.
 */
export function synthReport(outdir: string, synth: () => void): Report {
  let thrown: string | undefined;
  try {
    synth();
  } catch (e: any) {
    thrown = String(e.message);
  }
  const report: Report = [];
  const validation = path.join(outdir, 'validation-report.json');
  if (fs.existsSync(validation)) {
    for (const plugin of JSON.parse(fs.readFileSync(validation, 'utf8')).pluginReports ?? []) {
      for (const v of plugin.violations ?? []) {
        for (const c of v.violatingConstructs ?? v.violatingResources ?? [{}]) {
          report.push(`${c.constructPath}: ${plugin.pluginName} ${v.ruleName} ${v.severity}: ${v.description}`);
        }
      }
    }
  }
  if (fs.existsSync(path.join(outdir, 'manifest.json'))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const artifact of Object.values<any>(manifest.artifacts ?? {})) {
      const metadata = artifact.metadata ?? {};
      const files = artifact.properties?.metadataFile ? [path.join(outdir, artifact.properties.metadataFile)] : [];
      for (const f of files.filter(fs.existsSync)) Object.assign(metadata, JSON.parse(fs.readFileSync(f, 'utf8')));
      for (const [p, entries] of Object.entries<any[]>(metadata)) {
        for (const e of entries) {
          if (e.type === 'aws:cdk:error' || e.type === 'aws:cdk:warning') report.push(`${p}: ${e.type} ${String(e.data).split('\n')[0]}`);
        }
      }
    }
  }
  if (thrown !== undefined && report.length === 0) report.push(`synth threw: ${thrown}`);
  return report;
}
