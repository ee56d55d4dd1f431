/**
 * What a short printout of the fiche holds besides the arguments and the questions: the key figures as
 * one compact table (each value with its unit, its date and the same figure for the EPT, the
 * département and France), and the list of sources in plain French. The table is printed only (the
 * screen has the cards); the sources list is on screen too.
 */
import { themeLabel } from '../../../../core/themes';
import type { Fiche, Source } from '../../api';
import { Flags } from '../../components/Flags';
import { oldFigureText } from '../../model/figures';
import { valueText, type Obs } from '../../model/fiche';
import { sourceGroups } from '../../model/sources';

type Ind = Fiche['indicators'][number];

const CONTEXT_LEVELS = ['ept', 'departement', 'france'];

/** Indicators the fiche shows as key figures: open, with a value for the territory. */
export function keyFigureRows(fiche: Fiche): Ind[] {
  return fiche.indicators.filter((i) => i.open && i.value && i.value.value !== null);
}

export function PrintKeyFigures({ fiche }: { fiche: Fiche }) {
  const rows = keyFigureRows(fiche);
  if (!rows.length) return null;
  const ctx = fiche.context.filter((c) => CONTEXT_LEVELS.includes(c.territory.level));
  const themes = [...new Set(rows.map((r) => r.theme))];
  const t = fiche.territory;
  return (
    <section className="print-key-figures print-only" aria-labelledby="chiffres-imprimes">
      <h2 id="chiffres-imprimes">Chiffres clés</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Chiffre</th>
            <th scope="col">{t.name}</th>
            <th scope="col">Date</th>
            {ctx.map((c) => (
              <th scope="col" key={`${c.territory.level}-${c.territory.code}`}>
                {c.territory.level === 'france' ? 'France' : c.territory.name}
              </th>
            ))}
          </tr>
        </thead>
        {themes.map((theme) => (
          <tbody key={theme}>
            <tr className="theme-row">
              <th scope="colgroup" colSpan={3 + ctx.length}>
                {themeLabel(theme)}
              </th>
            </tr>
            {rows
              .filter((r) => r.theme === theme)
              .map((ind) => {
                const v = ind.value!;
                const old = oldFigureText(v.year);
                return (
                  <tr key={ind.id} data-print-indicator={ind.id}>
                    <th scope="row">
                      {ind.short_label} <Flags flags={v.flags} />
                    </th>
                    <td className="num value">{valueText(ind, v, t.level)}</td>
                    <td>
                      {ind.reference_text}
                      {old ? <span className="old-figure"> {old}</span> : null}
                    </td>
                    {ctx.map((c) => {
                      const o = (c.values as Record<string, Obs>)[ind.id];
                      return (
                        <td className="num" key={`${c.territory.level}-${c.territory.code}`}>
                          {o && o.value !== null ? valueText(ind, o, c.territory.level) : '—'}
                          {o && o.value !== null && o.year !== v.year ? ` (${o.year})` : ''}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
          </tbody>
        ))}
      </table>
      <p className="muted">
        Les valeurs des territoires de comparaison sont celles de la même année, sinon l’année est entre
        parenthèses ; « — » : pas de valeur.
      </p>
    </section>
  );
}

/** The sources of the figures a fiche shows, grouped by producer and dataset, in plain French. */
export function FicheSources({ fiche, sources }: { fiche: Fiche; sources: Record<string, Source> }) {
  const used = new Map<string, Source>();
  for (const ind of keyFigureRows(fiche)) {
    const s = sources[ind.value!.source_id];
    if (s) used.set(ind.value!.source_id, s);
  }
  if (!used.size) return null;
  const lines = sourceGroups([...used.values()]);
  return (
    <section className="fiche-sources" aria-labelledby="sources-fiche">
      <h2 id="sources-fiche">Sources</h2>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <p className="muted">
        Traitement : Observatoire précarité &amp; logement. Fichiers, empreintes et dates de récupération sur
        la page Sources ; définitions et précautions sur la page Méthodologie.
      </p>
    </section>
  );
}
