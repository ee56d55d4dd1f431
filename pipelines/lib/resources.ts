/**
 * Where a pipeline's input files come from: the offline mirror (`OBSERVATOIRE_MIRROR/<family>/<file>`)
 * or the official URL, downloaded once into `data/cache/<family>/` with retries and backoff.
 * A download is written to a temporary file, checked, then renamed: the cache never holds a partial file.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { FamilyId } from '../../core/families.js';
import { unzipSync } from 'fflate';
import { ROOT } from '../../core/paths.js';
import { DownloadError } from './errors.js';

export type ResourceKind = 'official' | 'derived' | 'legacy' | 'curated';

export interface Resource {
  /** Stable source id, stored in `sources.id` and on every observation. */
  id: string;
  family: FamilyId;
  title: string;
  /** File name inside the mirror family folder and the download cache. */
  file: string;
  /** Official download URL. Absent for mirror-only extracts (`derived_*`). */
  url?: string;
  kind: ResourceKind;
  vintage: string;
  /** Absent optional resources are skipped with a note; absent required ones stop the build. */
  required: boolean;
  /** Content types a download may legitimately have (checked loosely). */
  expect?: 'csv' | 'json' | 'xlsx' | 'zip';
  /** The official download is a zip archive: the member to extract (its content is what the mirror holds). */
  zipMember?: string;
  producer?: string;
  licence?: string;
  notes?: string;
  /**
   * The file is versioned in this repository (`file` is then a path from the repository root, e.g.
   * `pipelines/curated/figures.csv`): it is read from there in mirror and network mode alike.
   */
  repository?: boolean;
  /**
   * The file gathers figures copied from several publications: the build records no `sources` row for
   * the file itself, but one per citation, returned by the pipeline in `PipelineOutput.sources`.
   */
  perCitation?: boolean;
  /** Publication date of a cited document (`AAAA`, `AAAA-MM` or `AAAA-MM-JJ`), when known. */
  published?: string | null;
  /** Page, table or section of a cited document, when known. */
  page?: string | null;
  /**
   * `national`: the file lists every commune of its scope in France (the SRU inventory lists every
   * commune subject to the law), so a département without rows has no commune in scope and totals are
   * computed for every level. Otherwise a total needs values in each of its départements.
   */
  scope?: 'national';
  /** Overrides the family's dataset address (null: none, e.g. for a figure cited from a report). */
  dataset_url?: string | null;
}

export interface ResolvedResource extends Resource {
  path: string;
  origin: 'mirror' | 'network' | 'repository';
  sha256: string;
  bytes: number;
  retrievedAt: string;
}

export interface ResolveOptions {
  mirror?: string;
  /**
   * Download every file that has an official address, even when a mirror is given; the mirror then only
   * supplies the files that exist nowhere else (reshaped extracts). Used by the network rehearsal.
   */
  preferNetwork?: boolean;
  cacheDir: string;
  fetchImpl?: typeof fetch;
  retries?: number;
  timeoutMs?: number;
  backoffMs?: number;
  log?: (msg: string) => void;
}

export function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

export function mirrorDir(): string | undefined {
  const m = process.env.OBSERVATOIRE_MIRROR;
  return m ? resolve(m) : undefined;
}

const MIRROR_HINT =
  'Sans accès à internet, pointez l’observatoire vers une copie locale des fichiers : OBSERVATOIRE_MIRROR=/chemin/vers/sources npm start (voir README).';

async function fileInfo(path: string): Promise<{ sha256: string; bytes: number; mtime: string }> {
  const buf = await readFile(path);
  const st = await stat(path);
  return { sha256: sha256(buf), bytes: buf.byteLength, mtime: st.mtime.toISOString() };
}

