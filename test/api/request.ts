/** `app.request` returning the status, the body (parsed when JSON, text otherwise) and the response. */
import type { App } from './fixture.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
export async function request<T = any>(
  app: App,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path, init);
  const text = await res.text();
  const json = /json/.test(res.headers.get('Content-Type') ?? '');
  return { status: res.status, body: (json ? JSON.parse(text) : text) as T, res };
}
