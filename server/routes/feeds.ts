/**
 * Atom feeds (`/feeds/…`, outside the JSON API): `/feeds/nouveautes.atom` (one entry per newest
 * vintage of each family of sources) and `/feeds/<level>/<code>.atom` (one entry per vintage that
 * changed something for that territory). Ids are stable; `updated` is when the build read the files of
 * that vintage.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { LEVEL_SHORT_LABELS } from '../../core/levels.js';
import { CODE_RE, validate } from '../http.js';
import { atomXml, escapeHtml as h, urnFor, type AtomEntry } from '../services/atom.js';
import {
  territoryVintages,
  vintageSummaries,
  type IndicatorChange,
  type TerritoryVintage,
  type VintageSummary,
} from '../services/changes.js';
import { differenceText, valueText } from '../services/figures.js';
import { sendPage } from '../services/pages.js';
import { sourcesById } from '../services/sources.js';
import { requireTerritory, type TerritoryOut } from '../services/territories.js';
import type { Store } from '../store.js';

export const FEED_LEVELS = ['commune', 'ept', 'epci', 'departement', 'region'] as const;
const AUTHOR = 'Observatoire précarité & logement';
const RIGHTS = 'Données ouvertes (Licence Ouverte 2.0) : chaque chiffre cite sa source et son millésime.';
/** At most this many entries per territory feed (newest first). */
const MAX_ENTRIES = 40;

export const feedParams = z.object({
  level: z.enum(FEED_LEVELS).describe('niveau du territoire'),
  file: z
    .string()
    .regex(/^[0-9A-Za-z]{1,9}\.atom$/, '« <code>.atom » attendu')
    .refine((f) => CODE_RE.test(f.slice(0, -5)), 'code INSEE ou SIREN attendu')
    .describe('code du territoire suivi de .atom'),
});

function origin(c: Context): string {
  return new URL(c.req.url).origin;
}

function changeLine(ch: IndicatorChange): string {
  const cur = valueText(ch.current.value, ch.unit, ch.decimals);
  if (!ch.previous) return `${ch.label} : ${cur} (${ch.current.reference_text}), première valeur publiée`;
  const prev = valueText(ch.previous.value, ch.unit, ch.decimals);
  const diff =
    ch.difference === null
      ? ''
      : `, soit ${differenceText(ch.difference, ch.unit, ch.decimals)}${
          ch.difference_low !== null && ch.difference_high !== null
            ? ` (entre ${differenceText(ch.difference_low, ch.unit, ch.decimals)} et ${differenceText(ch.difference_high, ch.unit, ch.decimals)} : valeurs approchées)`
            : ''
        }`;
  return `${ch.label} : ${prev} (${ch.previous.reference_text}) → ${cur} (${ch.current.reference_text})${diff}${ch.note ? ` — ${ch.note}` : ''}`;
}

