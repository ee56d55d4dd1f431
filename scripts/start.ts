/**
 * `npm start`: builds the database if it is missing or its inputs changed, builds the dashboard if
 * its sources are newer than the last build, then serves both on http://localhost:PORT (8080).
 * On failure it prints one sentence and stops: it never serves an empty dashboard.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { DB_PATH, ROOT, WEB_DIST } from '../core/paths.js';
import { readFailedRefresh } from '../core/refresh.js';
import { buildCli } from '../pipelines/build.js';
import { startServer } from '../server/main.js';

function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(join(dir, f));
    if (s.isFile()) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

async function main(): Promise<void> {
  const code = await buildCli(process.argv.slice(2));
  if (code !== 0) {
    // Never an empty dashboard: without a database, stop on the build's sentence. With one, serve it.
    if (!existsSync(DB_PATH)) process.exit(code);
    const failed = readFailedRefresh(DB_PATH);
    console.log(
      `La mise à jour des données a échoué${failed?.file ? ` (${failed.file})` : ''} : l’observatoire sert la dernière base valide, du ${new Date(statSync(DB_PATH).mtime).toLocaleDateString('fr-FR')}.`,
    );
  }
  const index = join(WEB_DIST, 'index.html');
  const sourcesTime = Math.max(newest(join(ROOT, 'web')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs);
  if (!existsSync(index) || statSync(index).mtimeMs < sourcesTime) {
    console.log('Construction du tableau de bord (Vite)…');
    await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const { port } = await startServer();
  console.log(`Observatoire servi sur http://localhost:${port}`);
}

main().catch((err: Error) => {
  console.error(`Échec du démarrage : ${err.message}`);
  process.exit(1);
});
