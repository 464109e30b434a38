/**
 * Parse a Docker Compose file into the model Keyhive needs (see ./model.ts). Pure: the caller
 * reads the file. Accepts every short and long form Compose does for `env_file`, `environment`,
 * `ports`, `labels` and `build`. `${VAR}` interpolation is reported, never evaluated.
 */
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { KeyhiveError } from '../../../shared/errors.js';
import type { ComposeEnvFile, ComposeFile, ComposeHealthcheck, ComposeInterpolation, ComposePort, ComposeService } from './model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalarText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

export function parseComposeFile(text: string, file: string): ComposeFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.pos ? lineCounter.linePos(firstError.pos[0]).line : undefined;
    throw new KeyhiveError('WORKSPACE_INVALID', `The Compose file is not valid YAML: ${firstError.message.split('\n')[0]}`, {
      file,
      line,
      fix: 'Fix the YAML syntax at that line (docker compose config shows the same error).',
    });
  }
  const root: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (root === null || root === undefined) return { file, services: {}, interpolations: [] };
  if (!isObj(root)) {
    throw new KeyhiveError('WORKSPACE_INVALID', 'The Compose file does not hold a mapping at the top level.', {
      file,
      line: 1,
      fix: 'A Compose file starts with keys such as `services:`.',
    });
  }
  const baseDir = dirname(file);
  const services: Record<string, ComposeService> = {};
  const rawServices = root['services'];
  if (isObj(rawServices)) {
    for (const [name, raw] of Object.entries(rawServices)) {
      services[name] = parseService(isObj(raw) ? raw : {}, baseDir);
    }
  }
  const name = scalarText(root['name']) ?? undefined;
  const interpolations: ComposeInterpolation[] = [];
  if (doc.contents) collectInterpolations(doc.contents, [], lineCounter, interpolations);
  return { file, ...(name !== undefined ? { name } : {}), services, interpolations };
}

function parseService(raw: Obj, baseDir: string): ComposeService {
  const envFileEntries = parseEnvFiles(raw['env_file'], baseDir);
  const service: ComposeService = {
    envFiles: envFileEntries.map((e) => e.path),
    envFileEntries,
    environment: parseKeyValues(raw['environment'], true),
    ports: parsePorts(raw['ports']),
    labels: Object.fromEntries(Object.entries(parseKeyValues(raw['labels'], false)).map(([k, v]) => [k, v ?? ''])),
  };
  const image = scalarText(raw['image']);
  if (image !== null) service.image = image;
  const build = raw['build'];
  const context = isObj(build) ? scalarText(build['context']) ?? '.' : scalarText(build);
  if (build !== undefined && build !== null && context !== null) service.build = resolve(baseDir, context);
  const healthcheck = parseHealthcheck(raw['healthcheck']);
  if (healthcheck) service.healthcheck = healthcheck;
  const containerName = scalarText(raw['container_name']);
  if (containerName !== null) service.containerName = containerName;
  const stopGracePeriod = scalarText(raw['stop_grace_period']);
  if (stopGracePeriod !== null) service.stopGracePeriod = stopGracePeriod;
  return service;
}

function parseEnvFiles(raw: unknown, baseDir: string): ComposeEnvFile[] {
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const out: ComposeEnvFile[] = [];
  for (const item of items) {
    const path = isObj(item) ? scalarText(item['path']) : scalarText(item);
    if (path === null || path === '') continue;
    const required = isObj(item) ? item['required'] !== false : true;
    out.push({ path: resolve(baseDir, path), required });
  }
  return out;
}

/** Map form `{K: v}` or list form `["K=v", "K"]`. A bare key (or a null value) becomes null. */
function parseKeyValues(raw: unknown, bareIsNull: boolean): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const text = scalarText(item);
      if (text === null) continue;
      const eq = text.indexOf('=');
      if (eq === -1) out[text.trim()] = bareIsNull ? null : '';
      else out[text.slice(0, eq).trim()] = text.slice(eq + 1);
    }
  } else if (isObj(raw)) {
    for (const [k, v] of Object.entries(raw)) out[k] = v === null || v === undefined ? (bareIsNull ? null : '') : scalarText(v) ?? JSON.stringify(v);
  }
  return out;
}

