/** gzip, deflate or brotli (preferred) for JSON, CSV, Arrow and TopoJSON bodies of 1 KiB or more. */
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, deflate, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const defl = promisify(deflate);
const COMPRESSIBLE = /^(application\/(json|vnd\.apache\.arrow\.stream|problem\+json)|text\/)/i;

/** The encoding to answer with for an `Accept-Encoding` header (q-values honoured), or null. */
export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'deflate' | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  for (const enc of ['br', 'gzip', 'deflate'] as const) {
    const q = accepted.get(enc) ?? wildcard ?? 0;
    if (q > 0) return enc;
  }
  return null;
}

export function compressBody(threshold = 1024): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      res.status !== 200 ||
      !res.body ||
      res.headers.has('Content-Encoding') ||
      !COMPRESSIBLE.test(type) ||
      /no-transform/i.test(res.headers.get('Cache-Control') ?? '')
    )
      return;
    const vary = res.headers.get('Vary');
    if (!vary || !/accept-encoding/i.test(vary))
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const raw = Buffer.from(await res.arrayBuffer());
    if (raw.byteLength < threshold) {
      c.res = new Response(raw, res);
      return;
    }
    const out =
      encoding === 'br'
        ? await brotli(raw, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.byteLength },
          })
        : encoding === 'gzip'
          ? await gz(raw)
          : await defl(raw);
    c.res = new Response(
      out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer,
      res,
    );
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
