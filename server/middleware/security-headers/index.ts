/**
 * Security headers for every response (hono/secure-headers), with one exception: embeddable cards
 * (`/embed/…`) may be framed by any site. Only there is `frame-ancestors` relaxed to `*` and
 * `X-Frame-Options` left out; the card's own policy is stricter elsewhere (no script, no connection).
 * Every other address keeps `frame-ancestors 'none'` and `X-Frame-Options: SAMEORIGIN`.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type ContentSecurityPolicyOptions = NonNullable<
  NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']
>;

/** Addresses that may be framed by another site. */
export const FRAMABLE = /^\/embed\//;

/** Policy of an embeddable card: a self-contained HTML page (inline styles, no script, no request). */
export const EMBED_CSP: ContentSecurityPolicyOptions = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ['*'],
};

export function securityHeaders(csp: ContentSecurityPolicyOptions): MiddlewareHandler {
  const site = secureHeaders({ contentSecurityPolicy: csp, crossOriginEmbedderPolicy: false });
  const framable = secureHeaders({
    contentSecurityPolicy: EMBED_CSP,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'cross-origin',
    xFrameOptions: false,
  });
  return (c, next) => (FRAMABLE.test(c.req.path) ? framable(c, next) : site(c, next));
}
