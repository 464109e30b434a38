/**
 * The typed event bus the app service pushes to every UI (IPC, SSE, tests): `status.changed`,
 * `progress`, `activity`. Payloads are validated against `events` in shared/api.ts before they
 * leave, so a value-bearing shape can never slip out. A throwing listener never breaks the others.
 */
import { events as eventSchemas, type EventName, type EventOf } from '../../shared/api.js';

export type EventListener<E extends EventName> = (payload: EventOf<E>) => void;
/** A listener for every event at once (what transports use to forward everything). */
export type AnyEventListener = <E extends EventName>(name: E, payload: EventOf<E>) => void;

export interface EventSource {
  on<E extends EventName>(name: E, listener: EventListener<E>): () => void;
  onAny(listener: AnyEventListener): () => void;
}

export interface EventBus extends EventSource {
  emit<E extends EventName>(name: E, payload: EventOf<E>): void;
  clear(): void;
}

export function createEventBus(onListenerError: (e: unknown) => void = () => {}): EventBus {
  const byName = new Map<EventName, Set<(payload: unknown) => void>>();
  const any = new Set<AnyEventListener>();

  return {
    on(name, listener) {
      const set = byName.get(name) ?? new Set();
      byName.set(name, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    onAny(listener) {
      any.add(listener);
      return () => void any.delete(listener);
    },
    emit(name, payload) {
      const parsed = eventSchemas[name].parse(payload) as EventOf<typeof name>;
      for (const l of [...(byName.get(name) ?? [])]) {
        try {
          l(parsed);
        } catch (e) {
          onListenerError(e);
        }
      }
      for (const l of [...any]) {
        try {
          l(name, parsed);
        } catch (e) {
          onListenerError(e);
        }
      }
    },
    clear() {
      byName.clear();
      any.clear();
    },
  };
}
