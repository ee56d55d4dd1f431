import { Hono } from 'hono';
import { z } from 'zod';
import { meta, notFound, parseQuery, validate } from '../http.js';
import { allSources } from '../services/sources.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

export const sourceListQuery = z.object({ ...formatParams });
export const sourceParams = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, 'identifiant de source attendu')
    .describe('identifiant de la source (voir /api/sources)'),
});

export const SOURCE_COLUMNS: Column[] = [
  { key: 'id', header: 'Identifiant', type: 'string' },
  { key: 'family', header: 'Famille', type: 'string' },
  { key: 'title', header: 'Titre', type: 'string' },
  { key: 'producer', header: 'Producteur', type: 'string' },
  { key: 'licence', header: 'Licence', type: 'string' },
  { key: 'vintage', header: 'Millésime', type: 'string' },
  { key: 'url', header: 'Adresse du fichier officiel', type: 'string' },
  { key: 'dataset_url', header: 'Page du jeu de données', type: 'string' },
  { key: 'file_name', header: 'Fichier', type: 'string' },
  { key: 'kind', header: 'Nature (official, derived, legacy, curated)', type: 'string' },
  { key: 'origin', header: 'Origine (miroir ou réseau)', type: 'string' },
  { key: 'sha256', header: 'Empreinte SHA-256', type: 'string' },
  { key: 'bytes', header: 'Taille (octets)', type: 'number' },
  { key: 'retrieved_at', header: 'Récupéré le', type: 'string' },
  { key: 'rows_read', header: 'Lignes lues', type: 'int' },
  { key: 'rows_kept', header: 'Lignes gardées', type: 'int' },
  { key: 'rows_rejected', header: 'Lignes rejetées', type: 'int' },
  { key: 'notes', header: 'Notes', type: 'string' },
];

export function sourceRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => {
      const q = parseQuery(c, sourceListQuery);
      const format = requestedFormat(c, q.format);
      const data = await allSources(store);
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: 'sources',
            columns: SOURCE_COLUMNS,
            rows: data as unknown as Array<Record<string, unknown>>,
          },
          store.buildId(),
        );
      return c.json({ data, meta: meta(store) });
    })
    .get('/:id', validate('param', sourceParams), async (c) => {
      const { id } = c.req.valid('param');
      const all = await allSources(store);
      const s = all.find((x) => x.id === id);
      if (!s)
        throw notFound(
          `Source inconnue : « ${id} ».`,
          all.map((x) => x.id),
        );
      return c.json({ data: s, meta: meta(store) });
    });
}
