import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  CREATE_REQUIRE_BANNER,
  entryPath,
  LAMBDA_ALIASES,
  LAMBDA_CONDITIONS,
  NODE_TARGET,
  PROJECT_ROOT,
  SIDE_BUNDLES,
  sideBundleCommand,
} from '../bundling.ts';
import type { FunctionName } from '../bundling.ts';
import { resourcePrefix } from '../config.ts';
import type { StageConfig } from '../config.ts';

export interface MailboxFunctionProps {
  readonly name: FunctionName;
  readonly config: StageConfig;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly description: string;
}

/**
 * One of the project's Lambda functions: Node.js 22 on arm64, bundled locally by esbuild
 * (minified ESM with the AWS SDK inside, plus any side files infra/bundling.ts lists for it,
 * exactly as scripts/build.ts builds them), its own log group with a retention, and its own role
 * that can write only to that log group — each stack then grants exactly what the function uses.
 */
export class MailboxFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  /** Physical name, known at synth time (`mailbox-pilot-deadline`) so ARNs can be formatted without references. */
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: MailboxFunctionProps) {
    super(scope, id);
    this.functionName = `${resourcePrefix(props.config)}-${props.name}`;

    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: props.config.retention.logs,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.functionName}`,
    });
    logGroup.grantWrite(this.role);
    const sides = SIDE_BUNDLES[props.name] ?? [];

    this.function = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      description: props.description,
      entry: entryPath(props.name),
      projectRoot: PROJECT_ROOT,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup,
      environment: props.environment,
      bundling: {
        minify: true,
        format: OutputFormat.ESM,
        target: NODE_TARGET,
        mainFields: ['module', 'main'],
        banner: CREATE_REQUIRE_BANNER,
        esbuildArgs: {
          ...Object.fromEntries(Object.entries(LAMBDA_ALIASES).map(([name, path]) => [`--alias:${name}`, path])),
          '--conditions': LAMBDA_CONDITIONS.join(','),
          // Not `charset: Charset.UTF8`: aws-cdk-lib 2.276 accepts that prop but never passes it to
          // esbuild, so every non-ASCII character was escaped (+21 KB per bundle); the flag itself is
          // honoured. test/infra/bundling.test.ts checks the deployed bytes equal scripts/build.ts's.
          '--charset': 'utf8',
        },
        // Files loaded from beside index.mjs (alert wording, the Temporal calendar, the api's extra
        // catalogues, SMS/e-mail clients, argon2id; the KMS client: SIDE_BUNDLES), built as scripts/build.ts does.
        ...(sides.length === 0
          ? {}
          : {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => sides.map((side) => sideBundleCommand(side, inputDir, outputDir)),
              },
            }),
        externalModules: [],
        sourceMap: false,
        forceDockerBundling: false,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the whole toolchain targets (esbuild node22, tests, bundle budget) and is supported by Lambda until 2027; moving to Node.js 24 is a deliberate upgrade, not a deploy-time default.',
    });
  }
}
