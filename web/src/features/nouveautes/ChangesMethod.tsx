/** Methodology: how changes between vintages, status changes and the Atom feeds are computed. */
export function ChangesMethod() {
  return (
    <section aria-labelledby="nouveautes-methode" className="method-feature">
      <h2 id="nouveautes-methode" tabIndex={-1}>
        Nouveautés, évolutions et flux
      </h2>
      <ul>
        <li>
          <strong>Évolution</strong> : pour un indicateur, la valeur du dernier millésime et celle du
          millésime précédent, avec leurs dates, et l’écart (en points pour un taux). Une valeur masquée, à
          vérifier ou incohérente n’entre dans aucun écart ; deux millésimes séparés par une rupture de série
          ne se comparent pas ; l’écart entre deux valeurs approchées est donné avec sa fourchette.
        </li>
        <li>
          <strong>Changements de statut SRU</strong> (communes) : devient ou n’est plus déficitaire, carencée
          ou exemptée (statuts publiés par l’État), repasse au-dessus de son objectif légal ou passe dessous
          (taux comparé au taux cible de chaque inventaire), entre dans l’inventaire ou n’y figure plus
          (seulement dans un département que les deux fichiers couvrent).
        </li>
        <li>
          <strong>Nouveautés</strong> (<a href="/nouveautes">page</a>,{' '}
          <a href="/feeds/nouveautes.atom">flux Atom</a>) : le dernier millésime de chaque famille de sources,
          comparé au précédent là où les deux sont chargés.
        </li>
        <li>
          <strong>Flux d’un territoire</strong> (<code>/feeds/commune/92048.atom</code>, aussi EPT, EPCI,
          département, région) : une entrée par millésime qui modifie un de ses chiffres. Chaque entrée garde
          le même identifiant d’une construction à l’autre ; sa date de mise à jour est celle à laquelle
          l’observatoire a lu les fichiers de ce millésime.
        </li>
      </ul>
    </section>
  );
}
