import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { currentSignal } from '../../context.js';
import { errorResponse } from '../../http.js';
import { timeoutAndInterrupt } from './index.js';

describe('timeoutAndInterrupt', () => {
  it('au-delà du délai : 503 « timeout », et le signal de la requête est interrompu', async () => {
    let signal: AbortSignal | undefined;
    const app = new Hono()
      .use('*', timeoutAndInterrupt(50))
      .get('/slow', async (c) => {
        signal = currentSignal();
        await new Promise((r) => setTimeout(r, 300));
        return c.text('trop tard');
      })
      .get('/fast', (c) => c.text(String(currentSignal()?.aborted)));
    app.onError(errorResponse);
    const slow = await app.request('/slow');
    expect(slow.status).toBe(503);
    expect(((await slow.json()) as { error: { code: string } }).error.code).toBe('timeout');
    expect(signal?.aborted).toBe(true);
    const fast = await app.request('/fast');
    expect(fast.status).toBe(200);
    expect(await fast.text()).toBe('false');
  });
});
