/**
 * Errors a pipeline raises on bad input or failed downloads. Their message is one French sentence
 * that names the file (or URL), the line and the column, and what was expected: it is printed as is
 * by `npm run data` and `npm start`, without a stack trace.
 */
export interface Location {
  file: string;
  line?: number;
  column?: string;
}

export function where(loc: Location): string {
  const parts = [loc.file];
  if (loc.line !== undefined) parts.push(`ligne ${loc.line}`);
  if (loc.column !== undefined) parts.push(`colonne « ${loc.column} »`);
  return parts.join(', ');
}

export class InputError extends Error {
  readonly loc: Location;
  constructor(loc: Location, message: string) {
    super(`${where(loc)} : ${message}`);
    this.name = 'InputError';
    this.loc = loc;
  }
}

export class DownloadError extends Error {
  readonly url: string;
  /** HTTP status when the server answered (e.g. 404: the file is not at this address). */
  readonly status?: number;
  constructor(url: string, message: string, status?: number) {
    super(message);
    this.name = 'DownloadError';
    this.url = url;
    this.status = status;
  }
}

/** A build check failed: the new database is not published. */
export class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

/** Errors whose message is meant for the user as is (no stack trace). */
export function isUserFacing(err: unknown): err is InputError | DownloadError | CheckError {
  return err instanceof InputError || err instanceof DownloadError || err instanceof CheckError;
}
