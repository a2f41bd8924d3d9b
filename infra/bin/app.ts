/** The CDK app: `npm run synth` (stage `pilot`) or `npx cdk synth -c stage=<name>`. */
import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, stageConfig } from '../config.ts';
import { createMailbox } from '../mailbox.ts';

const app = new App();
const stage: unknown = app.node.tryGetContext('stage') ?? DEFAULT_STAGE;
if (typeof stage !== 'string') throw new Error('The "stage" context must be a string');
createMailbox(app, stageConfig(stage));
app.synth();
