import { describe, expect, it } from 'vitest';
import { NODE_W, layoutGraph, worseState } from '../../../../renderer/src/features/overview/graph-layout.js';
import { demoStatus } from '../../fixtures.js';

describe('layoutGraph', () => {
  it('puts pure consumers left of the servers they call and never overlaps boxes', () => {
    const g = layoutGraph(demoStatus());
    const x = (s: string) => g.nodes.find((n) => n.service === s)!.x;
    // hivecfm-core is only a client; hogsend only a server; hivecfm-hub both (server of one, client of another)
    expect(x('hivecfm-core')).toBeLessThan(x('hivecfm-hub'));
    expect(x('hivecfm-hub')).toBeLessThan(x('hogsend'));
    for (const a of g.nodes)
      for (const b of g.nodes)
        if (a !== b && a.x === b.x) expect(Math.abs(a.y - b.y)).toBeGreaterThan(40);
    for (const n of g.nodes) expect(n.x + NODE_W).toBeLessThanOrEqual(g.width);
  });

  it('colours a link by the worse of its two ends', () => {
    const g = layoutGraph(demoStatus());
    expect(g.links.find((l) => l.secret === 'hogsend-api-key')!.state).toBe('drifted');
    expect(g.links.find((l) => l.secret === 'tokenhub-key')!.state).toBe('missing');
    expect(worseState('in-sync', 'stale-container')).toBe('stale-container');
    expect(worseState('missing', 'shadowed')).toBe('missing');
  });

  it('chains bindings when a secret has no server side', () => {
    const s = demoStatus();
    const g = layoutGraph(s);
    const tokenhub = g.links.filter((l) => l.secret === 'tokenhub-key');
    expect(tokenhub).toHaveLength(1);
    expect(new Set([tokenhub[0]!.from, tokenhub[0]!.to])).toEqual(new Set(['hivecfm-core', 'hivecfm-hub']));
  });

  it('copes with an empty workspace', () => {
    const s = demoStatus();
    s.secrets = [];
    s.services = [];
    const g = layoutGraph(s);
    expect(g.links).toEqual([]);
    expect(g.height).toBeGreaterThan(0);
  });
});