function looksWrong(expect: Resource['expect'], contentType: string, head: Uint8Array): string | null {
  const ct = contentType.toLowerCase();
  const start = Buffer.from(head.subarray(0, 64)).toString('latin1').trimStart().toLowerCase();
  if (ct.includes('text/html') || start.startsWith('<!doctype html') || start.startsWith('<html')) {
    return `une page HTML a été reçue (Content-Type « ${contentType || 'absent'} ») au lieu du fichier attendu`;
  }
  if ((expect === 'xlsx' || expect === 'zip') && !(head[0] === 0x50 && head[1] === 0x4b)) {
    return `le fichier reçu n’est pas une archive ${expect.toUpperCase()} (Content-Type « ${contentType || 'absent'} »)`;
  }
  if (expect === 'json' && !(start.startsWith('{') || start.startsWith('['))) {
    return `le fichier reçu n’est pas du JSON (Content-Type « ${contentType || 'absent'} »)`;
  }
  return null;
}

const NET_ERRORS: Record<string, string> = {
  ENOTFOUND: 'serveur introuvable, pas d’accès à internet ?',
  EAI_AGAIN: 'résolution DNS impossible, pas d’accès à internet ?',
  ECONNREFUSED: 'connexion refusée',
  ECONNRESET: 'connexion interrompue',
  ETIMEDOUT: 'délai de connexion dépassé',
  ENETUNREACH: 'réseau inaccessible',
  UND_ERR_SOCKET: 'connexion coupée pendant le transfert',
};

/** Downloads `url` to `dest` (temp file then rename), with retries and exponential backoff. */
export async function download(
  url: string,
  dest: string,
  res: Resource,
  opts: ResolveOptions,
): Promise<void> {
  const doFetch = opts.fetchImpl ?? fetch;
  const retries = opts.retries ?? 3;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const backoff = opts.backoffMs ?? 1_000;
  await mkdir(dirname(dest), { recursive: true });
  const tmp = `${dest}.part-${process.pid}`;
  let last = '';
  for (let attempt = 1; attempt <= retries; attempt++) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    try {
      const resp = await doFetch(url, { signal: ctrl.signal, redirect: 'follow' });
      if (resp.status === 404 || resp.status === 410)
        throw new DownloadError(
          url,
          `Le fichier « ${res.file} » n’est pas à l’adresse ${url} (réponse HTTP ${resp.status}).`,
          resp.status,
        );
      if (!resp.ok) throw new Error(`réponse HTTP ${resp.status}`);
      // With a Content-Encoding (gzip, br), Content-Length counts the compressed bytes, not the body.
      const encoded = (resp.headers.get('content-encoding') ?? 'identity') !== 'identity';
      const declared = encoded ? NaN : Number(resp.headers.get('content-length') ?? NaN);
      const body = new Uint8Array(await resp.arrayBuffer());
      if (Number.isFinite(declared) && declared !== body.byteLength) {
        throw new Error(`transfert incomplet (${body.byteLength} octets reçus sur ${declared} annoncés)`);
      }
      if (body.byteLength === 0) throw new Error('fichier vide');
      const wrong = looksWrong(res.expect, resp.headers.get('content-type') ?? '', body);
      if (wrong) throw new DownloadError(url, `Téléchargement de ${url} refusé : ${wrong}.`);
      await writeFile(tmp, body);
      await rename(tmp, dest);
      return;
    } catch (err) {
      await rm(tmp, { force: true });
      if (err instanceof DownloadError) throw err;
      const e = err as Error & { cause?: { code?: string } };
      const code = e.cause?.code;
      last = ctrl.signal.aborted
        ? `délai dépassé (${Math.round(timeoutMs / 1000)} s)`
        : code && NET_ERRORS[code]
          ? `${NET_ERRORS[code]} [${code}]`
          : (code ?? e.message ?? String(err));
      opts.log?.(`  tentative ${attempt}/${retries} échouée pour ${url} : ${last}`);
      if (attempt < retries) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
    } finally {
      clearTimeout(timer);
    }
  }
  throw new DownloadError(
    url,
    `Impossible de télécharger « ${res.file} » depuis ${url} (${last}, après ${retries} tentatives). ${MIRROR_HINT}`,
  );
}

