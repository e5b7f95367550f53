/**
 * The npm package ships only the library: `files` in package.json is an allowlist (set in .projenrc.ts). With a
 * deny-list, whatever lay in the folder shipped too (.cfnlintrc.yaml, a local Maven repository, build leftovers).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const LIBRARY = /^(lib\/.+\.(js|d\.ts)|\.jsii|\.jsii\.tabl\.json|README\.md|LICENSE|package\.json)$/;

test('npm pack lists only the library\'s files', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const files: string[] = pack.files.map((f: { path: string }) => f.path);
  expect(files.filter(f => !LIBRARY.test(f))).toEqual([]);
  // Files that sit in the project folder and must never ship.
  for (const f of ['.cfnlintrc.yaml', '.projenrc.ts', 'tsconfig.dev.json', 'API.md']) expect(files).not.toContain(f);
  expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
});
