/**
 * `WORKERS=N npm run serve:cluster`: N server processes (Node's cluster) sharing one port, each
 * with its own read-only handle on the same DuckDB file. Reads scale with processes.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { startServer } from './main.js';

const workers = Number(process.env.WORKERS ?? availableParallelism());

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  let ready = 0;
  cluster.on('message', (_w, msg: { port?: number }) => {
    if (msg?.port && ++ready === workers)
      console.log(`Observatoire servi sur http://localhost:${msg.port} (${workers} processus)`);
  });
  cluster.on('exit', (w, code) => {
    if (code !== 0) console.error(`processus ${w.process.pid} arrêté (${code})`);
  });
} else {
  startServer({ log: process.env.NODE_ENV !== 'test' })
    .then(({ port }) => process.send?.({ port }))
    .catch((err: Error) => {
      console.error(err.message);
      process.exit(1);
    });
}
