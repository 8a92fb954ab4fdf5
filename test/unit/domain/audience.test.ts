import { describe, expect, it } from 'vitest';
import { affectedMunicipalities, touchesMunicipality } from '../../../src/domain/index.ts';
import { almere, municipalities, sGravenhage, utrecht, zwolle } from '../../support/builders.ts';

const names = (list: { name: string }[]) => list.map((entry) => entry.name);

describe('municipalities an incident affects', () => {
  it('with scope all: every municipality using at least one affected product', () => {
    expect(names(affectedMunicipalities({ components: ['registra-reisdocumenten'], scope: 'all' }, municipalities))).toEqual(['Utrecht', "'s-Gravenhage"]);
    expect(names(affectedMunicipalities({ components: ['registra-reisdocumenten', 'loket-formulieren'], scope: 'all' }, municipalities))).toEqual([
      'Utrecht',
      "'s-Gravenhage",
      'Almere',
    ]);
  });

  it('with a list: exactly the listed municipalities', () => {
    const local = { components: ['registra-brp'], scope: { municipalities: ['GM0193', 'GM0518'] } };
    expect(names(affectedMunicipalities(local, municipalities))).toEqual(['Zwolle', "'s-Gravenhage"]);
    expect(touchesMunicipality(local, zwolle)).toBe(true);
    expect(touchesMunicipality(local, utrecht)).toBe(false);
  });

  it('with scope all: not a municipality that does not use the product', () => {
    const national = { components: ['registra-brp'], scope: 'all' as const };
    expect(touchesMunicipality(national, sGravenhage)).toBe(true);
    expect(touchesMunicipality(national, almere)).toBe(false);
  });
});
