import { describe, expect, it } from 'vitest';
import { WITHIN_PATTERN, formatWithin, parseWithin, parseZone, withinCode } from './within.js';

describe('within', () => {
  it('lit les cinq formes et les réécrit à l’identique', () => {
    const cases = {
      france: { level: 'france' },
      'region:11': { level: 'region', code: '11' },
      'departement:2A': { level: 'departement', code: '2A' },
      'ept:200057974': { level: 'ept', code: '200057974' },
      'epci:200054781': { level: 'epci', code: '200054781' },
    };
    for (const [text, within] of Object.entries(cases)) {
      expect(parseWithin(text), text).toEqual(within);
      expect(formatWithin(parseWithin(text)!)).toBe(text);
      expect(WITHIN_PATTERN.test(text), text).toBe(true);
    }
    expect(withinCode(parseWithin('france')!)).toBe('FR');
    expect(withinCode(parseWithin('departement:92')!)).toBe('92');
  });

  it('refuse le reste, et la validation (WITHIN_PATTERN) dit la même chose que le lecteur', () => {
    const bad = [
      '',
      'France',
      'commune:92048',
      'departement:',
      'departement:92:1',
      'departement:1234567890',
      'departement:9 2',
      "departement:92' OR 1=1",
      'region;11',
      'france:FR',
    ];
    for (const text of bad) {
      expect(parseWithin(text), text).toBeNull();
      expect(WITHIN_PATTERN.test(text), text).toBe(false);
    }
  });

  it('parseZone : un territoire englobant, jamais la France', () => {
    expect(parseZone('ept:200057974')).toEqual({ level: 'ept', code: '200057974' });
    expect(parseZone('france')).toBeNull();
  });
});
