/** Starts the API server in a child process (as in production) and returns its URL and pid. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../core/paths.js';
import { TEST_DB } from '../helpers.js';

export interface ServerProcess {
  url: string;
  pid: number;
  rssKb(): number;
  /** Memory after a forced full GC in the server (heap + external buffers), in bytes. */
  memoryAfterGc(): Promise<{ rss: number; heapUsed: number; external: number; arrayBuffers: number }>;
  stop(): Promise<void>;
  alive(): boolean;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(ROOT, 'server/main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        OBSERVATOIRE_DB: TEST_DB,
        NODE_ENV: 'test',
        OBSERVATOIRE_DIAG: '1',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serveur non démarré : ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.on('exit', (code) => reject(new Error(`serveur arrêté (${code}) : ${out}`)));
  });
  const diag: ((m: string) => void)[] = [];
  let buffered = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffered += d.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('DIAG ')) diag.shift()?.(line.slice(5));
    }
  });
  return {
    memoryAfterGc: () =>
      new Promise((resolve) => {
        diag.push((json) => resolve(JSON.parse(json)));
        child.kill('SIGUSR2');
      }),
    url,
    pid: child.pid!,
    alive: () => !exited,
    rssKb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    },
    stop: () =>
      new Promise<void>((r) => {
        if (exited) return r();
        child.on('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}
