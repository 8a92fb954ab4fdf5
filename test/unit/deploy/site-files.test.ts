import { describe, expect, it } from 'vitest';
import { cacheControlForKey, phaseOf } from '../../../src/deploy/site-files.ts';

describe('object metadata for a build file', () => {
  it('lets CDNs keep files named after their content for a year, and everything a reader opens only briefly', () => {
    expect(cacheControlForKey('_astro/noto-sans-latin-400-normal.BTkUljjl.woff2')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlForKey('assets/helder-4048a3f9d5.css')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlForKey('index.html')).toBe('public, max-age=60');
    expect(cacheControlForKey('gemeenten/gm0344-utrecht/index.html')).toBe('public, max-age=60');
    expect(cacheControlForKey('api/v2/summary.json')).toBe('public, max-age=60');
    expect(cacheControlForKey('en/feeds/incidents.atom')).toBe('public, max-age=60');
    expect(cacheControlForKey('feeds/maintenance.ics')).toBe('public, max-age=60');
    expect(cacheControlForKey('sitemap-index.xml')).toBe('public, max-age=60');
    // Same folder, but no hash in the name: it may change under the same name.
    expect(cacheControlForKey('assets/helder.css')).toBe('public, max-age=3600');
    expect(cacheControlForKey('favicon.svg')).toBe('public, max-age=3600');
  });

  it('puts pages, feeds and the API after the assets they link to', () => {
    expect(['index.html', 'api/v2/summary.json', 'feeds/incidents.xml', 'feeds/incidents.atom', 'feeds/maintenance.ics', 'sitemap-0.xml'].map(phaseOf)).toEqual(Array(6).fill('pages'));
    expect(['assets/helder-4048a3f9d5.css', '_astro/noto-sans-latin-700-normal.CrvTEWhy.woff2', 'favicon.svg'].map(phaseOf)).toEqual(Array(3).fill('assets'));
  });
});
