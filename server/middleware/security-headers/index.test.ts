import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './index.js';

describe('securityHeaders', () => {
  const app = new Hono()
    .use('*', securityHeaders({ defaultSrc: ["'self'"], frameAncestors: ["'none'"] }))
    .get('*', (c) => c.text('ok'));

  it('partout : frame-ancestors none et X-Frame-Options SAMEORIGIN', async () => {
    for (const path of [
      '/',
      '/commune/92048',
      '/api/peers',
      '/embedx/commune/92048',
      '/feeds/nouveautes.atom',
    ]) {
      const res = await app.request(path);
      expect(res.headers.get('X-Frame-Options'), path).toBe('SAMEORIGIN');
      expect(res.headers.get('Content-Security-Policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('seulement /embed/… : encadrable par tout site, sans script', async () => {
    const res = await app.request('/embed/commune/92048');
    expect(res.headers.get('X-Frame-Options')).toBeNull();
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
