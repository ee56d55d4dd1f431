/** Vitest global setup: builds the test database from the mirror (skipped when inputs are unchanged). */
import { build } from '../../pipelines/build.js';
import { MIRROR, TEST_DB } from '../helpers.js';

export default async function setup(): Promise<void> {
  const lines: string[] = [];
  try {
    await build({ dbPath: TEST_DB, mirror: MIRROR, log: (m) => lines.push(m) });
  } catch (err) {
    console.error(lines.join('\n'));
    throw err;
  }
}
