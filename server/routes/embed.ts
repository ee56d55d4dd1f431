/**
 * Embeddable cards (`/embed/<level>/<code>?indicateurs=sru_taux,…`): a small self-contained HTML page
 * (inline styles, no script, no request) with a territory's latest figures, their dates, their quality
 * badges and sources, and a link back to its fiche. The only addresses any site may frame (see
 * server/middleware/security-headers).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { LEVEL_SHORT_LABELS } from '../../core/levels.js';
import { FLAGS, fillYear, hasIndicator, indicator as getIndicator } from '../../core/registry.js';
import { CODE_RE, validate } from '../http.js';
import { escapeHtml as h } from '../services/atom.js';
import { numberText, valueText } from '../services/figures.js';
import { latestMany, type LatestOut } from '../services/observations.js';
import { sendPage } from '../services/pages.js';
import { sourcesById } from '../services/sources.js';
import { findTerritory, requireTerritory } from '../services/territories.js';
import type { Store } from '../store.js';

export const EMBED_LEVELS = ['commune', 'ept', 'epci', 'departement', 'region'] as const;
export const DEFAULT_EMBED_INDICATORS = ['sru_taux', 'sru_logements_manquants'];
/** Flags shown as a badge on the card (the others are in the fiche). */
const BADGES = [
  'estimated',
  'rounded',
  'sum_of_rounded',
  'partial',
  'derived',
  'curated',
  'series_break',
  'small_count',
];

export const embedParams = z.object({
  level: z.enum(EMBED_LEVELS).describe('niveau du territoire'),
  code: z.string().regex(CODE_RE, 'code INSEE ou SIREN attendu').describe('code du territoire'),
});

export const embedQuery = z.object({
  indicateurs: z
    .string()
    .max(400)
    .optional()
    .transform((v) =>
      (v ?? DEFAULT_EMBED_INDICATORS.join(','))
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().refine(hasIndicator, { message: 'indicateur inconnu (liste : /api/indicators)' }))
        .min(1, 'un indicateur au moins')
        .max(6, '6 indicateurs au plus'),
    )
    .describe('identifiants d’indicateurs du registre, séparés par des virgules (6 au plus)'),
});

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1b1b;background:#fff}
.card{border:1px solid #c9c9c9;border-radius:6px;padding:12px 14px;max-width:560px}
h1{font-size:17px;margin:0 0 2px}
h1 a{color:#1b1b1b}
.where{color:#4a4a4a;font-size:13px;margin:0 0 10px}
dl{margin:0}
.fig{padding:8px 0;border-top:1px solid #e3e3e3}
dt{font-weight:600;font-size:14px}
dd{margin:2px 0 0}
.value{font-size:22px;font-weight:700;color:#000091}
.date,.note{color:#4a4a4a;font-size:13px}
.badge{display:inline-block;border:1px solid #6a6a6a;border-radius:3px;padding:0 4px;font-size:12px;margin-left:4px;color:#3a3a3a}
.src{color:#4a4a4a;font-size:12px;margin:10px 0 4px}
.more{margin:0;font-size:13px}
a{color:#000091}
a:focus{outline:2px solid #000091;outline-offset:2px}
`;

function figure(id: string, o: LatestOut | undefined, level: string): string {
  const def = getIndicator(id);
  const label = `<dt>${h(def.label)}</dt>`;
  if (!o || o.value === null) {
    const why = o?.note ?? o?.last_note ?? 'pas de valeur publiée pour ce territoire';
    return `<div class="fig" data-indicator="${h(id)}">${label}<dd><span class="value">non disponible</span> <span class="note">(${h(why)})</span></dd></div>`;
  }
  const unit =
    level !== 'commune' && def.aggregate_unit_label && def.unit === 'booleen'
      ? `${numberText(o.value, 0)} ${def.aggregate_unit_label}`
      : valueText(o.value, def.unit, def.decimals);
  const interval = (o as LatestOut & { low?: number | null; high?: number | null }).low;
  const high = (o as LatestOut & { high?: number | null }).high;
  const range =
    interval !== undefined && interval !== null && high !== undefined && high !== null
      ? ` <span class="note">(entre ${h(numberText(interval, def.decimals))} et ${h(valueText(high, def.unit, def.decimals))} : valeur approchée)</span>`
      : '';
  const badges = o.flags
    .filter((f) => BADGES.includes(f))
    .map(
      (f) => `<span class="badge">${h((FLAGS as Record<string, { badge: string }>)[f]?.badge ?? f)}</span>`,
    )
    .join('');
  const stale =
    o.last_year > o.year
      ? ` <span class="note">(valeur ${o.last_year} non disponible : chiffre ${o.year})</span>`
      : '';
  return `<div class="fig" data-indicator="${h(id)}" data-value="${o.value}" data-year="${o.year}">${label}<dd><span class="value">${h(unit)}</span>${range} ${badges}<br><span class="date">${h(fillYear(def.reference, o.year))}</span>${stale}</dd></div>`;
}

export function embedRoutes(store: Store) {
  return new Hono().get(
    '/:level/:code',
    validate('param', embedParams),
    validate('query', embedQuery),
    async (c) => {
      const { level, code } = c.req.valid('param');
      const { indicateurs } = c.req.valid('query');
      const { territory } = await requireTerritory(store, level, code);
      const latest = (await latestMany(store, [territory])).get(`${territory.level}:${territory.code}`) ?? [];
      const byId = new Map(latest.map((o) => [o.indicator, o]));
      const shown = indicateurs.map((id) => byId.get(id));
      const sources = await sourcesById(
        store,
        shown.flatMap((o) => (o && o.value !== null ? [o.source_id] : [])),
      );
      const base = new URL(c.req.url).origin;
      const fiche = `${base}/${territory.level}/${territory.code}`;
      const dep =
        territory.level !== 'departement' && territory.departement
          ? await findTerritory(store, 'departement', territory.departement)
          : null;
      const where = [LEVEL_SHORT_LABELS[territory.level], dep?.name].filter(Boolean).join(', ');
      const srcText = Object.values(sources)
        .map((s) => `${s.producer}, ${s.title} (${s.vintage})`)
        .join(' ; ');
      const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${h(territory.name)} — chiffres clés (Observatoire précarité &amp; logement)</title>
<style>${STYLE}</style>
</head>
<body>
<article class="card" aria-labelledby="titre">
<h1 id="titre"><a href="${h(fiche)}" target="_blank" rel="noopener">${h(territory.name)}</a></h1>
<p class="where">${h(where)}</p>
<dl>${indicateurs.map((id, i) => figure(id, shown[i], territory.level)).join('')}</dl>
<p class="src">${srcText ? `Source${Object.keys(sources).length > 1 ? 's' : ''} : ${h(srcText)}.` : ''}</p>
<p class="more"><a href="${h(fiche)}" target="_blank" rel="noopener">Fiche complète, définitions et précautions sur l’Observatoire précarité &amp; logement</a></p>
</article>
</body>
</html>
`;
      return sendPage(c, store, html, 'text/html; charset=utf-8');
    },
  );
}
