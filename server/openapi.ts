/**
 * OpenAPI 3.1 description of the API, generated from the zod schemas the routes validate with
 * (`z.toJSONSchema`) and from the column lists the tabular formats are written from. Nothing here is
 * hand-written JSON Schema: a parameter added to a route's schema appears in the document.
 */
import { z, type ZodObject } from 'zod';
import { INDICATORS } from '../core/registry.js';
import { API_VERSION } from './http.js';
import { changeColumns, changesQuery, vintagesQuery } from './routes/changes.js';
import { compareQuery } from './routes/compare.js';
import { embedParams, embedQuery } from './routes/embed.js';
import { feedParams } from './routes/feeds.js';
import { geoParams, geoQuery } from './routes/geo.js';
import { indicatorListQuery, indicatorParams, INDICATOR_COLUMNS } from './routes/indicators.js';
import { PEER_COLUMNS, peersParams, peersQuery } from './routes/peers.js';
import { rankingsQuery } from './routes/rankings.js';
import { SRU_PERIOD_COLUMNS, sruPathParams, sruPathQuery } from './routes/sru-path.js';
import { searchQuery } from './routes/search.js';
import { seriesQuery } from './routes/series.js';
import { reconciliationQuery, RECONCILIATION_COLUMNS } from './routes/reconciliation.js';
import { sourceListQuery, sourceParams, SOURCE_COLUMNS } from './routes/sources.js';
import { territoryListQuery, territoryParams, TERRITORY_LIST_COLUMNS } from './routes/territories.js';
import { valuesQuery } from './routes/values.js';
import { ARROW_TYPE, observationColumns, type Column } from './tabular.js';

interface RouteDoc {
  path: string;
  summary: string;
  description?: string;
  params?: ZodObject;
  query?: ZodObject;
  /** Columns of the tabular formats (CSV, Arrow); absent for JSON-only routes. */
  columns?: Column[];
  /** `data` is an array of rows with exactly these columns in JSON too. */
  rowsInJson?: boolean;
  /** A page that is not the JSON envelope (Atom feed, HTML card): its media type. */
  media?: string;
  errors: number[];
}

const anyObs = INDICATORS[0]!.id;
const codeName: Column[] = [
  { key: 'code', header: 'Code', type: 'string' },
  { key: 'name', header: 'Nom', type: 'string' },
];

