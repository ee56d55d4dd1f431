/** Where the data live. Everything under `data/` is git-ignored. */
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const DATA_DIR = resolve(process.env.OBSERVATOIRE_DATA_DIR ?? join(ROOT, 'data'));
export const DB_PATH = resolve(process.env.OBSERVATOIRE_DB ?? join(DATA_DIR, 'observatoire.duckdb'));
export const CACHE_DIR = join(DATA_DIR, 'cache');
export const WEB_DIST = join(ROOT, 'dist', 'web');
