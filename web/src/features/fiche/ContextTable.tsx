/** Every indicator of the fiche next to its parents' (EPT, EPCI, département, région, France). */
import { TableWrap } from '../../components/TableWrap';
import { Collapsible } from '../../components/Collapsible';
import type { Fiche } from '../../api';
import { valueText, type Obs } from '../../model/fiche';

export function ContextTable({ fiche }: { fiche: Fiche }) {
  const { territory: t, context } = fiche;
  const shown = fiche.indicators.filter((i) => i.value);
  if (!context.length || !shown.length) return null;
  return (
    <Collapsible
      id="contexte"
      title="Comparaison avec les territoires d’appartenance"
      className="context-table print-annex"
    >
      <TableWrap>
        <table className="compare">
          <caption>
            Dernière valeur disponible de chaque indicateur ; l’année figure entre parenthèses quand elle
            diffère de celle du territoire.
          </caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">{t.name}</th>
              {context.map((c) => (
                <th scope="col" key={`${c.territory.level}-${c.territory.code}`}>
                  {c.territory.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((ind) => (
              <tr key={ind.id}>
                <th scope="row">{ind.short_label}</th>
                <td className="num">
                  {valueText(ind, ind.value, t.level)}
                  {ind.value && ind.value.value !== null ? ` (${ind.value.year})` : ''}
                </td>
                {context.map((c) => {
                  const v = (c.values as Record<string, Obs>)[ind.id];
                  return (
                    <td
                      className="num"
                      key={`${c.territory.level}-${c.territory.code}`}
                      title={v?.note ?? undefined}
                    >
                      {v && v.value !== null ? valueText(ind, v, c.territory.level) : 'n.d.'}
                      {v && v.value !== null && ind.value && v.year !== ind.value.year ? ` (${v.year})` : ''}
                      {v?.flags.includes('partial') ? ' *' : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p className="muted">
        n.d. : non disponible. * calculé sur une partie des communes : l’agrégat ne porte que sur les communes
        renseignées (détail au survol). Les agrégats sont calculés en sommant numérateurs et dénominateurs,
        jamais en faisant la moyenne des taux.
      </p>
    </Collapsible>
  );
}