/** Replaces a downloaded zip archive by the one member the pipeline reads. */
async function extractMember(path: string, res: Resource): Promise<void> {
  const files = unzipSync(new Uint8Array(await readFile(path)), {
    filter: (f) => basename(f.name) === res.zipMember,
  });
  const member = Object.values(files)[0];
  if (!member) {
    await rm(path, { force: true });
    throw new DownloadError(
      res.url ?? res.file,
      `L’archive téléchargée depuis ${res.url} ne contient pas « ${res.zipMember} ».`,
    );
  }
  const tmp = `${path}.unzip-${process.pid}`;
  await writeFile(tmp, member);
  await rename(tmp, path);
}

/**
 * Resolves a resource to a local file. Mirror mode reads only the mirror; network mode uses the
 * download cache, downloading on a miss. Returns null for an optional resource that is not available.
 */
export async function resolveResource(res: Resource, opts: ResolveOptions): Promise<ResolvedResource | null> {
  if (res.repository) {
    const path = join(ROOT, res.file);
    if (!existsSync(path)) {
      if (!res.required) return null;
      throw new DownloadError(
        path,
        `Fichier « ${res.file} » absent du dépôt : il est nécessaire à la construction.`,
      );
    }
    const info = await fileInfo(path);
    return {
      ...res,
      path,
      origin: 'repository',
      sha256: info.sha256,
      bytes: info.bytes,
      retrievedAt: info.mtime,
    };
  }
  if (opts.mirror && !(opts.preferNetwork && res.url)) {
    const path = join(opts.mirror, res.family, res.file);
    if (!existsSync(path)) {
      if (!res.required) return null;
      throw new DownloadError(
        res.url ?? path,
        `Fichier « ${res.file} » absent du miroir ${join(opts.mirror, res.family)} : il est nécessaire à la construction de la base.`,
      );
    }
    const info = await fileInfo(path);
    return {
      ...res,
      path,
      origin: 'mirror',
      sha256: info.sha256,
      bytes: info.bytes,
      retrievedAt: info.mtime,
    };
  }
  if (!res.url) {
    if (!res.required) return null;
    throw new DownloadError(
      res.file,
      `Le fichier « ${res.file} » n’existe que dans le miroir hors ligne (extrait retraité, sans adresse officielle équivalente). ${MIRROR_HINT}`,
    );
  }
  const path = join(opts.cacheDir, res.family, basename(res.file));
  const metaPath = `${path}.meta.json`;
  if (!existsSync(path) || !existsSync(metaPath)) {
    opts.log?.(`  téléchargement ${res.url}`);
    try {
      await download(res.url, path, res, opts);
    } catch (err) {
      // An optional file that is not (yet) published at its address is skipped, with a line that says so.
      if (!res.required && err instanceof DownloadError && err.status !== undefined && err.status >= 400) {
        opts.log?.(`  ${res.file} : absent de ${res.url} (HTTP ${err.status}), fichier facultatif ignoré`);
        return null;
      }
      throw err;
    }
    if (res.zipMember) await extractMember(path, res);
    const info = await fileInfo(path);
    await writeFile(
      metaPath,
      JSON.stringify({
        url: res.url,
        sha256: info.sha256,
        bytes: info.bytes,
        retrievedAt: new Date().toISOString(),
      }),
    );
  }
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as {
    sha256: string;
    bytes: number;
    retrievedAt: string;
  };
  const info = await fileInfo(path);
  if (info.sha256 !== meta.sha256 || info.bytes !== meta.bytes) {
    await rm(path, { force: true });
    await rm(metaPath, { force: true });
    throw new DownloadError(
      res.url,
      `Le fichier en cache ${path} ne correspond plus à son empreinte : il a été supprimé, relancez la construction.`,
    );
  }
  return {
    ...res,
    path,
    origin: 'network',
    sha256: info.sha256,
    bytes: info.bytes,
    retrievedAt: meta.retrievedAt,
  };
}
