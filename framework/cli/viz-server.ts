import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './usage-error.ts';

/** What the page shows; the page fetches it from /api/session. */
export interface VizSession {
  readonly mode: 'trace' | 'explore';
  readonly file?: string;
  readonly explore?: unknown;
  readonly timeline?: number;
  readonly exploreTimeline?: boolean;
}

export interface VizServerOptions {
  readonly session: VizSession;
  /** The trace's JSON text, served at /api/trace. */
  readonly traceText?: string;
  /**
   * URL of the module whose `labs` export the page's explore mode runs: the registry the
   * command was handed, bundled into the page.
   */
  readonly labsModule: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface VizServer {
  readonly url: string;
  close(): Promise<void>;
}

const VISUALIZER_DIRECTORY = fileURLToPath(new URL('../../visualizer/', import.meta.url));
const HOST = '127.0.0.1';
/**
 * The page runs only its own script and style sheet and talks only to this server: no
 * inline script or style, no eval, no other origin, no framing. What a page can do here
 * (read the student's solution, in the source map) no other page should be made to do.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
} as const;
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M4 1v14M12 1v14M4 4l8 4M12 10l-8 4" stroke="#1f6feb" stroke-width="1.6" fill="none"/></svg>';

const bundles = new Map<string, Promise<Map<string, string>>>();

/**
 * The page's script: the visualizer with the framework and the registry's labs, bundled by
 * esbuild in memory the first time it is asked for (a fraction of a second; there is no build
 * step). The entry is written here so that the page gets the labs the command was handed.
 */
function bundle(labsModule: string): Promise<Map<string, string>> {
  const cached = bundles.get(labsModule);
  if (cached !== undefined) return cached;
  const built = (async () => {
    const esbuild = await import('esbuild');
    const entry = [
      `import { labs } from ${JSON.stringify(fileURLToPath(labsModule))};`,
      `import { showVisualizer } from ${JSON.stringify(`${VISUALIZER_DIRECTORY}app/main.ts`)};`,
      'showVisualizer(labs);',
    ].join('\n');
    const result = await esbuild.build({
      stdin: {
        contents: entry,
        resolveDir: VISUALIZER_DIRECTORY,
        sourcefile: 'entry.ts',
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      sourcemap: 'linked',
      outdir: `${VISUALIZER_DIRECTORY}dist`,
      entryNames: 'app',
      logLevel: 'silent',
    });
    return new Map(result.outputFiles.map((file) => [basename(file.path), file.text]));
  })();
  bundles.set(labsModule, built);
  return built;
}

/** Serves the visualizer on 127.0.0.1 until closed. */
export async function startVisualizer(options: VizServerOptions): Promise<VizServer> {
  const files = await bundle(options.labsModule);
  const [html, css] = await Promise.all([
    readFile(`${VISUALIZER_DIRECTORY}index.html`, 'utf8'),
    readFile(`${VISUALIZER_DIRECTORY}style.css`, 'utf8'),
  ]);
  const routes = new Map<string, { type: string; body: string }>([
    ['/', { type: 'text/html; charset=utf-8', body: html }],
    ['/index.html', { type: 'text/html; charset=utf-8', body: html }],
    ['/favicon.svg', { type: 'image/svg+xml', body: FAVICON }],
    ['/style.css', { type: 'text/css; charset=utf-8', body: css }],
    ['/app.js', { type: 'text/javascript; charset=utf-8', body: files.get('app.js') ?? '' }],
    ['/app.js.map', { type: 'application/json', body: files.get('app.js.map') ?? '{}' }],
    ['/api/session', { type: 'application/json', body: JSON.stringify(options.session) }],
  ]);
  if (options.traceText !== undefined)
    routes.set('/api/trace', { type: 'application/json', body: options.traceText });
  let port = options.port ?? 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    // DNS rebinding: a web page can point its own host name at 127.0.0.1 and then read this
    // server as same-origin. Its requests carry its host name, so only our own are answered.
    if (!isOwnHost(request.headers.host, port)) {
      response
        .writeHead(403, { ...SECURITY_HEADERS, 'content-type': 'text/plain' })
        .end(
          `forbidden: this server answers only http://${HOST}:${port}/ and http://localhost:${port}/`,
        );
      return;
    }
    const path = new URL(request.url ?? '/', `http://${HOST}`).pathname;
    const route = request.method === 'GET' ? routes.get(path) : undefined;
    if (route === undefined) {
      response
        .writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' })
        .end(`not found: ${path}`);
      return;
    }
    response
      .writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': route.type,
        'cache-control': 'no-store',
      })
      .end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `port ${options.port ?? 0} is in use: choose another with --port, or leave it out for a free one`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, HOST, resolve);
  });
  const address = server.address();
  if (typeof address === 'object' && address !== null) port = address.port;
  return {
    url: `http://${HOST}:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Whether a request's Host header names this server: 127.0.0.1 or localhost, at its port. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

/** Asks the desktop to open a URL; failing quietly (the URL is printed anyway). */
export function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No desktop: the printed URL is the way in.
  }
}

/** Starts the server, prints its URL, opens a browser unless told not to; serves until Ctrl-C. */
export async function serveVisualizer(
  options: VizServerOptions & { readonly open: boolean; readonly write: (line: string) => void },
): Promise<VizServer> {
  const server = await startVisualizer(options);
  options.write(`tslabs visualizer: ${server.url}  (Ctrl-C to stop)`);
  if (options.open) openBrowser(server.url);
  return server;
}
