import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestLog } from './index.js';

afterEach(() => vi.restoreAllMocks());

describe('requestLog', () => {
  it('une ligne JSON par requête (méthode, chemin, requête, statut, durée) ; rien si désactivé', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
    const on = new Hono().use('*', requestLog(true)).get('/a', (c) => c.text('x', 201));
    await on.request('/a?q=1');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ method: 'GET', path: '/a', query: '?q=1', status: 201 });
    expect(typeof entry.ms).toBe('number');
    expect(Number.isNaN(Date.parse(entry.t as string))).toBe(false);
    const off = new Hono().use('*', requestLog(false)).get('/a', (c) => c.text('x'));
    await off.request('/a');
    expect(lines).toHaveLength(1);
  });
});
