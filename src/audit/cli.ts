#!/usr/bin/env node
// The `cdk-trusted-identity` command (package.json `bin`): see ./command.ts.
import { run } from './command';

const result = run(process.argv.slice(2));
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
