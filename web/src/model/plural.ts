/**
 * French plurals with `Intl.PluralRules`: 0 and 1 take the singular (« 0 commune », « 1 commune »),
 * everything else the plural (« 2 communes », « 1 000 000 de logements » reads plural too).
 */
import { formatNumber } from '../format';

const rules = new Intl.PluralRules('fr-FR');

/** The singular or plural form that goes with `n`. */
export function plural(n: number, one: string, other: string): string {
  return rules.select(n) === 'one' ? one : other;
}

/** Words that end in s in the singular: never stripped. */
const INVARIANT = new Set(['mois', 'recours', 'fois', 'hab.', 'pas', 'prix', 'plus', 'ans', 'an']);

/**
 * The singular of a plural French noun group written the usual way (« logements sociaux » → « logement
 * social », « foyers allocataires » → « foyer allocataire »); what follows « pour », « de », « du »,
 * « des » or « en » is left alone (« pour 100 ménages », « communes de plus de 3 500 habitants »).
 */
export function singular(words: string): string {
  const out: string[] = [];
  let frozen = false;
  for (const w of words.split(' ')) {
    if (/^(pour|de|du|des|d’|en|à|au|aux|sur|par|dans|entre|sans|avec|sous|chez)$/i.test(w)) frozen = true;
    if (frozen || INVARIANT.has(w.toLowerCase())) out.push(w);
    else out.push(w.replace(/aux$/, 'al').replace(/(\p{L})s$/u, '$1'));
  }
  return out.join(' ');
}

/** « 0 commune », « 1 commune », « 3 communes » from the plural form of the noun group. */
export function countText(n: number, pluralWords: string, decimals = 0): string {
  return `${formatNumber(n, decimals)} ${plural(n, singular(pluralWords), pluralWords)}`;
}
