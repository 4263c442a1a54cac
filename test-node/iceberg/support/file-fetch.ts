/**
 * `file://` for the global `fetch`, which Node's does not serve: icebird
 * reads metadata, manifests and (with hyparquet) data files through
 * `fetch`, with `Range` requests for Parquet footers and pages. GET and
 * HEAD of `file://` URLs are answered from disk (206 for a range, 404 for
 * a missing file); every other URL goes to the original `fetch`.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

async function fileResponse(url: string, init: RequestInit | undefined): Promise<Response> {
  const path = fileURLToPath(url);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
  if (init?.method === 'HEAD') return new Response(null, { status: 200, headers: { 'content-length': String(size) } });
  const bytes = await readFile(path);
  const range = new Headers(init?.headers).get('range')?.match(/^bytes=(\d+)-(\d*)$/);
  if (range == null) return new Response(bytes, { status: 200, headers: { 'content-length': String(size) } });
  const start = Number(range[1]);
  const end = range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  return new Response(bytes.subarray(start, end + 1), { status: 206, headers: { 'content-range': `bytes ${start}-${end}/${size}` } });
}

/** Installs the shim; returns what uninstalls it. */
export function installFileFetch(): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.startsWith('file://') ? fileResponse(url, init) : original(input, init);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}
