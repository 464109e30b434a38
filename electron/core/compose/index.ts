/** The Compose model: what Keyhive reads from a compose file (services, env files, environment, ports). */
export type { ComposeEnvFile, ComposeFile, ComposeHealthcheck, ComposeInterpolation, ComposePort, ComposeService } from './model.js';
export { parseComposeFile, parseShortPort, interpolatedVariables } from './parse.js';
export { effectiveContainerEnv, environmentOverride } from './effective.js';
export type { ComposeOverride, ContainerEnvEntry, ContainerEnvSource } from './effective.js';
