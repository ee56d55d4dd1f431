/**
 * Methodology: how the SRU files are read — the dates of the inventories, the official file's defects
 * and what each becomes, merged communes, contradictions, intervals — so that a reader knows what changed
 * and why a figure differs from a copy of the file elsewhere.
 */
import { Link } from '../../router';

export function SruMethod() {
  return (
    <section aria-labelledby="loi-sru-fichiers" className="method-feature">
      <h2 id="loi-sru-fichiers" tabIndex={-1}>
        Loi SRU : comment les fichiers sont lus
      </h2>
      <ul>
        <li>
          <strong>Les dates.</strong> L’inventaire SRU compte les logements sociaux au 1<sup>er</sup> janvier
          d’une année. Le fichier national officiel (publié fin 2025) donne l’inventaire au 1<sup>er</sup>{' '}
          janvier 2024 pour toutes les communes soumises de France, avec les statuts de la période 2023–2025
          et le prélèvement 2025 : c’est la source principale de 2024, et l’année montrée par défaut sur la
          carte de France. Les copies du fichier 2026 ajoutent l’inventaire au 1<sup>er</sup> janvier 2025
          pour dix départements (Île-de-France, Bouches-du-Rhône, Yonne). Dans la série historique 2004–2022
          du ministère, la colonne « N » est l’inventaire au 1<sup>er</sup> janvier N−1 : l’observatoire la
          date ainsi, vérifié sur des chiffres publiés (Paris : 255 355 logements sociaux au 1<sup>er</sup>{' '}
          janvier 2020 selon l’APUR, colonne « 2021 » du fichier).
        </li>
        <li>
          <strong>Au-dessus de 25 %.</strong> Une commune notée « &gt;25% » dans le fichier officiel, ou
          écrite 0 dans la série historique alors qu’elle est « non soumise, taux légal atteint », n’est pas
          inventoriée : elle n’a pas de taux (jamais 0 %), elle n’est pas déficitaire, et les cartes la
          montrent « au-dessus de 25 % (non inventoriée) ».
        </li>
        <li>
          <strong>« Pas d’inventaire », « NC », « Hors SRU ».</strong> Valeur manquante, avec les mots du
          producteur comme raison. Une commune exemptée n’a pas de logements manquants (« sans objet ») et
          n’entre pas dans les totaux de logements manquants.
        </li>
        <li>
          <strong>Valeurs impossibles.</strong> Un taux au-dessus de 100 % (Gap : « 2126,00% »), un taux
          recopié de l’objectif, ou un taux que contredisent les logements sociaux et l’année d’avant est
          gardé avec le texte du producteur mais signalé « incohérent dans la source » : il n’entre ni dans
          les classes des cartes, ni dans les classements, ni dans les totaux, ni dans les phrases à citer. La
          construction les compte et les nomme (ligne, commune, texte). Une coquille évidente (« 38;62% ») est
          lue 38,62 % et signalée « coquille corrigée ».
        </li>
        <li>
          <strong>Communes fusionnées.</strong> La série historique garde des lignes figées d’anciennes
          communes ; elles ne sont jamais ajoutées à la commune nouvelle (Annecy, Cherbourg-en-Cotentin,
          Dunkerque et Fort-Mardyck…). Une année dont les résidences principales contredisent les années
          voisines est masquée avec une note. Une commune fusionnée après la date d’un fichier dont l’ancienne
          commune manque à ce fichier (Saint-Denis, 93066, au 1<sup>er</sup> janvier 2024 :
          Pierrefitte-sur-Seine absente du fichier national) a une valeur signalée partielle, qui rend
          partiels les totaux de son EPT et de son département et n’entre dans aucune évolution.
        </li>
        <li>
          <strong>Contradictions du fichier.</strong> Une commune carencée avec un prélèvement de 0 €, un
          prélèvement sur une commune non déficitaire, une commune à la fois carencée et exemptée, un statut
          déficitaire contredit par le taux : la valeur est signalée « incohérent dans la source », et aucun
          argument ne s’appuie dessus (pas de « prélèvement majoré » sur un prélèvement de 0 €).
        </li>
        <li>
          <strong>Chiffres déduits d’un arrondi.</strong> Le fichier donne les logements sociaux et le taux
          arrondi au centième de point ; les résidences principales et les logements manquants qui en sont
          déduits sont donnés avec leur fourchette (par exemple « environ 5 330 logements manquants, entre 5
          329 et 5 338 »), et les totaux additionnent les fourchettes.
        </li>
        <li>
          <strong>Changements de source.</strong> Quand une série passe de la série historique au fichier
          officiel puis à sa copie de 2026, la courbe est coupée et le tableau le signale.
        </li>
        <li>
          <strong>Rapprochement.</strong> Les totaux sont recalculés et comparés aux chiffres publiés par les
          producteurs (1 276 communes déficitaires et 335 carencées dans le fichier national…) à chaque
          construction : voir{' '}
          <Link href="/sources#rapprochement">nos chiffres face aux chiffres publiés</Link>.
        </li>
      </ul>
    </section>
  );
}
