/**
 * « Où demander » per territory: the COG table read from the mirror, templates resolved with the
 * territory's own département and région, never another's.
 */
import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../core/registry.js';
import { DEPARTEMENTS, REGIONS } from '../../core/places.js';
import { resolveWhereToAsk, unknownPlaceholders } from '../../core/where-to-ask.js';
import { readMirrorCsv } from '../helpers.js';
import { placeOf } from '../../web/src/model/where.js';

const templates = INDICATORS.filter((i) => i.where_to_ask).map((i) => ({ id: i.id, w: i.where_to_ask! }));
const gapTemplates = INDICATORS.filter((i) => !i.open && !i.curated && i.where_to_ask).map((i) => ({
  id: i.id,
  w: i.where_to_ask!,
}));

describe('table des départements et régions (COG du miroir)', () => {
  it('un département par ligne du fichier INSEE, même nom et même région', () => {
    const rows = readMirrorCsv('geo', 'insee-cog2025-departements.csv', ',');
    expect(Object.keys(DEPARTEMENTS).sort()).toEqual(rows.map((r) => r.DEP).sort());
    for (const r of rows) {
      const name = r.NCCENR!.replace(/'/g, '’');
      expect(DEPARTEMENTS[r.DEP!]!.name, r.DEP).toBe(name);
      expect(DEPARTEMENTS[r.DEP!]!.region, r.DEP).toBe(r.REG);
      expect(DEPARTEMENTS[r.DEP!]!.of.endsWith(name), r.DEP).toBe(true);
    }
    const regions = readMirrorCsv('geo', 'insee-cog2025-regions.csv', ',');
    expect(Object.keys(REGIONS).sort()).toEqual(regions.map((r) => r.REG).sort());
  });

  it('les articles suivent le type de nom INSEE (TNCC)', () => {
    expect(DEPARTEMENTS['59']!.of).toBe('du Nord');
    expect(DEPARTEMENTS['92']!.of).toBe('des Hauts-de-Seine');
    expect(DEPARTEMENTS['91']!.of).toBe('de l’Essonne');
    expect(DEPARTEMENTS['80']!.of).toBe('de la Somme');
    expect(DEPARTEMENTS['75']!.of).toBe('de Paris');
    expect(DEPARTEMENTS['35']!.of).toBe('d’Ille-et-Vilaine');
    expect(DEPARTEMENTS['13']!.of).toBe('des Bouches-du-Rhône');
  });
});

describe('où demander : modèles résolus par territoire', () => {
  it('aucun modèle du registre ne nomme un organisme inconnu', () => {
    expect(templates.length).toBeGreaterThan(5);
    for (const { id, w } of templates) {
      expect(unknownPlaceholders(`${w.publisher} ${w.ask}`), id).toEqual([]);
    }
  });

  it('Roubaix (Nord) : organismes du Nord et des Hauts-de-France, jamais des Hauts-de-Seine', () => {
    const place = placeOf({
      territory: { level: 'commune', code: '59512', name: 'Roubaix' },
      parents: [
        { level: 'epci', code: '200093201', name: 'Métropole Européenne de Lille' },
        { level: 'departement', code: '59', name: 'Nord' },
        { level: 'region', code: '32', name: 'Hauts-de-France' },
        { level: 'france', code: 'FR', name: 'France' },
      ],
    });
    expect(place).toEqual({ departements: ['59'], region: '32' });
    const texts = gapTemplates.map(({ w }) => resolveWhereToAsk(w, place));
    const all = texts.map((t) => `${t.publisher} ${t.ask} ${t.url ?? ''}`).join('\n');
    expect(all).not.toMatch(/Hauts-de-Seine|\b92\b|Île-de-France|DRIHL/);
    expect(all).not.toMatch(/\{[a-z_]+\}/);
    const dalo = resolveWhereToAsk(
      INDICATORS.find((i) => i.id === 'dalo_recours_commune')!.where_to_ask!,
      place,
    );
    expect(dalo.publisher).toMatch(/^Commission de médiation DALO du Nord/);
    expect(dalo.publisher).toContain('DDETS du Nord');
    const exp = resolveWhereToAsk(
      INDICATORS.find((i) => i.id === 'expulsions_commandements')!.where_to_ask!,
      place,
    );
    expect(exp.publisher).toMatch(/^Préfecture du Nord/);
    expect(exp.publisher).toContain('CCAPEX du Nord');
    const heb = resolveWhereToAsk(
      INDICATORS.find((i) => i.id === 'hebergement_places_commune')!.where_to_ask!,
      place,
    );
    expect(heb.publisher).toContain('SIAO du Nord');
    expect(heb.publisher).toContain('DREAL Hauts-de-France');
    expect(heb.url).toBeUndefined();
  });

  it('Meudon (92) : unité départementale de la DRIHL, DRIHL Île-de-France et son adresse', () => {
    const heb = resolveWhereToAsk(
      INDICATORS.find((i) => i.id === 'hebergement_places_commune')!.where_to_ask!,
      { departements: ['92'] },
    );
    expect(heb.publisher).toContain('DRIHL Île-de-France, unité départementale des Hauts-de-Seine');
    expect(heb.publisher).toContain('SIAO des Hauts-de-Seine');
    expect(heb.url).toMatch(/drihl\.ile-de-france/);
  });

  it('Aix-en-Provence (13) et Sens (89) : leurs propres départements', () => {
    const w = INDICATORS.find((i) => i.id === 'expulsions_commandements')!.where_to_ask!;
    expect(resolveWhereToAsk(w, { departements: ['13'] }).publisher).toMatch(
      /^Préfecture des Bouches-du-Rhône .*CCAPEX des Bouches-du-Rhône/,
    );
    expect(resolveWhereToAsk(w, { departements: ['89'] }).publisher).toMatch(/^Préfecture de l’Yonne/);
  });

  it('EPT sur deux départements : les organismes de chacun ; France : formulation générique', () => {
    const w = INDICATORS.find((i) => i.id === 'expulsions_commandements')!.where_to_ask!;
    const two = resolveWhereToAsk(w, { departements: ['92', '95'] });
    expect(two.publisher).toContain('Préfecture des Hauts-de-Seine ou Préfecture du Val-d’Oise');
    const fr = resolveWhereToAsk(
      w,
      placeOf({ territory: { level: 'france', code: 'FR', name: 'France' }, parents: [] }),
    );
    expect(fr.publisher).toMatch(/^Préfecture de votre département/);
    const region = resolveWhereToAsk(
      INDICATORS.find((i) => i.id === 'hebergement_places_commune')!.where_to_ask!,
      { region: '32' },
    );
    expect(region.publisher).toContain('SIAO des départements de la région Hauts-de-France');
    expect(region.publisher).toContain('DREAL Hauts-de-France');
  });
});
