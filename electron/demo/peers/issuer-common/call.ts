/** A tiny JSON HTTP call for the peers' tests: status, parsed body (or null), headers. */
export interface PeerAnswer {
  status: number;
  body: Record<string, unknown> | null;
  headers: Headers;
}

export async function callPeer(base: string, method: string, path: string, token?: string, body?: unknown): Promise<PeerAnswer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, headers: res.headers };
}
