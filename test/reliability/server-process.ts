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
  stop(): Promise<void>;
  alive(): boolean;
}

export async function startServerProcess(): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', OBSERVATOIRE_DB: TEST_DB, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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
  child.stdout!.resume();
  return {
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