export const ROUTE_DOCS: RouteDoc[] = [
  { path: '/api/health', summary: 'État du service et de la base publiée', errors: [] },
  {
    path: '/api/indicators',
    summary:
      'Registre des indicateurs (libellés, unités, définitions, précautions, années et niveaux disponibles)',
    query: indicatorListQuery,
    columns: INDICATOR_COLUMNS,
    errors: [400],
  },
  {
    path: '/api/indicators/{id}',
    summary: 'Un indicateur : registre, années par niveau, signalements utilisés et leur sens, sources',
    params: indicatorParams,
    errors: [404],
  },
  {
    path: '/api/territories',
    summary: 'Liste ou recherche de territoires (sans accents), avec codes et noms des territoires parents',
    query: territoryListQuery,
    columns: TERRITORY_LIST_COLUMNS,
    rowsInJson: true,
    errors: [400, 404],
  },
  {
    path: '/api/territories/{level}/{code}',
    summary: 'Fiche d’un territoire : dernière valeur de chaque indicateur, contexte des parents, rangs',
    description:
      'data.ranks (communes) : par indicateur classable, rang dans le département et l’EPT (1 = valeur la plus élevée, ex æquo au même rang), même année que la valeur affichée.',
    params: territoryParams,
    errors: [400, 404],
  },
  {
    path: '/api/values',
    summary: 'Valeurs d’un indicateur pour tous les territoires d’un niveau dans un périmètre, une année',
    query: valuesQuery,
    columns: [...codeName, ...observationColumns(anyObs)],
    rowsInJson: true,
    errors: [400, 404],
  },
  {
    path: '/api/series',
    summary: 'Séries annuelles d’un indicateur pour 1 à 12 territoires, découpées en segments aux ruptures',
    description:
      'Chaque point porte `segment` : il change à chaque rupture de série déclarée au registre, signalée par la source ou à chaque changement de famille de sources ; ne jamais relier deux segments.',
    query: seriesQuery,
    columns: [
      { key: 'level', header: 'Niveau', type: 'string' },
      ...codeName,
      ...observationColumns(anyObs),
      { key: 'segment', header: 'Segment', type: 'int' },
    ],
    errors: [400, 404],
  },
  {
    path: '/api/compare',
    summary: 'Comparaison de 2 à 6 territoires : dernière valeur de chaque indicateur',
    query: compareQuery,
    columns: [
      { key: 'indicator', header: 'Indicateur', type: 'string' },
      { key: 'level', header: 'Niveau', type: 'string' },
      ...codeName,
      ...observationColumns(anyObs),
    ],
    errors: [400, 404],
  },
  {
    path: '/api/rankings',
    summary:
      'Classement des territoires d’un périmètre pour un indicateur (valeurs manquantes en fin, sans rang)',
    query: rankingsQuery,
    columns: [{ key: 'rank', header: 'Rang', type: 'int' }, ...codeName, ...observationColumns(anyObs)],
    rowsInJson: true,
    errors: [400, 404],
  },
  {
    path: '/api/search',
    summary: 'Recherche de territoires par nom, code ou ancien code',
    query: searchQuery,
    errors: [400],
  },
  {
    path: '/api/sources',
    summary: 'Fichiers sources chargés : adresse, licence, millésime, sha256, date de récupération, origine',
    query: sourceListQuery,
    columns: SOURCE_COLUMNS,
    rowsInJson: true,
    errors: [400],
  },
  { path: '/api/sources/{id}', summary: 'Une source', params: sourceParams, errors: [400, 404] },
  {
    path: '/api/reconciliation',
    summary:
      'Rapprochement avec les producteurs : pour chaque chiffre publié (producteur, publication, date), le nôtre, l’écart et le verdict',
    query: reconciliationQuery,
    columns: RECONCILIATION_COLUMNS,
    rowsInJson: true,
    errors: [400],
  },
  {
    path: '/api/geo',
    summary: 'Couches cartographiques TopoJSON disponibles, avec l’empreinte de leur contenu',
    errors: [],
  },
  {
    path: '/api/geo/{layer}',
    summary: 'Une couche TopoJSON (immuable avec ?v=<empreinte>)',
    params: geoParams,
    query: geoQuery,
    errors: [400, 404],
  },
  {
    path: '/api/territories/commune/{code}/peers',
    summary: 'Les 10 communes les plus comparables à une commune (taille et structure), critères et méthode',
    description:
      'data.criteria : critères retenus pour cette commune et sa valeur ; data.missing / data.set_aside : critères sans valeur ou mis de côté ; data.peers : rang, distance (écarts types), valeurs des critères, dernier taux SRU. Méthode : /api/peers.',
    params: peersParams,
    query: peersQuery,
    columns: PEER_COLUMNS,
    errors: [400, 404],
  },
  {
    path: '/api/changes',
    summary:
      'Ce qui a changé entre deux millésimes d’un indicateur : valeurs précédente et courante avec leurs dates, différence, changements de statut SRU',
    description:
      'Par défaut, le millésime le plus récent du périmètre et celui qui le précède. Statuts (communes, indicateurs SRU) : devient ou n’est plus déficitaire, carencée, exemptée, repasse au-dessus ou passe sous l’objectif légal, entre dans l’inventaire ou n’y figure plus. Une valeur masquée, à vérifier ou incohérente n’entre dans aucune différence.',
    query: changesQuery,
    columns: changeColumns(anyObs),
    errors: [400, 404],
  },
  {
    path: '/api/changes/vintages',
    summary:
      'Dernier millésime de chaque famille de sources comparé au précédent : changements de statut et plus fortes évolutions (page /nouveautes)',
    query: vintagesQuery,
    errors: [],
  },
  {
    path: '/feeds/nouveautes.atom',
    summary: 'Flux Atom des nouveautés : une entrée par nouveau millésime chargé',
    media: 'application/atom+xml',
    errors: [],
  },
  {
    path: '/feeds/{level}/{file}',
    summary:
      'Flux Atom d’un territoire (/feeds/commune/92048.atom) : une entrée par millésime qui modifie un de ses chiffres',
    params: feedParams,
    media: 'application/atom+xml',
    errors: [400, 404],
  },
  {
    path: '/embed/{level}/{code}',
    summary:
      'Carte à intégrer (iframe) : derniers chiffres d’un territoire avec dates, source et lien vers la fiche ; seule adresse encadrable par un autre site',
    params: embedParams,
    query: embedQuery,
    media: 'text/html',
    errors: [400, 404],
  },
  {
    path: '/api/territories/commune/{code}/sru',
    summary:
      'Trajectoire SRU d’une commune sur le mandat : objectif légal de rattrapage de chaque période triennale (2023–2025, 2026–2028, 2029–2031), rythme nécessaire d’ici 2032, rythme constaté',
    description:
      'data.periods : start, end, objective (avec fourchette quand les résidences principales sont déduites d’un taux arrondi), basis (inventaire de base), rule, source ; data.paces ; data.trajectory (points du graphique) ; data.assumptions : hypothèses écrites. CSV et Arrow : une ligne par période.',
    params: sruPathParams,
    query: sruPathQuery,
    columns: SRU_PERIOD_COLUMNS,
    errors: [400, 404],
  },
  {
    path: '/api/peers',
    summary: 'Méthode des communes comparables : critères, couverture, moyennes et écarts types',
    errors: [],
  },
  { path: '/api/openapi.json', summary: 'Cette description OpenAPI', errors: [] },
];

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function parameters(schema: ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as { description?: string } & JsonSchema;
    return {
      name,
      in: where,
      required: where === 'path' || (js.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(where === 'query' && 'anyOf' in rest ? { style: 'form', explode: true } : {}),
    };
  });
}