function territoryEntry(t: TerritoryOut, v: TerritoryVintage, base: string, sourceText: string): AtomEntry {
  const fiche = `${base}/${t.level}/${t.code}`;
  const what = [
    ...v.statuses.map((s) => s.label),
    ...(v.changes.length
      ? [
          `${v.changes.length} indicateur${v.changes.length > 1 ? 's' : ''} modifié${v.changes.length > 1 ? 's' : ''}`,
        ]
      : []),
  ].join(', ');
  const lines = v.changes.map(changeLine);
  const html = [
    `<p>${h(t.name)} — ${h(v.family_title)}, ${h(v.reference_text)}.</p>`,
    v.statuses.length
      ? `<p><strong>Statut SRU :</strong> ${h(t.name)} ${v.statuses.map((s) => h(s.label)).join(', ')}.</p>`
      : '',
    lines.length ? `<ul>${lines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : '',
    `<p>Source : ${h(sourceText)}.</p>`,
    `<p><a href="${h(fiche)}">Fiche ${h(t.name)}</a></p>`,
  ].join('');
  return {
    id: urnFor(`entry:${t.level}:${t.code}:${v.id}`),
    title: `${t.name} — ${v.reference_text} : ${what}`,
    updated: v.updated,
    link: fiche,
    summary: [...v.statuses.map((s) => `${t.name} ${s.label}.`), ...lines].join(' ; '),
    html,
    categories: [v.family],
  };
}

function summaryEntry(v: VintageSummary, base: string, names: Map<string, string>): AtomEntry {
  const page = `${base}/nouveautes#${v.id}`;
  const statusLines = v.statuses.map(
    (s) =>
      `<li><a href="${h(`${base}/commune/${s.code}`)}">${h(s.name)}</a> (${h(names.get(s.departement ?? '') ?? s.departement ?? '')}) : ${h(s.statuses.map((x) => x.label).join(', '))}</li>`,
  );
  const moves = v.moves
    .filter((m) => m.up.length || m.down.length)
    .map((m) => {
      const item = (x: (typeof m.up)[number]) =>
        `<li><a href="${h(`${base}/commune/${x.code}`)}">${h(x.name)}</a> : ${h(valueText(x.previous, m.unit, m.decimals))} → ${h(valueText(x.current, m.unit, m.decimals))} (${h(differenceText(x.difference, m.unit, m.decimals))})</li>`;
      return `<h3>${h(m.label)}</h3>${m.up.length ? `<p>Plus fortes hausses :</p><ul>${m.up.map(item).join('')}</ul>` : ''}${m.down.length ? `<p>Plus fortes baisses :</p><ul>${m.down.map(item).join('')}</ul>` : ''}`;
    });
  const breaks = v.moves.filter((m) => m.series_break);
  const nStatus = v.statuses.length;
  const html = [
    `<p>${h(v.family_title)} : ${h(v.reference_text)}, comparé au millésime précédent (${h(v.previous_reference_text)}), pour ${v.departements.length} département${v.departements.length > 1 ? 's' : ''} (${h(v.departements.join(', '))}).</p>`,
    nStatus ? `<h2>Changements de statut</h2><ul>${statusLines.join('')}</ul>` : '',
    moves.join(''),
    breaks.length
      ? `<p>Séries rompues (pas de comparaison) : ${h(breaks.map((m) => `${m.label} (${m.series_break})`).join(' ; '))}.</p>`
      : '',
    `<p><a href="${h(page)}">Toutes les nouveautés</a></p>`,
  ].join('');
  return {
    id: urnFor(`entry:nouveautes:${v.id}`),
    title: `${v.reference_text} : ${nStatus} changement${nStatus > 1 ? 's' : ''} de statut, ${v.moves.reduce((a, m) => a + m.changed, 0)} valeurs modifiées`,
    updated: v.updated,
    link: page,
    summary: `${v.family_title} — ${v.reference_text} comparé à ${v.previous_reference_text} : ${nStatus} commune${nStatus > 1 ? 's' : ''} changent de statut.`,
    html,
    categories: [v.family],
  };
}

export function feedRoutes(store: Store) {
  return new Hono()
    .get('/nouveautes.atom', async (c) => {
      const base = origin(c);
      const summaries = await vintageSummaries(store);
      const deps = new Map<string, string>();
      for (const s of summaries.flatMap((v) => v.statuses))
        if (s.departement && !deps.has(s.departement)) {
          const found = await requireTerritory(store, 'departement', s.departement).catch(() => null);
          deps.set(s.departement, found?.territory.name ?? s.departement);
        }
      const entries = summaries.map((v) => summaryEntry(v, base, deps));
      return sendPage(
        c,
        store,
        atomXml({
          id: urnFor('feed:nouveautes'),
          title: 'Nouveautés — Observatoire précarité & logement',
          subtitle:
            'Chaque nouveau millésime chargé : changements de statut SRU et plus fortes évolutions, commune par commune.',
          updated:
            entries
              .map((e) => e.updated)
              .sort()
              .at(-1) ?? store.builtAt(),
          self: `${base}/feeds/nouveautes.atom`,
          alternate: `${base}/nouveautes`,
          author: AUTHOR,
          rights: RIGHTS,
          entries,
        }),
        'application/atom+xml; charset=utf-8',
      );
    })
    .get('/:level/:file', validate('param', feedParams), async (c) => {
      const { level, file } = c.req.valid('param');
      const { territory } = await requireTerritory(store, level, file.slice(0, -5));
      const base = origin(c);
      const vintages = (await territoryVintages(store, territory.level, territory.code)).slice(
        0,
        MAX_ENTRIES,
      );
      const sources = await sourcesById(
        store,
        vintages.flatMap((v) => v.source_ids),
      );
      const entries = vintages.map((v) =>
        territoryEntry(
          territory,
          v,
          base,
          v.source_ids
            .map((id) => sources[id])
            .filter((s) => s !== undefined)
            .map((s) => `${s.producer}, ${s.title} (${s.vintage})`)
            .join(' ; '),
        ),
      );
      const label = LEVEL_SHORT_LABELS[territory.level];
      return sendPage(
        c,
        store,
        atomXml({
          id: urnFor(`feed:${territory.level}:${territory.code}`),
          title: `${territory.name} (${label}) — ce qui change, millésime après millésime`,
          subtitle: `Une entrée par millésime qui modifie un chiffre de ${territory.name} : valeurs avant et après, écarts, changements de statut SRU.`,
          updated:
            entries
              .map((e) => e.updated)
              .sort()
              .at(-1) ?? store.builtAt(),
          self: `${base}/feeds/${territory.level}/${territory.code}.atom`,
          alternate: `${base}/${territory.level}/${territory.code}`,
          author: AUTHOR,
          rights: RIGHTS,
          entries,
        }),
        'application/atom+xml; charset=utf-8',
      );
    });
}
