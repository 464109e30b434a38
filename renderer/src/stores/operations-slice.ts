/**
 * Long operations (sync with restart, rotation) step by step, fed by `progress` events.
 * The engine names the operation id only in its final answer, so events are grouped by id and
 * the view follows the newest operation for its secret.
 */
import type { StateCreator } from 'zustand';
import type { ProgressEvent } from '../../../shared/domain.js';

export interface OperationView {
  operationId: string;
  operation: ProgressEvent['operation'];
  secret?: string;
  /** One entry per step, in first-seen order, holding the step's latest state. */
  steps: ProgressEvent[];
  finished: boolean;
  ok?: boolean;
  summary?: string;
}

export interface OperationsSlice {
  operations: Record<string, OperationView>;
  /** Operation ids in start order. */
  operationOrder: string[];
  /** Set while a request runs: `${kind}:${secret}`. */
  busy: string | null;
  applyProgress(e: ProgressEvent): void;
  finishOperation(operationId: string, ok: boolean, summary: string, op: ProgressEvent['operation'], secret?: string): void;
  /** Newest operation on `secret` (of `kinds`) started at or after position `since` of operationOrder. */
  latestOperationFor(secret: string, kinds?: ProgressEvent['operation'][], since?: number): OperationView | null;
}

export const createOperationsSlice: StateCreator<OperationsSlice, [], [], OperationsSlice> = (set, get) => ({
  operations: {},
  operationOrder: [],
  busy: null,
  applyProgress(e) {
    set((s) => {
      const prev = s.operations[e.operationId];
      const base: OperationView = prev ?? { operationId: e.operationId, operation: e.operation, secret: e.secret, steps: [], finished: false };
      const i = base.steps.findIndex((x) => x.step === e.step);
      const steps = i === -1 ? [...base.steps, e] : base.steps.map((x, j) => (j === i ? e : x));
      return {
        operations: { ...s.operations, [e.operationId]: { ...base, steps } },
        operationOrder: prev ? s.operationOrder : [...s.operationOrder, e.operationId],
      };
    });
  },
  finishOperation(operationId, ok, summary, operation, secret) {
    set((s) => {
      const prev = s.operations[operationId];
      const base: OperationView = prev ?? { operationId, operation, secret, steps: [], finished: false };
      return {
        operations: { ...s.operations, [operationId]: { ...base, finished: true, ok, summary } },
        operationOrder: prev ? s.operationOrder : [...s.operationOrder, operationId],
      };
    });
  },
  latestOperationFor(secret, kinds, since = 0) {
    const { operations, operationOrder } = get();
    for (let i = operationOrder.length - 1; i >= since; i--) {
      const op = operations[operationOrder[i] ?? ''];
      if (op && op.secret === secret && (!kinds || kinds.includes(op.operation))) return op;
    }
    return null;
  },
});
