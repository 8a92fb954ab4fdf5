import { describe, expect, it } from 'vitest';
import { buildReadModel } from '../../../src/domain/index.ts';
import { municipalityFeedSource, siteFeedSource } from '../../../src/feeds/feed-source.ts';
import { escapeText, foldLine, icalUtc, renderIcal } from '../../../src/feeds/render-ical.ts';
import { FEED_NOW, activeMaintenance, feedContentSet, maintenance, upcomingMaintenance } from '../../support/builders.ts';

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** RFC 5545 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('Registra; BRP, reisdocumenten\\paspoort\nregel 2\r\nregel 3')).toBe(
      'Registra\\; BRP\\, reisdocumenten\\\\paspoort\\nregel 2\\nregel 3',
    );
  });

  it('drops control characters that calendars reject', () => {
    expect(escapeText('onder\u0000houd\u0007 gepland\ttab')).toBe('onderhoud gepland\ttab');
  });

  it('writes instants as UTC DATE-TIME with Z', () => {
    expect(icalUtc(new Date('2026-10-25T00:30:00.000Z'))).toBe('20261025T003000Z');
  });

  it('leaves short lines alone', () => {
    expect(foldLine('SUMMARY:Onderhoud')).toBe('SUMMARY:Onderhoud');
  });

  it('folds long Dutch text at 75 octets without splitting é or ë, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Tijdens het onderhoud is de coördinatie van reisdocumenten en het ééndaagse ideeënloket beperkt. '.repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(8);
    physical.forEach((part, index) => {
      const bytes = encoder.encode(part);
      expect(bytes.length).toBeLessThanOrEqual(75);
      // Each physical line is valid UTF-8 on its own: no multi-byte character was cut.
      expect(() => strictUtf8.decode(bytes)).not.toThrow();
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
    });
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a character when a two-octet letter lands exactly on the boundary', () => {
    for (let padding = 60; padding < 80; padding += 1) {
      const line = `${'a'.repeat(padding)}${'ë'.repeat(40)}`;
      const folded = foldLine(line);
      for (const part of folded.split('\r\n')) {
        expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
        expect(() => strictUtf8.decode(encoder.encode(part))).not.toThrow();
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('keeps astral characters (surrogate pairs, four octets) whole', () => {
    const line = `SUMMARY:${'🛠'.repeat(40)}`;
    for (const part of foldLine(line).split('\r\n')) expect(() => strictUtf8.decode(encoder.encode(part))).not.toThrow();
    expect(unfold(foldLine(line))).toBe(line);
  });
});

describe('maintenance calendar', () => {
  const model = () =>
    buildReadModel(
      feedContentSet({
        maintenances: [
          upcomingMaintenance(),
          activeMaintenance(),
          maintenance({
            id: '2026-11-27-oefening-onderhoud',
            title: 'OEFENING onderhoud',
            description: 'OEFENING',
            components: ['loket-formulieren'],
            scheduled_for: '2026-11-28T09:00:00Z',
            scheduled_until: '2026-11-28T10:00:00Z',
            drill: true,
          }),
        ],
      }),
      FEED_NOW,
    );

  it('ends every line with CRLF and keeps every physical line within 75 octets', () => {
    const ical = renderIcal(siteFeedSource(model(), 'nl'));
    expect(ical.endsWith('\r\n')).toBe(true);
    expect(ical.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ical.split('\r\n')) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
  });

  it('has one event per published maintenance, in schedule order, with stable UIDs and UTC times', () => {
    const ical = unfold(renderIcal(siteFeedSource(model(), 'nl')));
    const events = ical.split('BEGIN:VEVENT').slice(1);
    expect(events).toHaveLength(2);
    expect(ical).not.toContain('OEFENING');
    const [active, upcoming] = events;
    expect(active).toContain('UID:2026-11-27-upgrade-registra@status.voorbeeldsoftware.nl\r\n');
    expect(active).toContain('DTSTART:20261127T090000Z\r\n');
    expect(active).toContain('DTEND:20261127T110000Z\r\n');
    // The event's last change (the upgrade began), not the build's clock.
    expect(active).toContain('DTSTAMP:20261127T090000Z\r\n');
    // Announced without an update and still ahead: the start of the build's day in Amsterdam.
    expect(upcoming).toContain('DTSTAMP:20261126T230000Z\r\n');
    expect(active).toContain('SEQUENCE:2\r\n');
    expect(active).toContain('STATUS:CONFIRMED\r\n');
    expect(active).toContain('URL:https://status.voorbeeldsoftware.nl/onderhoud/2026-11-27-upgrade-registra/\r\n');
    expect(upcoming).toContain('SUMMARY:Onderhoud: Vervanging servers Loket Formulieren\r\n');
    expect(upcoming).toContain('DESCRIPTION:Wanneer: zaterdag 12 december 2026 van 08:00 tot 12:00\\nStatus: Gepland\\n\\nFormulieren versturen is dan niet mogelijk.');
    // The same event in the English calendar keeps its UID, so subscribers never see duplicates.
    const english = unfold(renderIcal(siteFeedSource(model(), 'en')));
    expect(english).toContain('UID:2026-12-12-vervanging-servers-loket@status.voorbeeldsoftware.nl\r\n');
    expect(english).toContain('SUMMARY:Maintenance: Replacing the Loket Formulieren servers\r\n');
    expect(english).toContain('URL:https://status.voorbeeldsoftware.nl/en/maintenance/2026-12-12-vervanging-servers-loket/\r\n');
  });

  it("limits a municipality's calendar to maintenance that touches it", () => {
    const utrecht = model().municipalities.find((municipality) => municipality.name === 'Utrecht')!;
    const zwolle = model().municipalities.find((municipality) => municipality.name === 'Zwolle')!;
    // The Registra upgrade is scoped to Utrecht; Zwolle does not use Loket Formulieren.
    expect(renderIcal(municipalityFeedSource(model(), utrecht, 'nl')).match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(renderIcal(municipalityFeedSource(model(), zwolle, 'nl'))).not.toContain('BEGIN:VEVENT');
  });

  it('renders a small calendar exactly', () => {
    const small = buildReadModel(feedContentSet({ maintenances: [upcomingMaintenance()] }), FEED_NOW);
    expect(renderIcal(siteFeedSource(small, 'nl')).replace(/\r\n/g, '⏎\n')).toMatchInlineSnapshot(`
      "BEGIN:VCALENDAR⏎
      VERSION:2.0⏎
      PRODID:-//Voorbeeld Software B.V.//Helder//NL⏎
      CALSCALE:GREGORIAN⏎
      METHOD:PUBLISH⏎
      NAME:Status van Voorbeeld Software: gepland onderhoud⏎
      X-WR-CALNAME:Status van Voorbeeld Software: gepland onderhoud⏎
      DESCRIPTION:Gepland onderhoud aan onze producten⏎
      X-WR-CALDESC:Gepland onderhoud aan onze producten⏎
      URL:https://status.voorbeeldsoftware.nl/feeds/maintenance.ics⏎
      REFRESH-INTERVAL;VALUE=DURATION:PT1H⏎
      X-PUBLISHED-TTL:PT1H⏎
      BEGIN:VEVENT⏎
      UID:2026-12-12-vervanging-servers-loket@status.voorbeeldsoftware.nl⏎
      DTSTAMP:20261126T230000Z⏎
      DTSTART:20261212T070000Z⏎
      DTEND:20261212T110000Z⏎
      SEQUENCE:0⏎
      SUMMARY:Onderhoud: Vervanging servers Loket Formulieren⏎
      DESCRIPTION:Wanneer: zaterdag 12 december 2026 van 08:00 tot 12:00\\nStatus:⏎
        Gepland\\n\\nFormulieren versturen is dan niet mogelijk.\\n\\nProducten: Loke⏎
       t Formulieren\\n\\nMeer informatie: https://status.voorbeeldsoftware.nl/onde⏎
       rhoud/2026-12-12-vervanging-servers-loket/⏎
      CATEGORIES:Onderhoud⏎
      STATUS:CONFIRMED⏎
      TRANSP:TRANSPARENT⏎
      URL:https://status.voorbeeldsoftware.nl/onderhoud/2026-12-12-vervanging-ser⏎
       vers-loket/⏎
      END:VEVENT⏎
      END:VCALENDAR⏎
      "
    `);
  });
});
