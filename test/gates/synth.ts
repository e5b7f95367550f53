/**
 * Synthesizes the every-construct app into $CDK_OUTDIR (used by `npx projen lint:cfn`).
 */
import { everyConstructApp } from './every-construct';

everyConstructApp().app.synth();
