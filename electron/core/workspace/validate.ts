/**
 * Cross-field rules of keyhive.yaml that the schema alone cannot express: references between
 * sections (bindings → services, secrets → issuers and formats), one server per secret, how
 * variables are named, and what each run mode needs. Pure; returns problems with the fix.
 */
import { BUILTIN_FORMAT_NAMES, compilePattern, customFormat, isBuiltinFormat } from '../keys/index.js';
import { posix, win32 } from 'node:path';
import type { WorkspaceConfig } from './schema.js';
import type { WorkspaceProblem } from './problem.js';

const STRICT_VAR = /^[A-Z_][A-Z0-9_]*$/;

/** A variable name spelled the conventional way: uppercase, digits and underscores. */
export function suggestVarName(name: string): string {
  const s = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? '(none declared)' : all.join(', ');
}

function checkFormats(config: WorkspaceConfig, out: WorkspaceProblem[]): void {
  for (const [name, fmt] of Object.entries(config.formats)) {
    const path = ['formats', name];
    if (isBuiltinFormat(name)) {
      out.push({ path, message: `redefines the built-in format "${name}"`, fix: `Give your format another name, e.g. "${name}-custom".` });
      continue;
    }
    const compiled = compilePattern(fmt.pattern);
    if (!compiled.ok) {
      out.push({ path: [...path, 'pattern'], message: `is not a valid regular expression: ${compiled.reason}`, fix: 'Correct the regex (it is matched against the whole value; do not add ^ or $).' });
      continue;
    }
    const f = customFormat(name, fmt);
    const samples = Array.from({ length: 8 }, () => f.generate());
    if (samples.some((s) => !f.validate(s).ok)) {
      out.push({
        path: [...path, 'generate'],
        message: 'generates values that do not match its own pattern',
        fix: 'Make generate.prefix, generate.alphabet and generate.length produce values the pattern accepts.',
      });
    }
  }
}

/** True when a service `dir` (relative to keyhive.yaml) leads outside the workspace folder. */
export function leadsOutside(dir: string): boolean {
  if (posix.isAbsolute(dir) || win32.isAbsolute(dir)) return true;
  const n = posix.normalize(dir.replaceAll('\\', '/'));
  return n === '..' || n.startsWith('../');
}

function checkServices(config: WorkspaceConfig, out: WorkspaceProblem[]): void {
  for (const [name, svc] of Object.entries(config.services)) {
    const path = ['services', name];
    if (leadsOutside(svc.dir) && svc.outsideWorkspace !== true) {
      out.push({
        path: [...path, 'dir'],
        message: `"${svc.dir}" is outside the workspace folder, and Keyhive writes .env files only inside it`,
        fix: `Move keyhive.yaml up to a folder that holds every service, or say outsideWorkspace: true on services.${name} to let Keyhive write there.`,
      });
    }
    if (config.runMode === 'docker' && !svc.docker && svc.native) {
      out.push({
        path,
        message: `runs natively only, but the workspace runMode is docker and the service has no docker: section (no compose file)`,
        fix: `Add docker: { composeFile: compose.yaml, service: ${name} } to the service, or set runMode: native.`,
      });
    }
    if (config.runMode === 'native' && svc.docker && !svc.native) {
      out.push({
        path,
        severity: 'warning',
        message: 'has no native: command, so Keyhive cannot restart it in native run mode',
        fix: `Add native: { command: "<how you start it>" } or switch runMode to docker.`,
      });
    }
  }
}

