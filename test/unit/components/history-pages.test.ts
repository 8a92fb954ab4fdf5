import { describe, expect, it } from 'vitest';
import { historyPages, INCIDENTS_PER_HISTORY_PAGE, previousMonth, type HistoryPage } from '../../../src/components/history-pages.ts';
import { buildReadModel, type PublicIncident } from '../../../src/domain/index.ts';
import { contentSet, outage } from '../../support/builders.ts';

const now = new Date('2026-11-27T13:00:00Z');

/** Resolved outages starting at the given instants, as the read model orders them (newest first). */
function publicIncidents(starts: string[], at = now): PublicIncident[] {
  const incidents = starts.map((from, index) =>
    outage({ id: `registra-brp-storing-${String(index + 1).padStart(3, '0')}`, from, to: new Date(Date.parse(from) + 45 * 60_000).toISOString() }),
  );
  return buildReadModel(contentSet({ incidents }), at).incidents;
}

/** A page as "month: ids" lines, with "(vervolg)" for a month continued from the previous page. */
function outline(page: HistoryPage): string[] {
  return page.months.map((month) => `${month.month}${month.continued ? ' (vervolg)' : ''}: ${month.incidents.map((entry) => entry.incident.id.slice(-3)).join(' ')}`.trimEnd());
}

describe('history pages', () => {
  it('gives one empty page when nothing ever happened', () => {
    expect(historyPages([], now)).toEqual([{ page: 1, months: [] }]);
  });

  it('starts the first page at the current month and keeps quiet months in between', () => {
    const pages = historyPages(publicIncidents(['2026-11-03T09:00:00Z', '2026-09-14T07:30:00Z', '2026-09-02T12:00:00Z']), now);
    expect(pages).toHaveLength(1);
    expect(outline(pages[0]!)).toEqual(['2026-11: 001', '2026-10:', '2026-09: 002 003']);
  });

  it('shows the current month even when its latest incident is months old', () => {
    const pages = historyPages(publicIncidents(['2026-08-20T10:00:00Z']), now);
    expect(outline(pages[0]!)).toEqual(['2026-11:', '2026-10:', '2026-09:', '2026-08: 001']);
  });

  it('groups by the Amsterdam month, not the UTC month', () => {
    // 23:30 UTC on 31 October is 00:30 on 1 November in Amsterdam.
    const pages = historyPages(publicIncidents(['2026-10-31T23:30:00Z', '2026-10-31T22:30:00Z']), now);
    expect(outline(pages[0]!)).toEqual(['2026-11: 001', '2026-10: 002']);
  });

  it('splits into pages of 25 by default, numbered from 1, and keeps every incident exactly once', () => {
    // 60 incidents, one a day going back from 26 November.
    const starts = Array.from({ length: 60 }, (_, index) => new Date(Date.parse('2026-11-26T09:00:00Z') - index * 86_400_000).toISOString());
    const incidents = publicIncidents(starts);
    const pages = historyPages(incidents, now);
    expect(INCIDENTS_PER_HISTORY_PAGE).toBe(25);
    expect(pages.map((page) => page.page)).toEqual([1, 2, 3]);
    expect(pages.map((page) => page.months.flatMap((month) => month.incidents).length)).toEqual([25, 25, 10]);
    expect(pages.flatMap((page) => page.months.flatMap((month) => month.incidents))).toEqual(incidents);
  });

  it('marks a month that runs over a page break as continued on the next page', () => {
    const incidents = publicIncidents(['2026-11-20T09:00:00Z', '2026-11-10T09:00:00Z', '2026-11-05T09:00:00Z', '2026-10-12T09:00:00Z']);
    const pages = historyPages(incidents, now, 2);
    expect(outline(pages[0]!)).toEqual(['2026-11: 001 002']);
    expect(outline(pages[1]!)).toEqual(['2026-11 (vervolg): 003', '2026-10: 004']);
  });

  it('puts quiet months between two pages at the top of the later page', () => {
    const incidents = publicIncidents(['2026-11-20T09:00:00Z', '2026-11-10T09:00:00Z', '2026-08-05T09:00:00Z']);
    const pages = historyPages(incidents, now, 2);
    expect(outline(pages[0]!)).toEqual(['2026-11: 001 002']);
    expect(outline(pages[1]!)).toEqual(['2026-10:', '2026-09:', '2026-08: 003']);
    expect(pages[1]!.months.every((month) => !month.continued)).toBe(true);
  });

  it('runs across a year boundary', () => {
    const january = new Date('2027-01-10T12:00:00Z');
    const pages = historyPages(publicIncidents(['2027-01-04T09:00:00Z', '2026-12-15T09:00:00Z'], january), january);
    expect(outline(pages[0]!)).toEqual(['2027-01: 001', '2026-12: 002']);
  });
});

describe('previous month', () => {
  it('steps back one calendar month, across the new year', () => {
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});
