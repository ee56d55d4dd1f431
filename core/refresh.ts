/**
 * The record of a failed data refresh, kept next to the published database
 * (`observatoire.duckdb.echec.json`): when a rebuild fails, the last good database keeps being served,
 * `npm start` says so in one line, `/api/health` reports the failure and the dashboard shows a banner.
 * A successful build removes the record.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface FailedRefresh {
  /** ISO date and time of the failed attempt. */
  at: string;
  /** The file or address that stopped it, when known. */
  file: string | null;
  /** The build's own French sentence. */
  reason: string;
}

export const failurePath = (dbPath: string) => `${dbPath}.echec.json`;

export function recordFailedRefresh(dbPath: string, f: FailedRefresh): void {
  const tmp = `${failurePath(dbPath)}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(f, null, 2));
  renameSync(tmp, failurePath(dbPath));
}

export function clearFailedRefresh(dbPath: string): void {
  rmSync(failurePath(dbPath), { force: true });
}

export function readFailedRefresh(dbPath: string): FailedRefresh | null {
  const p = failurePath(dbPath);
  if (!existsSync(p)) return null;
  try {
    const f = JSON.parse(readFileSync(p, 'utf8')) as FailedRefresh;
    return typeof f.at === 'string' && typeof f.reason === 'string' ? f : null;
  } catch {
    return null;
  }
}