function rowSchema(columns: Column[]): z.ZodType {
  const of = (c: Column): z.ZodType => {
    switch (c.type) {
      case 'int':
        return z.number().int().nullable();
      case 'number':
        return z.number().nullable();
      case 'bool':
        return z.boolean().nullable();
      case 'list':
      case 'flags':
        return z.array(z.string());
      default:
        return z.string().nullable();
    }
  };
  return z.object(Object.fromEntries(columns.map((c) => [c.key, of(c).describe(c.header)])));
}

const metaSchema = z.looseObject({ build_id: z.string(), built_at: z.string() });
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('message en français'),
    valid: z.array(z.string()).optional().describe('valeurs valides du paramètre'),
    field: z.string().optional().describe('paramètre en cause'),
  }),
});

const ERROR_TEXT: Record<number, string> = {
  400: 'Paramètre invalide (la réponse liste les valeurs valides)',
  404: 'Territoire, indicateur, source ou couche inconnus',
};

export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const doc of ROUTE_DOCS) {
    const data = doc.rowsInJson && doc.columns ? z.array(rowSchema(doc.columns)) : z.unknown();
    const content: Record<string, unknown> = doc.media
      ? { [doc.media]: { schema: { type: 'string' } } }
      : { 'application/json': { schema: jsonSchema(z.object({ data, meta: metaSchema })) } };
    if (doc.columns) {
      content['text/csv'] = {
        schema: { type: 'string' },
        description: `Colonnes : ${doc.columns.map((c) => c.key).join(', ')}, puis (valeurs sourcées) source, millésime et, en csv_style=rfc, qualite (signalements en français ; le style excel les écrit déjà dans la colonne des signalements).`,
      };
      content[ARROW_TYPE] = { schema: { type: 'string', format: 'binary' } };
    }
    const responses: Record<string, unknown> = {
      '200': { description: 'Succès', content },
      '304': { description: 'Non modifié (If-None-Match égal à l’ETag)' },
      '503': {
        description: 'Délai dépassé',
        content: { 'application/json': { schema: jsonSchema(errorSchema) } },
      },
    };
    for (const status of doc.errors)
      responses[String(status)] = {
        description: ERROR_TEXT[status],
        content: { 'application/json': { schema: jsonSchema(errorSchema) } },
      };
    paths[doc.path] = {
      get: {
        operationId: doc.path
          .replace(/^\/api\//, '')
          .replace(/[{}]/g, '')
          .replace(/[^a-z0-9]+/gi, '_'),
        summary: doc.summary,
        ...(doc.description || doc.columns
          ? {
              description: [
                doc.description,
                doc.columns
                  ? 'Formats : JSON (défaut), CSV (suffixe .csv ou format=csv ; csv_style=rfc pour RFC 4180), Arrow IPC (suffixe .arrow ou format=arrow).'
                  : undefined,
              ]
                .filter(Boolean)
                .join('\n\n'),
            }
          : {}),
        parameters: [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query')],
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Observatoire précarité & logement — API',
      version: API_VERSION,
      description:
        'Chaque vue du tableau de bord est une adresse. Enveloppe { data, meta } ; erreurs { error: { code, message, valid?, field? } }. Chaque valeur porte sa source (meta.sources), son millésime et ses signalements de qualité ; une valeur manquante est null avec ses signalements, jamais 0.',
      license: { name: 'Données : Licence Ouverte 2.0 (voir chaque source)' },
    },
    servers: [{ url: '/' }],
    paths,
  };
}
