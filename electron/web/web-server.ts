/**
 * `keyhive web`: the same UI (out/renderer) and the same typed API over HTTP + server-sent
 * events, on 127.0.0.1 only. A random 256-bit token printed once in the URL is exchanged for an
 * HttpOnly SameSite=Strict cookie (then stripped from the URL by a redirect). The URL token is
 * SINGLE-USE: after that exchange, the same URL is refused to anyone without the cookie; every request's
 * Host, Origin and Sec-Fetch-Site are checked; API calls are JSON POSTs with a size limit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { web, type Result } from '../../shared/api.js';
import { KeyhiveError, type ErrorPayload } from '../../shared/errors.js';
import type { KeyhiveService } from '../app/keyhive-service.js';
import {
  hasSession,
  hostAllowed,
  isJsonContentType,
  newToken,
  sameSiteAllowed,
  sessionCookie,
  tokensMatch,
} from './request-guard.js';
import { createSseHub } from './sse-hub.js';
import { readUiFile, UI_SECURITY_HEADERS } from '../app/ui/ui-files.js';

export const LOOPBACK_HOST = '127.0.0.1';

export interface WebServerOptions {
  service: Pick<KeyhiveService, 'invoke' | 'events'>;
  /** The renderer build to serve (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Tests may fix the URL token; otherwise a fresh 256-bit one. */
  token?: string;
  heartbeatMs?: number;
  maxBodyBytes?: number;
}

export interface RunningWebServer {
  /** The URL to open, carrying the token (print it once). */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}


const refusal = (code: ErrorPayload['code'], message: string, fix: string): ErrorPayload => new KeyhiveError(code, message, { fix }).toPayload();

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { ...UI_SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: ErrorPayload): void {
  sendJson(res, status, { ok: false, error });
}

const OPEN_PRINTED_URL = 'Open the exact URL `keyhive web` printed (it carries the session token).';
const USED_TOKEN_FIX = 'Go back to the browser window it was opened in, or stop `keyhive web` (Ctrl-C) and start it again for a new URL.';

async function readBody(req: IncomingMessage, limit: number): Promise<string | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const urlToken = opts.token ?? newToken();
  const sessionSecret = newToken();
  /** The URL token is single-use: set once it was exchanged for the session cookie. */
  let tokenUsed = false;
  const maxBody = opts.maxBodyBytes ?? 256 * 1024;
  let port = 0;
  const hub = createSseHub(opts.service.events, { heartbeatMs: opts.heartbeatMs, headers: UI_SECURITY_HEADERS });

  const handleApi = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendError(res, 405, refusal('BAD_INPUT', 'API calls must be POST requests.', 'Send POST with a JSON body.'));
    }
    if (!isJsonContentType(req.headers)) {
      return sendError(res, 415, refusal('BAD_INPUT', 'API calls must have Content-Type: application/json.', 'Send the request as JSON.'));
    }
    const body = await readBody(req, maxBody);
    if (body === 'too-large') {
      sendError(res, 413, refusal('BAD_INPUT', `The request body is larger than ${maxBody} bytes.`, 'Send a smaller request.'));
      req.destroy();
      return;
    }
    let payload: unknown;
    try {
      payload = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      return sendError(res, 400, refusal('BAD_INPUT', 'The request body is not valid JSON.', 'Send a JSON object.'));
    }
    const result = await opts.service.invoke(channel, payload);
    const unknownChannel = !result.ok && result.error.code === 'BAD_INPUT' && result.error.message.startsWith('Unknown API channel');
    sendJson(res, unknownChannel ? 404 : 200, result);
  };

  const handlePage = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...UI_SECURITY_HEADERS, Allow: 'GET, HEAD' });
      return void res.end();
    }
    const offered = url.searchParams.get(web.tokenParam);
    if (offered !== null) {
      const signedIn = hasSession(req.headers, port, sessionSecret);
      // Single use: once exchanged for the cookie, the URL token opens nothing by itself (a copy
      // in the shell history, a log or a screenshot is worthless). The browser that holds the
      // session may open the printed URL again: it is simply sent on without the token.
      if (!tokensMatch(offered, urlToken) || (tokenUsed && !signedIn)) {
        res.writeHead(401, { ...UI_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        return void res.end(tokenUsed && tokensMatch(offered, urlToken) ? `This link was already used: its token works once. ${USED_TOKEN_FIX}\n` : `Wrong or expired token. ${OPEN_PRINTED_URL}\n`);
      }
      tokenUsed = true;
      url.searchParams.delete(web.tokenParam);
      res.writeHead(303, {
        ...UI_SECURITY_HEADERS,
        ...(signedIn ? {} : { 'Set-Cookie': sessionCookie(port, sessionSecret) }),
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      });
      return void res.end();
    }
    if (!hasSession(req.headers, port, sessionSecret)) {
      res.writeHead(401, { ...UI_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(`Keyhive web needs its session token. ${OPEN_PRINTED_URL}\n`);
    }
    const file = await readUiFile(url.pathname, opts.rendererDir);
    if (!file) {
      res.writeHead(404, { ...UI_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Not found\n');
    }
    res.writeHead(200, { ...UI_SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers, port)) {
      return sendError(res, 403, refusal('UNAUTHORIZED', 'Refused: this request names another host.', `Use http://${LOOPBACK_HOST}:${port}/.`));
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const isApi = url.pathname.startsWith(web.apiPrefix);
    if (!sameSiteAllowed(req.headers, port, isApi ? 'api' : 'page')) {
      return sendError(res, 403, refusal('UNAUTHORIZED', 'Refused: cross-site request.', 'Only the Keyhive page itself may call its API.'));
    }
    if (!isApi) return handlePage(req, res, url);
    if (!hasSession(req.headers, port, sessionSecret)) {
      return sendError(res, 401, refusal('UNAUTHORIZED', 'Missing or invalid Keyhive session.', OPEN_PRINTED_URL));
    }
    if (url.pathname === web.eventsPath) {
      if (req.method !== 'GET') return sendError(res, 405, refusal('BAD_INPUT', 'The event stream is read with GET.', 'Use EventSource.'));
      return hub.attach(res);
    }
    return handleApi(req, res, url.pathname.slice(web.apiPrefix.length));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, refusal('INTERNAL', 'The web server failed on this request.', 'Check the terminal running `keyhive web`.'));
      else res.end();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new KeyhiveError('BAD_INPUT', `Port ${opts.port} on ${LOOPBACK_HOST} is already in use.`, { fix: 'Pick another with --port, or --port 0 for a free one.' })
          : e,
      ),
    );
    server.listen({ host: LOOPBACK_HOST, port: opts.port ?? 0 }, () => resolveListen());
  });
  port = (server.address() as { port: number }).port; // a TCP server's address is an AddressInfo
  const origin = `http://${LOOPBACK_HOST}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?${web.tokenParam}=${urlToken}`,
    origin,
    port,
    close: () =>
      (closing ??= new Promise<void>((resolveClose) => {
        hub.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      })),
  };
}
