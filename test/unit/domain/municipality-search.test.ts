import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/content/load-content.ts';
import { indexLetter, searchKey, searchMunicipalities, searchTerms, sortName } from '../../../src/domain/index.ts';

const municipalities = loadContent('content').municipalities;
const index = municipalities.map((municipality) => ({ name: municipality.name, terms: searchTerms(municipality) }));
const find = (query: string) => searchMunicipalities(index, query).map((entry) => entry.name);

describe('finding a municipality by any of its names', () => {
  it('finds a municipality by the name people use, not only the official one', () => {
    expect(find('Den Haag')).toEqual(["'s-Gravenhage"]);
    expect(find('den haag')).toEqual(["'s-Gravenhage"]);
    expect(find('The Hague')).toEqual(["'s-Gravenhage"]);
    expect(find('Den Bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(find('Ljouwert')).toEqual(['Leeuwarden']);
  });

  it('finds part of a name, with or without the apostrophe, hyphen and accents', () => {
    expect(find('Bosch')).toEqual(["'s-Hertogenbosch"]);
    expect(find('s-Hertogenbosch')).toEqual(["'s-Hertogenbosch"]);
    expect(find("'s Gravenhage")).toEqual(["'s-Gravenhage"]);
    expect(find('gravenhage')).toEqual(["'s-Gravenhage"]);
    expect(find('ÚTRECHT')).toEqual(['Utrecht']);
  });

  it('finds a municipality by its CBS code', () => {
    expect(find('GM0344')).toEqual(['Utrecht']);
    expect(find('0518')).toEqual(["'s-Gravenhage"]);
  });

  it('puts exact names first, then names starting with the query, then names containing it', () => {
    expect(find('haarlem')).toEqual(['Haarlem', 'Haarlemmermeer']);
    expect(find('dam')).toEqual(['Amsterdam', 'Rotterdam']);
  });

  it('finds nothing for an empty query or one that matches no name', () => {
    expect(find('')).toEqual([]);
    expect(find("  '-  ")).toEqual([]);
    expect(find('Atlantis')).toEqual([]);
  });

  it('files names under the letter people look for', () => {
    expect(sortName("'s-Gravenhage")).toBe('Gravenhage');
    expect(sortName("'t Zandt")).toBe('Zandt');
    expect(indexLetter("'s-Hertogenbosch")).toBe('H');
    expect(indexLetter('Ede')).toBe('E');
    expect(indexLetter('Élst')).toBe('E');
    expect(searchKey("'s-Hertogenbosch")).toBe('shertogenbosch');
  });
});