function parsePorts(raw: unknown): ComposePort[] {
  if (!Array.isArray(raw)) return [];
  const out: ComposePort[] = [];
  for (const item of raw) {
    if (isObj(item)) {
      const target = Number(item['target']);
      if (!Number.isInteger(target)) continue;
      const port: ComposePort = { containerPort: target, protocol: protocolOf(scalarText(item['protocol'])) };
      const host = scalarText(item['host_ip']);
      if (host) port.host = host;
      const published = scalarText(item['published']);
      const hostPort = published === null ? NaN : Number(published.split('-')[0]);
      if (Number.isInteger(hostPort)) port.hostPort = hostPort;
      out.push(port);
    } else {
      const text = scalarText(item);
      if (text !== null) out.push(...parseShortPort(text));
    }
  }
  return out;
}

const protocolOf = (p: string | null): ComposePort['protocol'] => (p === 'udp' || p === 'sctp' ? p : 'tcp');

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, with ranges and `[::1]` IPv6 hosts. */
export function parseShortPort(text: string): ComposePort[] {
  const [spec = '', proto] = text.trim().split('/');
  let host: string | undefined;
  let rest = spec;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  if (v6) {
    host = v6[1];
    rest = v6[2] ?? '';
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) host = parts.shift();
  const containerSpec = parts.pop() ?? '';
  const hostSpec = parts.pop();
  const containers = range(containerSpec);
  const hosts = hostSpec === undefined || hostSpec === '' ? null : range(hostSpec);
  if (!containers) return [];
  return containers.map((containerPort, i) => {
    const port: ComposePort = { containerPort, protocol: protocolOf(proto ?? null) };
    if (host) port.host = host;
    const hostPort = hosts ? (hosts.length === containers.length ? hosts[i] : hosts[0]) : undefined;
    if (hostPort !== undefined) port.hostPort = hostPort;
    return port;
  });
}

function range(spec: string): number[] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (to < from || to - from > 1000) return [from];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function parseHealthcheck(raw: unknown): ComposeHealthcheck | undefined {
  if (!isObj(raw)) return undefined;
  const hc: ComposeHealthcheck = {};
  const test = raw['test'];
  if (Array.isArray(test)) hc.test = test.map((t) => scalarText(t) ?? '');
  else if (scalarText(test) !== null) hc.test = scalarText(test) ?? '';
  for (const [from, to] of [['interval', 'interval'], ['timeout', 'timeout'], ['start_period', 'startPeriod']] as const) {
    const v = scalarText(raw[from]);
    if (v !== null) hc[to] = v;
  }
  if (typeof raw['retries'] === 'number') hc.retries = raw['retries'];
  if (raw['disable'] === true) hc.disable = true;
  return hc;
}

const INTERPOLATION = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Variables a Compose string would interpolate (`$$` is an escaped dollar, not a variable). */
export function interpolatedVariables(text: string): string[] {
  const vars: string[] = [];
  for (const m of text.matchAll(INTERPOLATION)) {
    const name = m[1] ?? m[2];
    if (name) vars.push(name);
  }
  return vars;
}

function collectInterpolations(node: Node, path: string[], lc: LineCounter, out: ComposeInterpolation[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (pair.value && typeof pair.value === 'object') collectInterpolations(pair.value as Node, [...path, key], lc, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (item && typeof item === 'object') collectInterpolations(item as Node, [...path, String(i)], lc, out);
    });
  } else if (isScalar(node) && typeof node.value === 'string') {
    const line = node.range ? lc.linePos(node.range[0]).line : 0;
    for (const variable of interpolatedVariables(node.value)) out.push({ variable, path: path.join('.'), line });
  }
}
