/**
 * « Où demander » for a fiche: the registry's template resolved with the territory's own
 * département(s) and région (`core/where-to-ask.ts`). A commune's or an EPT's cards name the bodies of
 * its département(s), never another's; a région's name its regional bodies; France's stay generic.
 */
import {
  resolveWhereToAsk,
  type Place,
  type WhereToAsk,
  type WhereToAskTemplate,
} from '../../../core/where-to-ask';
import type { TerritoryRef } from './fiche';

export type { WhereToAsk, WhereToAskTemplate };

/** The département(s) and région of a territory, from the fiche's territory and parents. */
export function placeOf(f: { territory: TerritoryRef; parents: readonly TerritoryRef[] }): Place {
  const t = f.territory;
  const region = f.parents.find((p) => p.level === 'region')?.code ?? null;
  if (t.level === 'france') return {};
  if (t.level === 'region') return { region: t.code };
  if (t.level === 'departement') return { departements: [t.code], region };
  const deps = f.parents.filter((p) => p.level === 'departement').map((p) => p.code);
  return { departements: deps.length ? deps : t.departement ? [t.departement] : [], region };
}

/** Whom to ask, for this territory; null when the registry names nobody. */
export function whereToAskFor(
  ind: { where_to_ask?: WhereToAskTemplate | string | null },
  place: Place,
): WhereToAsk | null {
  const w = ind.where_to_ask;
  if (!w) return null;
  return typeof w === 'string' ? { publisher: w, ask: '' } : resolveWhereToAsk(w, place);
}
