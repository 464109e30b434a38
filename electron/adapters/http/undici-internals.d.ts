// The undici modules undici-lite.ts loads on their own (CommonJS: module.exports is the default).
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}
declare module 'undici/lib/dispatcher/dispatcher.js' {
  const DispatcherClass: { prototype: Record<string, unknown> };
  export default DispatcherClass;
}
declare module 'undici/lib/api/index.js' {
  const api: Record<string, unknown>;
  export default api;
}
declare module 'undici/lib/global.js' {
  import type { Dispatcher } from 'undici';
  const undiciGlobal: { getGlobalDispatcher: () => Dispatcher; setGlobalDispatcher: (d: Dispatcher) => void };
  export default undiciGlobal;
}
