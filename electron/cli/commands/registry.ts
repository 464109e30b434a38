/**
 * The list of CLI areas. Each module exports `register(program)` and owns its subcommands.
 */
import type { Command } from 'commander';
import { register as registerApp } from './app.js';
import { register as registerEnv } from './env.js';
import { register as registerStatus } from './status.js';
import { register as registerSync } from './sync.js';
import { register as registerWatch } from './watch.js';
import { register as registerProbe } from './probe.js';
import { register as registerDoctor } from './doctor.js';
import { register as registerRotate } from './rotate.js';
import { register as registerServices } from './services.js';
import { register as registerKeys } from './keys.js';
import { register as registerScopes } from './scopes.js';
import { register as registerInit } from './init.js';
import { register as registerScan } from './scan.js';
import { register as registerHooks } from './hooks.js';
import { register as registerDemo } from './demo.js';

export type RegisterCommands = (program: Command) => void;

export const COMMAND_MODULES: RegisterCommands[] = [registerInit, registerDemo, registerApp, registerEnv, registerServices, registerProbe, registerDoctor, registerRotate, registerKeys, registerScopes, registerStatus, registerWatch, registerSync, registerScan, registerHooks];
