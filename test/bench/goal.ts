/**
 * One line per performance goal, in the same shape for every bench, so `npm run bench` can end
 * with the whole table: the measure, Keyhive's number, its peer's number measured in the same
 * run, the ratio, the goal, and MET or MISSED (with the reason when a goal cannot be met here).
 * Lines start with `GOAL ` so the summary can collect them from every bench's output.
 */
export interface Goal {
  /** What is measured, e.g. "parse vs dotenv.parse, 50 lines". */
  measure: string;
  /** Keyhive's number, with its unit ("1.7 ms p50", "3,200 probes/s"). */
  now: string;
  /** The peer and its number in the same run, or "—" when the goal is absolute. */
  peer: string;
  /** The ratio that the goal is about, e.g. "2.31× faster", or "—". */
  ratio: string;
  /** The goal in words ("≥ 2.0× faster", "≤ 15 ms p50"). */
  goal: string;
  met: boolean;
  /** Why a missed goal cannot be met on this machine (and what was tried); printed with MISSED. */
  why?: string;
}

export const GOAL_PREFIX = 'GOAL ';

export function goalLine(g: Goal): string {
  const verdict = g.met ? 'MET' : `MISSED${g.why ? ` (${g.why})` : ''}`;
  return `${GOAL_PREFIX}${g.measure} | now ${g.now} | peer ${g.peer} | ratio ${g.ratio} | goal ${g.goal} | ${verdict}`;
}

/** `x.xx×` for a ratio. */
export const times = (r: number): string => `${r.toFixed(2)}×`;
export const msText = (x: number): string => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
export const median = (xs: number[]): number => percentile(xs, 50);

/** The summary table printed at the end of `npm run bench`, from every GOAL line seen. */
export function summaryTable(goalLines: string[]): string[] {
  const rows = goalLines.map((l) => l.slice(GOAL_PREFIX.length).split(' | '));
  const met = rows.filter((r) => r[r.length - 1] === 'MET').length;
  return ['', '== goals', ...rows.map((r) => `  ${r[r.length - 1]!.startsWith('MET') ? 'MET   ' : 'MISSED'}  ${r.slice(0, -1).join(' | ')}${r[r.length - 1]!.startsWith('MISSED (') ? `\n          ${r[r.length - 1]}` : ''}`), `  ${met} of ${rows.length} goals met`];
}
