/** Pure parts of issue 13: status changes and differences, the peers argument card, the embed snippet. */
import { describe, expect, it } from 'vitest';
import { difference, sruStatusChanges, type Point } from '../../server/services/changes.js';
import { differenceText, valueText } from '../../server/services/figures.js';
import { peerSruArgument } from '../../web/src/features/peers/argument.js';
import { embedUrl, iframeSnippet } from '../../web/src/features/embed/snippet.js';
import { ind, obs, SOURCES } from './web-fiche-fixtures.js';

const pt = (value: number | null, flags: string[] = [], extra: Partial<Point> = {}): Point => ({
  year: 2025,
  value,
  low: null,
  high: null,
  flags,
  note: null,
  source_id: 's',
  reference_text: '',
  ...extra,
});
const ALL = { presentPrev: true, presentCur: true, coveredPrev: true, coveredCur: true };
const ids = (x: { id: string }[]) => x.map((s) => s.id);

describe('changements de statut SRU', () => {
  it('devient déficitaire et passe sous l’objectif ; carence levée ; exemptée', () => {
    const prev = {
      sru_deficitaire: pt(0),
      sru_taux: pt(25.4),
      sru_taux_cible: pt(25),
      sru_carencee: pt(1),
      sru_exemptee: pt(0),
    };
    const cur = {
      sru_deficitaire: pt(1),
      sru_taux: pt(24.9),
      sru_taux_cible: pt(25),
      sru_carencee: pt(0),
      sru_exemptee: pt(1),
    };
    expect(ids(sruStatusChanges(prev, cur, ALL))).toEqual([
      'newly_deficitaire',
      'below_target',
      'carence_lifted',
      'newly_exempted',
    ]);
  });

  it('« au-dessus de 25 % (non inventoriée) » compte comme au-dessus de l’objectif ; une valeur incohérente ne compte pas', () => {
    const prev = { sru_taux: pt(24, [], { year: 2024 }), sru_taux_cible: pt(25) };
    expect(ids(sruStatusChanges(prev, { sru_taux: pt(null, ['not_inventoried']) }, ALL))).toEqual([
      'above_target',
    ]);
    const cur = {
      sru_deficitaire: pt(0, ['incoherent']),
      sru_taux: pt(26, ['incoherent']),
      sru_taux_cible: pt(25),
    };
    expect(sruStatusChanges({ ...prev, sru_deficitaire: pt(1) }, cur, ALL)).toEqual([]);
  });

  it('entrée ou sortie de l’inventaire seulement là où la source couvre le département les deux années', () => {
    const ctx = { presentPrev: false, presentCur: true, coveredPrev: true, coveredCur: true };
    expect(ids(sruStatusChanges({}, {}, ctx))).toEqual(['entered_inventory']);
    expect(sruStatusChanges({}, {}, { ...ctx, coveredPrev: false })).toEqual([]);
    expect(ids(sruStatusChanges({}, {}, { ...ctx, presentPrev: true, presentCur: false }))).toEqual([
      'left_inventory',
    ]);
    expect(
      sruStatusChanges({}, {}, { ...ctx, presentPrev: true, presentCur: false, coveredCur: false }),
    ).toEqual([]);
  });
});

describe('écarts entre millésimes', () => {
  it('écart exact, écart en fourchette entre valeurs approchées, rien sur une valeur masquée', () => {
    expect(difference(pt(9324), pt(9399))).toEqual({ value: 75, low: null, high: null });
    // Deduced résidences principales: 59 450–59 480 then 58 910–58 945.
    expect(
      difference(pt(59464, [], { low: 59450, high: 59480 }), pt(58928, [], { low: 58910, high: 58945 })),
    ).toEqual({
      value: -536,
      low: 58910 - 59480,
      high: 58945 - 59450,
    });
    expect(difference(pt(null, ['masked']), pt(3)).value).toBeNull();
    expect(difference(pt(2, ['suspect']), pt(3)).value).toBeNull();
  });

  it('écrits en français : points, singulier sous 2', () => {
    expect(differenceText(0.27, 'pct', 2)).toBe('+0,27 point');
    expect(differenceText(-2.5, 'pct', 1)).toBe('−2,5 points');
    expect(valueText(0, 'logements', 0)).toBe('0 logement');
    expect(valueText(1, 'foyers', 0)).toBe('1 foyer');
    expect(valueText(5656, 'logements', 0)).toMatch(/^5\s656 logements$/);
  });
});

describe('argument « communes comparables »', () => {
  const taux = ind('sru_taux', obs(28.18, 2025));
  const peer = (code: string, value: number | null, year = 2025, flags: string[] = []) => ({
    code,
    name: `Commune ${code}`,
    sru_taux: value === null ? null : obs(value, year, { flags }),
  });
  const input = (peers: ReturnType<typeof peer>[]) => ({
    territory: { level: 'commune', code: '92048', name: 'Meudon' },
    indicator: taux,
    own: taux.value,
    peers,
    criteria: [{ phrase: 'la population' }, { phrase: 'la densité' }],
    sources: SOURCES,
    origin: 'https://obs.example',
  });

  it('compte les comparables au taux plus élevé et plus faible, la même année seulement', () => {
    const peers = [
      peer('1', 30),
      peer('2', 29),
      peer('3', 25),
      peer('4', 24),
      peer('5', 28.18),
      peer('6', 31, 2024),
      peer('7', null),
      peer('8', 20),
      peer('9', 35, 2025, ['incoherent']),
      peer('10', 26),
    ];
    const card = peerSruArgument(input(peers))!;
    expect(card.text).toContain(
      'Parmi les 10 communes les plus proches de Meudon par la taille et la structure (7 d’entre elles ont un taux publié à cet inventaire)',
    );
    expect(card.text).toContain(
      '2 ont un taux de logements sociaux SRU plus élevé que Meudon (28,18 %) et 4 un taux plus faible',
    );
    expect(card.figure).toMatchObject({ value: 2, year: 2025 });
    expect(card.permalink).toBe('https://obs.example/commune/92048#argument-communes-comparables');
    expect(card.caveats[0]).toContain('la population, la densité');
  });

  it('aucune carte sans taux utilisable pour la commune, ou avec moins de 5 comparables de la même année', () => {
    expect(peerSruArgument({ ...input([peer('1', 30)]), own: obs(null, 2025) })).toBeNull();
    expect(
      peerSruArgument(input([peer('1', 30), peer('2', 29), peer('3', 25), peer('4', 24, 2024)])),
    ).toBeNull();
  });
});

describe('code d’intégration', () => {
  it('adresse de la carte et iframe échappé', () => {
    const src = embedUrl('https://obs.example', 'commune', '92048', ['sru_taux', 'sru_lls']);
    expect(src).toBe('https://obs.example/embed/commune/92048?indicateurs=sru_taux,sru_lls');
    const html = iframeSnippet(src, 'L’Haÿ-les-Roses "chiffres" <clés>', 2);
    expect(html).toContain('title="L’Haÿ-les-Roses &quot;chiffres&quot; &lt;clés>"');
    expect(html).toMatch(
      /^<iframe src="https:\/\/obs\.example\/embed\/commune\/92048\?indicateurs=sru_taux,sru_lls" /,
    );
  });
});
