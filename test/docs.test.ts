/**
 * The guides in docs/ are part of the user's documentation: their TypeScript examples compile against the library
 * (jsii-rosetta compiles the README's, not these), and their links lead somewhere.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const guides = fs.readdirSync(DOCS).filter(f => f.endsWith('.md')).sort();
const DESIGN = path.join(DOCS, 'design');
const designNotes = fs.readdirSync(DESIGN).filter(f => f.endsWith('.md') && f !== 'README.md').sort();

/** Every file under `dir` whose name ends with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory()
    ? filesUnder(path.join(dir, e.name), ext)
    : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []));
}

/** The ```ts blocks of a markdown file, with the line each starts on. */
function examples(file: string): Array<{ line: number; code: string }> {
  const out: Array<{ line: number; code: string }> = [];
  const re = /^```ts[^\n]*\n([\s\S]*?)^```$/gm;
  const text = fs.readFileSync(file, 'utf8');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ line: text.slice(0, m.index).split('\n').length, code: m[1] });
  return out;
}

test('the guides exist and the README links each of them', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(guides.length).toBeGreaterThanOrEqual(7);
  for (const g of guides) expect(readme).toContain(`](docs/${g})`);
});

test('the design notes: each listed in docs/design/README.md, which docs/development.md links', () => {
  const index = fs.readFileSync(path.join(DESIGN, 'README.md'), 'utf8');
  expect(designNotes.length).toBeGreaterThanOrEqual(5);
  for (const n of designNotes) expect(index).toContain(`](${n})`);
  expect(fs.readFileSync(path.join(DOCS, 'development.md'), 'utf8')).toContain('](design/README.md)');
});

test('every docs/ path that a comment in src/ names is a file of the repository', () => {
  const named = filesUnder(path.join(ROOT, 'src'), '.ts')
    .flatMap(f => [...fs.readFileSync(f, 'utf8').matchAll(/\bdocs\/[\w./-]+\.md\b/g)].map(m => ({ file: path.relative(ROOT, f), doc: m[0] })));
  expect(named.filter(n => n.doc.startsWith('docs/design/')).length).toBeGreaterThanOrEqual(5);
  for (const n of named) expect({ ...n, exists: fs.existsSync(path.join(ROOT, n.doc)) }).toEqual({ ...n, exists: true });
});

test('the README stays a front door: under 45 KB, install and a quick start before the first construct', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(45_000);
  const at = (heading: string) => readme.indexOf(`\n## ${heading}\n`);
  expect(at('Install')).toBeGreaterThan(0);
  expect(at('Install')).toBeLessThan(at('Quick start'));
  expect(at('Quick start')).toBeLessThan(at('OidcProvider'));
});

test.each([
  'README.md', ...guides.map(g => `docs/${g}`), 'docs/design/README.md', ...designNotes.map(n => `docs/design/${n}`),
])('%s: every relative link leads to a file of the repository', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const links = [...text.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)(#[^)]*)?\)/g)].map(m => m[1]);
  for (const link of links) {
    expect({ link, exists: fs.existsSync(path.join(ROOT, path.dirname(file), link)) }).toEqual({ link, exists: true });
  }
});

test('every TypeScript example of the guides compiles against the library', () => {
  const blocks = guides.flatMap(g => examples(path.join(DOCS, g)).map(e => ({ ...e, file: path.join(DOCS, `${g}.example${e.line}.ts`), guide: g })));
  expect(blocks.length).toBeGreaterThan(10);
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.dev.json'), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: d => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); },
  })!;
  // A control example that must not compile: the check reads the examples' diagnostics, not nothing.
  const control = path.join(DOCS, 'control.example.ts');
  const virtual = new Map([...blocks.map(b => [b.file, b.code] as [string, string]), [control, "import { OidcProvider } from 'cdk-trusted-identity';\nOidcProvider.gitHubActions(42);\n"]]);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = f => virtual.has(f) || ts.sys.fileExists(f);
  host.readFile = f => virtual.get(f) ?? readFile(f);
  host.getSourceFile = (f, v, onError, create) => (virtual.has(f)
    ? ts.createSourceFile(f, virtual.get(f)!, v)
    : getSourceFile(f, v, onError, create));
  const program = ts.createProgram([...virtual.keys()], { ...config.options, noEmit: true, noUnusedLocals: false }, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  expect(diagnostics.filter(d => d.file?.fileName === control).length).toBeGreaterThan(0);
  const errors = diagnostics
    .filter(d => d.file && d.file.fileName !== control && virtual.has(d.file.fileName))
    .map(d => {
      const b = blocks.find(x => x.file === d.file!.fileName)!;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `docs/${b.guide}:${b.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  expect(errors).toEqual([]);
});
