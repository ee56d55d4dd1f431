import { openDb } from '../core/db.js';
const db = await openDb('/work/main/data/observatoire.duckdb', { readOnly: true });
const q = process.argv[2]!;
console.table(await db.all(q));
db.close();
