// Used by newest.sh: lists the validation findings (cdk-nag 3, the template validator) in a cloud assembly that sit on
// resources the library created, and exits 1 if there is any. A resource is the library's when a construct above it is
// one of the library's classes (tree.json's fqn "cdk-trusted-identity.*") or the stack's shared custom-resource role or
// AwsCustomResource function, which exist only for the library's fallbacks in these apps. Usage: node
// library-findings.js <cdk.out>
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
const tree = JSON.parse(fs.readFileSync(path.join(out, 'tree.json'), 'utf8')).tree;
const SHARED = new Set(['TrustedIdentityCustomResourceRole', 'AWS679f53fac002430cb0da5b7982bd2287']);
const library = new Set();
(function walk(node, inLibrary, depth) {
  const mine = inLibrary || (node.constructInfo?.fqn ?? '').startsWith('cdk-trusted-identity.') || (depth === 2 && SHARED.has(node.id));
  if (mine) library.add(node.path);
  for (const child of Object.values(node.children ?? {})) walk(child, mine, depth + 1);
})(tree, false, 0);
const report = path.join(out, 'validation-report.json');
const violations = fs.existsSync(report)
  ? JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports.flatMap(p => (p.violations ?? []).flatMap(v =>
    (v.violatingConstructs ?? v.violatingResources ?? []).map(c => ({ path: c.constructPath, finding: `${p.pluginName} ${v.ruleName}: ${v.description}` }))))
  : [];
const ours = violations.filter(v => library.has(v.path));
for (const v of ours) console.log(`${v.path}: ${v.finding}`);
console.log(`${ours.length} finding(s) on library resources, ${violations.length - ours.length} on the example's own resources`);
process.exit(ours.length ? 1 : 0);
