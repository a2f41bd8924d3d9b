/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (see LAMBDA_ALIASES): Lambda provides
 * the execution role's credentials as environment variables, so the environment provider is the
 * whole chain there.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
