/** Child process for the crash test: builds, and parks after the first family so the test can SIGKILL it. */
import { writeFileSync } from 'node:fs';
import { build } from '../../pipelines/build.js';

const [dbPath, mirror, marker] = process.argv.slice(2) as [string, string, string];
await build({
  dbPath,
  mirror,
  force: true,
  log: () => {},
  afterFamily: async (family) => {
    if (family === 'geo') {
      writeFileSync(marker, String(process.pid));
      await new Promise((r) => setTimeout(r, 120_000));
    }
  },
});