function checkSecrets(config: WorkspaceConfig, out: WorkspaceProblem[]): void {
  const services = Object.keys(config.services);
  const formats = [...BUILTIN_FORMAT_NAMES, ...Object.keys(config.formats).filter((n) => !isBuiltinFormat(n))];
  const owners = new Map<string, string>(); // "service:VAR" → secret
  for (const [name, secret] of Object.entries(config.secrets)) {
    const base = ['secrets', name];
    if (!formats.includes(secret.format)) {
      out.push({ path: [...base, 'format'], message: `uses unknown format "${secret.format}"`, fix: `Use one of: ${formats.join(', ')} — or declare it under formats:.` });
    }
    if (secret.issuer !== undefined && !(secret.issuer in config.issuers)) {
      out.push({ path: [...base, 'issuer'], message: `names unknown issuer "${secret.issuer}"`, fix: `Declare it under issuers:, or use one of: ${list(Object.keys(config.issuers))}.` });
    }
    if (secret.probes?.service !== undefined && !(secret.probes.service in config.services)) {
      out.push({ path: [...base, 'probes', 'service'], message: `names unknown service "${secret.probes.service}"`, fix: `Use one of the services: ${list(services)}.` });
    }
    const servers: number[] = [];
    secret.bindings.forEach((b, i) => {
      const path = [...base, 'bindings', i];
      if (!(b.service in config.services)) {
        out.push({ path: [...path, 'service'], message: `names unknown service "${b.service}"`, fix: `Use one of the services: ${list(services)} — or add "${b.service}" under services:.` });
      }
      if (!STRICT_VAR.test(b.var)) {
        const lower = /[a-z]/.test(b.var);
        out.push({
          path: [...path, 'var'],
          message: `"${b.var}" is not a conventional environment variable name (${lower ? 'lowercase letters' : 'characters other than A-Z, 0-9 and _'})`,
          fix: `Use ${suggestVarName(b.var)} (uppercase letters, digits and underscores) — and the same name in the service's .env file.`,
        });
      }
      const key = `${b.service}:${b.var}`;
      const other = owners.get(key);
      if (other !== undefined) {
        out.push({
          path: [...path, 'var'],
          message: other === name ? `binds ${b.service} ${b.var} twice` : `binds ${b.service} ${b.var}, which secret "${other}" already binds`,
          fix: 'One variable holds one secret: remove the duplicate binding.',
        });
      } else owners.set(key, name);
      if (b.role === 'server') servers.push(i);
      if (b.role === 'server' && b.urlVar !== undefined) {
        out.push({ path: [...path, 'urlVar'], severity: 'warning', message: 'urlVar is only used on client bindings', fix: 'Move urlVar to the client binding that calls this server.' });
      }
    });
    if (secret.issuer !== undefined && servers.length > 0) {
      out.push({
        path: [...base, 'bindings', servers[0] as number, 'role'],
        message: `is issued by "${secret.issuer}", so the issuer checks it — no binding can be its server`,
        fix: 'Make every binding of an issued key role: client (the issuer is the server).',
      });
    } else if (servers.length > 1) {
      out.push({
        path: [...base, 'bindings', servers[1] as number, 'role'],
        message: `has ${servers.length} server bindings (bindings ${servers.join(' and ')}); a secret has one server that checks it`,
        fix: 'Keep role: server on the service that checks the key; make the others role: client.',
      });
    }
    if (secret.format === 'hiveforge-live') {
      out.push({ path: [...base, 'format'], severity: 'warning', message: 'expects a HiveForge live (production) key in a local workspace', fix: 'Use a sandbox key (format hiveforge-test, prefix hf_test_) for local development.' });
    }
  }
  for (const [name, issuer] of Object.entries(config.issuers)) {
    if (issuer.service !== undefined && !(issuer.service in config.services)) {
      out.push({ path: ['issuers', name, 'service'], message: `names unknown service "${issuer.service}"`, fix: `Use one of the services: ${list(services)}, or leave service out.` });
    }
    if (issuer.credentialSecret !== undefined && !(issuer.credentialSecret in config.secrets)) {
      out.push({ path: ['issuers', name, 'credentialSecret'], message: `names unknown secret "${issuer.credentialSecret}"`, fix: `Use one of the secrets: ${list(Object.keys(config.secrets))}, or leave credentialSecret out.` });
    }
  }
}

/** Every cross-field problem (errors and warnings), in file order of sections. */
export function validateWorkspace(config: WorkspaceConfig): WorkspaceProblem[] {
  const out: WorkspaceProblem[] = [];
  checkServices(config, out);
  checkSecrets(config, out);
  checkFormats(config, out);
  return out;
}
