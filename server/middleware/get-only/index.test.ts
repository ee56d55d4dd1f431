import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../http.js';
import { getOnly } from './index.js';

describe('getOnly', () => {
  it('GET, HEAD, OPTIONS passent ; toute autre méthode : 405 dans l’enveloppe d’erreur', async () => {
    const app = new Hono().use('*', getOnly()).all('/x', (c) => c.text('ok'));
    app.onError(errorResponse);
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect((await app.request('/x', { method })).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await app.request('/x', { method });
      expect(res.status, method).toBe(405);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    }
  });
});
