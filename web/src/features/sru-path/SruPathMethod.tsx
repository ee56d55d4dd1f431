/** Methodology: how the SRU path over the mandate is computed, and what it leaves out. */
export function SruPathMethod() {
  return (
    <section aria-labelledby="trajectoire-sru" className="method-feature">
      <h2 id="trajectoire-sru" tabIndex={-1}>
        Trajectoire SRU sur le mandat 2026–2032
      </h2>
      <p>
        Pour chaque commune soumise à la loi SRU, la fiche calcule l’objectif légal de rattrapage des périodes
        triennales 2023–2025 (terminée), 2026–2028 (en cours) et 2029–2031 (à venir), le rythme nécessaire
        pour atteindre le taux légal d’ici le 1er janvier 2032 et le rythme constaté entre les inventaires. Le
        détail de chaque commune, avec ses hypothèses, est sur{' '}
        <code>/api/territories/commune/&lt;code&gt;/sru</code>.
      </p>
      <ul>
        <li>
          <strong>Règle</strong> : article L302-8 du code de la construction et de l’habitation, modifié par
          l’article 68 de la loi n° 2022-217 du 21 février 2022 (« 3DS »). Le préfet notifie pour chaque
          période triennale (comptée depuis le 1er janvier 2002) un objectif égal à 33 % des logements sociaux
          manquants ; la part est portée à 50 % quand le taux de la commune est à 4 points ou moins de son
          taux légal, et à 100 % à 2 points ou moins, pour que les derniers logements ne s’étalent pas sur des
          périodes sans fin. Objectif arrondi au logement supérieur.
        </li>
        <li>
          <strong>Logements manquants</strong> = taux légal (25 % ou 20 %) × résidences principales −
          logements sociaux, à l’inventaire du 1er janvier de l’année qui précède la période. Quand cet
          inventaire manque à nos sources (1er janvier 2022 pour 2023–2025 ; 1er janvier 2025 hors des
          départements couverts par le fichier 2026), le plus proche inventaire antérieur est utilisé et la
          fiche le dit.
        </li>
        <li>
          <strong>2029–2031</strong> est une projection : elle suppose l’objectif 2026–2028 tenu exactement et
          les résidences principales inchangées.
        </li>
        <li>
          <strong>Fourchettes</strong> : les fichiers récents ne publient que le taux arrondi ; les résidences
          principales qui en sont déduites sont un intervalle, et les objectifs et rythmes aussi.
        </li>
        <li>
          <strong>Rythme constaté</strong> : variation nette du nombre de logements sociaux entre deux
          inventaires (livraisons, acquisitions, conventionnements, moins démolitions et ventes). Le bilan
          triennal officiel compte les logements financés : il peut différer.
        </li>
        <li>
          <strong>Non pris en compte</strong> (données non ouvertes) : taux réduits des communes nouvellement
          soumises et des contrats de mixité sociale, mutualisation dans un programme local de l’habitat. Une
          commune exemptée n’a pas d’objectif. L’objectif notifié par le préfet fait foi.
        </li>
      </ul>
    </section>
  );
}
