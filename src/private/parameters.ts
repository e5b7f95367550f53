import { CfnParameter, Stack } from 'aws-cdk-lib';

/**
 * The logical id of a parameter of `stack` without `NoEcho` that `resolved` (a resolved CloudFormation value) refers
 * to with `Ref`, if any. CloudFormation masks only `NoEcho` parameter values ("NoEcho: Whether to mask the parameter
 * value to prevent it from being displayed in the console, command line tools, or API", CloudFormation user guide,
 * "Parameters"): any other parameter, including an `AWS::SSM::Parameter::Value<String>` one, shows its value to whoever
 * can describe the stack. Used by the secret classifier (`classifySecret`).
 */
export function echoedParameter(stack: Stack, resolved: unknown): string | undefined {
  const refs = new Set<string>();
  const walk = (v: any): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      if (typeof v.Ref === 'string') refs.add(v.Ref);
      Object.values(v).forEach(walk);
    }
  };
  walk(resolved);
  if (refs.size === 0) return undefined;
  for (const c of stack.node.findAll()) {
    if (!(c instanceof CfnParameter) || Stack.of(c) !== stack || c.noEcho) continue;
    const id = stack.resolve(c.logicalId);
    if (refs.has(id)) return id;
  }
  return undefined;
}
