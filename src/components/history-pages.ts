import { amsterdamMonth, type PublicIncident } from '../domain/index.ts';

/** One month heading on a history page, with the incidents of that page that started in it. */
export interface HistoryMonth {
  /** "YYYY-MM" in Europe/Amsterdam. */
  month: string;
  /** True when the month's earlier part is on the previous page. */
  continued: boolean;
  incidents: PublicIncident[];
}

export interface HistoryPage {
  /** 1-based. */
  page: number;
  months: HistoryMonth[];
}

export const INCIDENTS_PER_HISTORY_PAGE = 25;

/**
 * Splits incidents (newest first) into pages of at most `perPage`, each grouped by month. Months
 * without incidents between the first and last month of a page are kept, so "nothing happened in
 * October" is visible too; the first page starts at the current month.
 */
export function historyPages(incidents: readonly PublicIncident[], now: Date, perPage = INCIDENTS_PER_HISTORY_PAGE): HistoryPage[] {
  if (incidents.length === 0) return [{ page: 1, months: [] }];
  const pages: HistoryPage[] = [];
  let previousLastMonth: string | null = null;
  for (let start = 0; start < incidents.length; start += perPage) {
    const chunk = incidents.slice(start, start + perPage);
    const monthOf = (entry: PublicIncident) => amsterdamMonth(entry.times.startedAt);
    const firstMonth = monthOf(chunk[0]!);
    const lastMonth = monthOf(chunk[chunk.length - 1]!);
    const continued = previousLastMonth === firstMonth;
    const openingMonth =
      previousLastMonth === null
        ? latestMonth(amsterdamMonth(now), firstMonth)
        : continued
          ? firstMonth
          : previousMonth(previousLastMonth);
    const months: HistoryMonth[] = [];
    for (let month = openingMonth; month >= lastMonth; month = previousMonth(month)) {
      months.push({
        month,
        continued: continued && month === firstMonth,
        incidents: chunk.filter((entry) => monthOf(entry) === month),
      });
    }
    pages.push({ page: pages.length + 1, months });
    previousLastMonth = lastMonth;
  }
  return pages;
}

/** "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return monthNumber === 1 ? `${year - 1}-12` : `${year}-${String(monthNumber - 1).padStart(2, '0')}`;
}

function latestMonth(a: string, b: string): string {
  return a >= b ? a : b;
}
