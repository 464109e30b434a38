/**
 * Lays out the overview picture: services as boxes in columns (consumers left, issuers and
 * servers right, services that are both in the middle) and one link per secret between a client
 * binding and its server binding, coloured by the worse of the two states.
 */
import type { BindingStatus, DriftState, WorkspaceStatus } from '../../../../shared/domain.js';

export const NODE_W = 188;
export const NODE_H = 48;
const ROW_GAP = 34;
const PAD = 30;
/** Room between columns for the label box and each end's variable name. */
const colGap = (columns: number): number => (columns === 2 ? 500 : 420);

export interface GraphNode {
  service: string;
  runMode: string;
  x: number;
  y: number;
}

export interface GraphLink {
  id: string;
  secret: string;
  from: string;
  to: string;
  state: DriftState;
  keychainFingerprint: string | null;
  /** What each end holds: variable and fingerprint, placed next to its box. */
  ends: Array<{ x: number; y: number; anchor: 'start' | 'end'; var: string; fingerprint: string | null }>;
  /** Curve path from the client's right edge to the server's left edge. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: GraphNode[];
  links: GraphLink[];
}

const SEVERITY: Record<DriftState, number> = {
  'in-sync': 0,
  'stale-container': 1,
  shadowed: 2,
  'no-keychain-entry': 2,
  'keychain-mismatch': 3,
  drifted: 3,
  'invalid-format': 4,
  missing: 4,
};

export function worseState(a: DriftState, b: DriftState): DriftState {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Pairs to draw for one secret: each client to the server (or chained when there is no server). */
function pairsOf(bindings: BindingStatus[]): Array<[BindingStatus, BindingStatus]> {
  const server = bindings.find((b) => b.role === 'server');
  if (server) return bindings.filter((b) => b !== server && b.service !== server.service).map((c) => [c, server]);
  const pairs: Array<[BindingStatus, BindingStatus]> = [];
  for (let i = 1; i < bindings.length; i++) pairs.push([bindings[i - 1]!, bindings[i]!]);
  return pairs;
}

const endOf = (b: BindingStatus) => ({ var: b.var, fingerprint: b.fingerprint });

export function layoutGraph(status: WorkspaceStatus): GraphLayout {
  const roles = new Map<string, Set<string>>();
  const services = new Set(status.services.map((s) => s.name));
  for (const sec of status.secrets)
    for (const b of sec.bindings) {
      services.add(b.service);
      const r = roles.get(b.service) ?? new Set<string>();
      r.add(b.role);
      roles.set(b.service, r);
    }
  const columnOf = (svc: string): number => {
    const r = roles.get(svc);
    if (!r) return 0;
    if (r.has('server') && r.has('client')) return 1;
    return r.has('server') ? 2 : 0;
  };
  const hasMiddle = [...services].some((s) => columnOf(s) === 1);
  const cols: string[][] = [[], [], []];
  for (const s of services) cols[columnOf(s)]!.push(s);
  const usedCols = hasMiddle ? [0, 1, 2] : [0, 2];
  const COL_GAP = colGap(usedCols.length);
  const runModeOf = new Map(status.services.map((s) => [s.name, s.runMode]));
  const nodes: GraphNode[] = [];
  const maxRows = Math.max(1, ...cols.map((c) => c.length));
  const height = PAD * 2 + maxRows * NODE_H + (maxRows - 1) * ROW_GAP;
  usedCols.forEach((col, ci) => {
    const list = cols[col]!;
    const colHeight = list.length * NODE_H + Math.max(0, list.length - 1) * ROW_GAP;
    const top = (height - colHeight) / 2;
    list.forEach((svc, row) =>
      nodes.push({ service: svc, runMode: runModeOf.get(svc) ?? status.workspace.runMode, x: PAD + ci * (NODE_W + COL_GAP), y: top + row * (NODE_H + ROW_GAP) }),
    );
  });
  const width = PAD * 2 + usedCols.length * NODE_W + (usedCols.length - 1) * COL_GAP;
  const at = new Map(nodes.map((n) => [n.service, n]));
  const links: GraphLink[] = [];
  const perPair = new Map<string, number>();
  for (const sec of status.secrets)
    for (const [c, s] of pairsOf(sec.bindings)) {
      const a = at.get(c.service);
      const b = at.get(s.service);
      if (!a || !b) continue;
      const [left, right] = a.x <= b.x ? [a, b] : [b, a];
      const key = `${left.service}|${right.service}`;
      const n = perPair.get(key) ?? 0;
      perPair.set(key, n + 1);
      const offset = (n % 2 === 0 ? 1 : -1) * Math.ceil(n / 2) * 12;
      const x1 = left.x + NODE_W;
      const y1 = left.y + NODE_H / 2 + offset;
      const x2 = right.x;
      const y2 = right.y + NODE_H / 2 + offset;
      const sameCol = x1 > x2;
      const path = sameCol
        ? `M ${left.x + NODE_W} ${y1} C ${left.x + NODE_W + 80} ${y1}, ${right.x + NODE_W + 80} ${right.y + NODE_H / 2 + offset}, ${right.x + NODE_W} ${right.y + NODE_H / 2 + offset}`
        : `M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2} ${y2}`;
      links.push({
        id: `${sec.name}:${c.service}:${s.service}`,
        secret: sec.name,
        from: c.service,
        to: s.service,
        state: worseState(c.state, s.state),
        keychainFingerprint: sec.keychainFingerprint,
        ends: sameCol
          ? []
          : [
              { x: x1 + 8, y: y1, anchor: 'start', ...endOf(left.service === c.service ? c : s) },
              { x: x2 - 8, y: y2, anchor: 'end', ...endOf(right.service === s.service ? s : c) },
            ],
        path,
        labelX: sameCol ? left.x + NODE_W + 100 : (x1 + x2) / 2,
        labelY: (y1 + (sameCol ? right.y + NODE_H / 2 + offset : y2)) / 2,
      });
    }
  return { width, height, nodes, links };
}
