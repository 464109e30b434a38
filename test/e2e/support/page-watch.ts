/** Collects the bodies of every API response the page receives (SSE excluded), for leak checks. */
import type { Page, Response } from 'playwright-core';

export interface ResponseLog {
  bodies: Array<{ url: string; body: string }>;
  /** Waits for bodies still being read. */
  settle(): Promise<void>;
}

export function watchResponses(page: Page): ResponseLog {
  const bodies: ResponseLog['bodies'] = [];
  const pending = new Set<Promise<void>>();
  page.on('response', (res: Response) => {
    if ((res.headers()['content-type'] ?? '').includes('text/event-stream')) return;
    const p = res
      .text()
      .then((body) => void bodies.push({ url: res.url(), body }))
      .catch(() => undefined)
      .finally(() => pending.delete(p));
    pending.add(p);
  });
  return {
    bodies,
    settle: async () => {
      await Promise.all([...pending]);
    },
  };
}

/** Which of `values` occur in `text`. */
export const leaked = (text: string, values: string[]): string[] => values.filter((v) => text.includes(v));
