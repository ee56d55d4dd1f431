/** The app under test, on the read-only test database, plus an independent connection to check it. */
import type { Db } from '../../core/db.js';
import { createApp } from '../../server/app.js';
import type { Store } from '../../server/store.js';
import { openTestDb, openTestStore } from '../helpers.js';

export type App = ReturnType<typeof createApp>;

/** The app on the read-only test database (close the store after the tests). */
export async function openTestApp(): Promise<{ store: Store; app: App }> {
  const store = await openTestStore();
  return { store, app: createApp(store, { log: false }) };
}

export async function openApiFixture(): Promise<{ store: Store; db: Db; app: App }> {
  const { store, app } = await openTestApp();
  return { store, db: await openTestDb(), app };
}

export function closeApiFixture(store: Store | undefined, db: Db | undefined): void {
  store?.close();
  db?.close();
}
