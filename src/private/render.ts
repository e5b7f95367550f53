/** Stands for an unresolved part (a reference, a parameter) in a rendered string: no wildcard, not JSON-special. */
export const TOKEN = '«token»';

/**
 * A resolved CloudFormation value as a string: `Fn::Join` is joined with its separator (recursively), `Fn::Sub`'s
 * template is kept with every `${...}` (not `${!...}`, a literal) as `TOKEN`, and any other intrinsic (`Ref`,
 * `Fn::GetAtt`, `Fn::If`, ...) is `TOKEN`. Used by the audit's rules and by the secret classifier, so that both read a
 * template value the same way.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const join = (value as any)['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(render).join(join[0]);
    const sub = (value as any)['Fn::Sub'];
    const template = Array.isArray(sub) ? sub[0] : sub;
    if (typeof template === 'string') return template.replace(/\$\{(?!!)[^}]*\}/g, TOKEN);
  }
  return TOKEN;
}
