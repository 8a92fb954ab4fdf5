import { describe, expect, it } from 'vitest';
import { buildReadModel, municipalityView } from '../../../src/domain/index.ts';
import { FEED_ENTRY_LIMIT, feedEntries } from '../../../src/feeds/feed-entries.ts';
import { findMunicipality, municipalityFeedSource, productFeedSource, siteFeedSource } from '../../../src/feeds/feed-source.ts';
import { renderAtom } from '../../../src/feeds/render-atom.ts';
import { renderRss } from '../../../src/feeds/render-rss.ts';
import { escapeXml } from '../../../src/feeds/xml.ts';
import { renderFeedStylesheet } from '../../../src/feeds/feed-stylesheet.ts';
import { FEED_NOW, activeMaintenance, brpOutage, feedContentSet, drillIncident, incident, upcomingMaintenance, zwolleOpen } from '../../support/builders.ts';
import { child, children, parseXml, textOf } from './parse-xml.ts';

const model = () =>
  buildReadModel(feedContentSet({ incidents: [brpOutage(), zwolleOpen(), drillIncident()], maintenances: [upcomingMaintenance(), activeMaintenance()] }), FEED_NOW);

const awkward = () =>
  incident({
    id: '2026-11-26-tekens',
    title: { nl: 'Storing bij "Burgerzaken" & <Registra> \'s-Gravenhage' },
    impact: 'minor',
    components: ['registra-brp'],
    scope: { municipalities: ['GM0518'] },
    updates: [
      {
        at: '2026-11-26T12:00:00Z',
        status: 'investigating',
        body: 'Zie <script>alert("x")</script> & [klik](javascript:alert(1)) ]]> einde',
        components: { 'registra-brp': 'degraded_performance' },
      },
    ],
  });

describe('escapeXml', () => {
  it('escapes the five XML specials and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0001\u000b`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(escapeXml('tab\tregel\nnieuw')).toBe('tab\tregel\nnieuw');
  });
});

describe('RSS 2.0', () => {
  it('is well-formed and describes the channel', () => {
    const rss = parseXml(renderRss(siteFeedSource(model(), 'nl')));
    expect(rss.name).toBe('rss');
    expect(rss.attributes.version).toBe('2.0');
    const channel = child(rss, 'channel');
    expect(textOf(channel, 'title')).toBe('Status van Voorbeeld Software');
    expect(textOf(channel, 'link')).toBe('https://status.voorbeeldsoftware.nl/');
    expect(textOf(channel, 'language')).toBe('nl-NL');
    // The newest change published by now (the Registra upgrade began at 09:00), not the build's clock.
    expect(textOf(channel, 'lastBuildDate')).toBe('Fri, 27 Nov 2026 09:00:00 GMT');
    expect(child(channel, 'atom:link').attributes).toEqual({
      href: 'https://status.voorbeeldsoftware.nl/feeds/incidents.xml',
      rel: 'self',
      type: 'application/rss+xml',
    });
  });

  it('has one item per incident and maintenance, most recently updated first, and no drill', () => {
    const items = children(child(parseXml(renderRss(siteFeedSource(model(), 'nl'))), 'channel'), 'item');
    // A maintenance without an announcement update is dated by its planned start.
    expect(items.map((item) => textOf(item, 'title'))).toEqual([
      'Onderhoud: Vervanging servers Loket Formulieren – Gepland',
      'Onderhoud: Upgrade Registra – Wordt uitgevoerd',
      'Aanvraagstations in Zwolle maken geen verbinding – Onderzoek',
      'Registra BRP niet bereikbaar – Opgelost',
    ]);
    const brp = items[3]!;
    expect(textOf(brp, 'link')).toBe('https://status.voorbeeldsoftware.nl/incidenten/2026-11-03-registra-brp-storing/');
    expect(child(brp, 'guid').attributes.isPermaLink).toBe('true');
    expect(textOf(brp, 'guid')).toBe(textOf(brp, 'link'));
    expect(textOf(brp, 'pubDate')).toBe('Tue, 03 Nov 2026 10:05:00 GMT');
    expect(children(brp, 'category').map((category) => category.text)).toEqual(['Opgelost', 'Registra BRP', 'Registra Reisdocumenten']);
    const html = textOf(brp, 'description');
    // Resolved: the outage advice is gone, only the record of what happened stays.
    expect(html).not.toContain('Wat kunt u als gemeente doen?');
    expect(html).not.toContain('papieren noodformulier');
    expect(html).toContain('<h3>Opgelost – dinsdag 3 november 2026 om 11:05</h3><p>De storing is opgelost.</p>');
    expect(html).toContain('<h2>Terugblik</h2><h2>Oorzaak</h2>');
    expect(html.indexOf('Opgelost –')).toBeLessThan(html.indexOf('Onderzoek –'));
    expect(renderRss(siteFeedSource(model(), 'nl'))).not.toMatch(/OEFENING|oefening/);
  });

  it('survives XML-special characters and never passes staff HTML through', () => {
    const source = siteFeedSource(buildReadModel(feedContentSet({ incidents: [awkward()] }), FEED_NOW), 'nl');
    const xml = renderRss(source);
    const item = child(child(parseXml(xml), 'channel'), 'item');
    expect(textOf(item, 'title')).toBe('Storing bij "Burgerzaken" & <Registra> \'s-Gravenhage – Onderzoek');
    const html = textOf(item, 'description');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<li>Gemeenten: &apos;s-Gravenhage</li>');
    // A literal CDATA terminator in text cannot break out of anything: we escape, never wrap in CDATA.
    expect(xml).not.toContain(']]>');
  });

  it('writes the English feed with English texts, /en/ links and the Dutch original marked as Dutch', () => {
    const xml = renderRss(siteFeedSource(model(), 'en'));
    const channel = child(parseXml(xml), 'channel');
    expect(textOf(channel, 'language')).toBe('en-GB');
    expect(child(channel, 'atom:link').attributes.href).toBe('https://status.voorbeeldsoftware.nl/en/feeds/incidents.xml');
    const items = children(channel, 'item');
    const brp = items.find((item) => textOf(item, 'title') === 'Registra BRP unavailable – Resolved')!;
    expect(textOf(brp, 'link')).toBe('https://status.voorbeeldsoftware.nl/en/incidents/2026-11-03-registra-brp-storing/');
    expect(textOf(brp, 'description')).toContain('<h3>Resolved – Tuesday 3 November 2026 at 11:05</h3><p>The incident is resolved.</p>');
    // The postmortem exists only in Dutch.
    expect(textOf(brp, 'description')).toContain('<h2>Postmortem</h2><div lang="nl"><h2>Oorzaak</h2>');
    const zwolle = items.find((item) => textOf(item, 'title').startsWith('Application stations in Zwolle'))!;
    expect(textOf(zwolle, 'description')).toContain('<div lang="nl"><p>We onderzoeken de oorzaak.</p>\n</div>');
    expect(textOf(zwolle, 'description')).toContain('<p>Next update by: Friday 27 November 2026 at 11:30</p>');
  });

  it("gives a municipality only what touches it: national incidents on its products and its local ones", () => {
    const m = model();
    const titles = (id: string) =>
      children(child(parseXml(renderRss(municipalityFeedSource(m, findMunicipality(m, id), 'nl'))), 'channel'), 'item').map((item) => textOf(item, 'title'));
    expect(titles('GM0193')).toEqual(['Aanvraagstations in Zwolle maken geen verbinding – Onderzoek', 'Registra BRP niet bereikbaar – Opgelost']);
    expect(titles('GM0344')).toEqual([
      'Onderhoud: Vervanging servers Loket Formulieren – Gepland',
      'Onderhoud: Upgrade Registra – Wordt uitgevoerd',
      'Registra BRP niet bereikbaar – Opgelost',
    ]);
    const channel = child(parseXml(renderRss(municipalityFeedSource(m, findMunicipality(m, 'GM0518'), 'en'))), 'channel');
    expect(textOf(channel, 'title')).toBe("Voorbeeld Software status – municipality of 's-Gravenhage");
    expect(textOf(channel, 'link')).toBe('https://status.voorbeeldsoftware.nl/en/municipalities/GM0518/');
    expect(child(channel, 'atom:link').attributes.href).toBe('https://status.voorbeeldsoftware.nl/en/municipalities/GM0518/incidents.xml');
    expect(() => findMunicipality(m, 'GM9999')).toThrowError(/unknown municipality "GM9999"/);
  });

  it('gives a product only the incidents and maintenance that affect it, with the outage advice while an incident is open', () => {
    const open = { ...brpOutage(), id: '2026-11-03-registra-brp-storing-open', updates: brpOutage().updates.filter((update) => update.status !== 'resolved') };
    const m = buildReadModel(feedContentSet({ incidents: [brpOutage(), open, zwolleOpen()], maintenances: [upcomingMaintenance(), activeMaintenance()] }), FEED_NOW);
    const channel = child(parseXml(renderRss(productFeedSource(m, 'registra-brp', 'nl'))), 'channel');
    expect(textOf(channel, 'title')).toBe('Status van Voorbeeld Software – Registra BRP');
    expect(textOf(channel, 'link')).toBe('https://status.voorbeeldsoftware.nl/producten/registra-brp/');
    expect(child(channel, 'atom:link').attributes.href).toBe('https://status.voorbeeldsoftware.nl/producten/registra-brp/incidents.xml');
    const items = children(channel, 'item');
    expect(items.map((item) => textOf(item, 'link')).filter((link) => link.includes('/incidenten/'))).toEqual([
      'https://status.voorbeeldsoftware.nl/incidenten/2026-11-03-registra-brp-storing/',
      'https://status.voorbeeldsoftware.nl/incidenten/2026-11-03-registra-brp-storing-open/',
    ]);
    const openItem = items.find((item) => textOf(item, 'link').endsWith('-open/'))!;
    expect(textOf(openItem, 'description')).toContain('<h2>Wat kunt u als gemeente doen?</h2><p>Noteer aanvragen op het papieren noodformulier.</p>');
    expect(() => productFeedSource(m, 'registra-paspoort', 'nl')).toThrowError(/unknown product "registra-paspoort"/);
  });

  it(`keeps the ${FEED_ENTRY_LIMIT} most recently updated entries`, () => {
    const many = Array.from({ length: 70 }, (_, index) =>
      incident({
        id: `storing-${index}`,
        title: `Storing ${index}`,
        impact: 'minor',
        components: ['registra-brp'],
        scope: 'all',
        updates: [
          { at: new Date(Date.UTC(2026, 8, 1, index)).toISOString(), status: 'investigating', body: 'Onderzoek.' },
          { at: new Date(Date.UTC(2026, 8, 1, index, 30)).toISOString(), status: 'resolved', body: 'Opgelost.' },
        ],
      }),
    );
    const entries = feedEntries(siteFeedSource(buildReadModel(feedContentSet({ incidents: many }), FEED_NOW), 'nl'));
    expect(entries).toHaveLength(FEED_ENTRY_LIMIT);
    expect(entries[0]!.title).toBe('Storing 69 – Opgelost');
  });
});

describe('Atom 1.0', () => {
  it('is well-formed with feed metadata and entries that link to the incident pages', () => {
    const feed = parseXml(renderAtom(siteFeedSource(model(), 'nl')));
    expect(feed.attributes).toEqual({ xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'nl' });
    expect(textOf(feed, 'id')).toBe('https://status.voorbeeldsoftware.nl/feeds/incidents.atom');
    // The newest entry is dated in December (planned start): the feed says its newest change by the build (09:00), never the build's clock.
    expect(textOf(feed, 'updated')).toBe('2026-11-27T09:00:00.000Z');
    expect(children(feed, 'link').map((link) => link.attributes)).toEqual([
      { rel: 'self', type: 'application/atom+xml', href: 'https://status.voorbeeldsoftware.nl/feeds/incidents.atom' },
      { rel: 'alternate', type: 'text/html', href: 'https://status.voorbeeldsoftware.nl/' },
    ]);
    expect(textOf(child(feed, 'author'), 'name')).toBe('Voorbeeld Software B.V.');
    const entries = children(feed, 'entry');
    expect(entries).toHaveLength(4);
    const brp = entries.find((entry) => textOf(entry, 'title') === 'Registra BRP niet bereikbaar – Opgelost')!;
    expect(textOf(brp, 'id')).toBe('https://status.voorbeeldsoftware.nl/incidenten/2026-11-03-registra-brp-storing/');
    expect(child(brp, 'link').attributes.href).toBe(textOf(brp, 'id'));
    expect(textOf(brp, 'published')).toBe('2026-11-03T08:12:00.000Z');
    expect(textOf(brp, 'updated')).toBe('2026-11-03T10:05:00.000Z');
    expect(textOf(brp, 'summary')).toBe('Opgelost (dinsdag 3 november 2026 om 11:05): De storing is opgelost.');
    expect(child(brp, 'content').attributes.type).toBe('html');
    expect(children(brp, 'category').map((category) => category.attributes.term)).toContain('Registra BRP');
  });

  it('survives XML-special characters in titles and bodies', () => {
    const feed = parseXml(renderAtom(siteFeedSource(buildReadModel(feedContentSet({ incidents: [awkward()] }), FEED_NOW), 'nl')));
    const entry = child(feed, 'entry');
    expect(textOf(entry, 'title')).toBe('Storing bij "Burgerzaken" & <Registra> \'s-Gravenhage – Onderzoek');
    expect(textOf(entry, 'content')).not.toContain('<script');
  });

});

describe('exact output', () => {
  it('renders a small Atom feed exactly', () => {
    const small = buildReadModel(feedContentSet({ incidents: [zwolleOpen()] }), FEED_NOW);
    expect(renderAtom(siteFeedSource(small, 'nl'))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="utf-8"?>
      <?xml-stylesheet type="text/xsl" href="/feeds/feed.xsl"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">
      <id>https://status.voorbeeldsoftware.nl/feeds/incidents.atom</id>
      <title>Status van Voorbeeld Software</title>
      <subtitle>Storingen en onderhoud</subtitle>
      <updated>2026-11-27T08:00:00.000Z</updated>
      <link rel="self" type="application/atom+xml" href="https://status.voorbeeldsoftware.nl/feeds/incidents.atom"/>
      <link rel="alternate" type="text/html" href="https://status.voorbeeldsoftware.nl/"/>
      <author><name>Voorbeeld Software B.V.</name><uri>https://www.voorbeeldsoftware.nl</uri></author>
      <generator>Helder</generator>
      <entry>
      <id>https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-reisdocumenten-zwolle/</id>
      <title>Aanvraagstations in Zwolle maken geen verbinding – Onderzoek</title>
      <link rel="alternate" type="text/html" href="https://status.voorbeeldsoftware.nl/incidenten/2026-11-27-reisdocumenten-zwolle/"/>
      <published>2026-11-27T08:00:00.000Z</published>
      <updated>2026-11-27T08:00:00.000Z</updated>
      <summary type="text">Onderzoek (vrijdag 27 november 2026 om 09:00): We onderzoeken de oorzaak.</summary>
      <content type="html">&lt;p&gt;&lt;strong&gt;Onderzoek&lt;/strong&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Producten: Registra Reisdocumenten&lt;/li&gt;&lt;li&gt;Gemeenten: Zwolle&lt;/li&gt;&lt;/ul&gt;&lt;h2&gt;Updates&lt;/h2&gt;&lt;h3&gt;Onderzoek – vrijdag 27 november 2026 om 09:00&lt;/h3&gt;&lt;p&gt;We onderzoeken de oorzaak.&lt;/p&gt;
      &lt;p&gt;Volgende update uiterlijk: vrijdag 27 november 2026 om 11:30&lt;/p&gt;</content>
      <category term="Onderzoek"/>
      <category term="Registra Reisdocumenten"/>
      </entry>
      </feed>
      "
    `);
  });

  it('renders a small RSS feed exactly', () => {
    const small = buildReadModel(feedContentSet({ maintenances: [upcomingMaintenance()] }), FEED_NOW);
    expect(renderRss(siteFeedSource(small, 'en'))).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="utf-8"?>
      <?xml-stylesheet type="text/xsl" href="/en/feeds/feed.xsl"?>
      <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
      <channel>
      <title>Voorbeeld Software status</title>
      <link>https://status.voorbeeldsoftware.nl/en/</link>
      <description>Incidents and maintenance: Voorbeeld Software status</description>
      <language>en-GB</language>
      <lastBuildDate>Thu, 26 Nov 2026 23:00:00 GMT</lastBuildDate>
      <generator>Helder</generator>
      <atom:link href="https://status.voorbeeldsoftware.nl/en/feeds/incidents.xml" rel="self" type="application/rss+xml"/>
      <item>
      <title>Maintenance: Replacing the Loket Formulieren servers – Scheduled</title>
      <link>https://status.voorbeeldsoftware.nl/en/maintenance/2026-12-12-vervanging-servers-loket/</link>
      <guid isPermaLink="true">https://status.voorbeeldsoftware.nl/en/maintenance/2026-12-12-vervanging-servers-loket/</guid>
      <pubDate>Sat, 12 Dec 2026 07:00:00 GMT</pubDate>
      <description>&lt;p&gt;&lt;strong&gt;Scheduled&lt;/strong&gt;&lt;/p&gt;&lt;p&gt;When: Saturday 12 December 2026 from 08:00 to 12:00&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Products: Loket Formulieren&lt;/li&gt;&lt;li&gt;Municipalities: all municipalities using these products&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Sending forms is not possible then.&lt;/p&gt;
      </description>
      <category>Maintenance</category>
      <category>Loket Formulieren</category>
      </item>
      </channel>
      </rss>
      "
    `);
  });
});

describe('municipality feeds and pages agree', () => {
  it('selects exactly the incidents and maintenance of municipalityView', () => {
    const m = model();
    for (const municipality of m.municipalities) {
      const source = municipalityFeedSource(m, municipality, 'nl');
      const view = municipalityView(m, municipality);
      expect(source.incidents).toEqual(view.incidents);
      expect(source.maintenances).toEqual(view.maintenances);
    }
  });
});

describe('the stylesheet that makes a feed readable in a browser', () => {
  it('is named right after the XML declaration of RSS and Atom, per language; the feed itself is unchanged XML', () => {
    const rss = renderRss(siteFeedSource(model(), 'nl'));
    expect(rss.split('\n').slice(0, 2)).toEqual(['<?xml version="1.0" encoding="utf-8"?>', '<?xml-stylesheet type="text/xsl" href="/feeds/feed.xsl"?>']);
    expect(renderAtom(siteFeedSource(model(), 'en')).split('\n')[1]).toBe('<?xml-stylesheet type="text/xsl" href="/en/feeds/feed.xsl"?>');
    expect(parseXml(rss).name).toBe('rss');
  });

  it('is well-formed XSLT 1.0 that handles both RSS items and Atom entries, with its texts escaped', () => {
    for (const lang of ['nl', 'en'] as const) {
      const xsl = parseXml(renderFeedStylesheet(lang));
      expect(xsl.name).toBe('xsl:stylesheet');
      expect(xsl.attributes['version']).toBe('1.0');
    }
    const text = renderFeedStylesheet('nl');
    expect(text).toContain('select="rss/channel/item | atom:feed/atom:entry"');
    expect(text).toContain('&quot;Feed toevoegen&quot;');
    expect(text).toContain('<html lang="nl">');
    expect(renderFeedStylesheet('en')).toContain('<html lang="en">');
  });
});

describe('feeds are a function of the content, not of the clock', () => {
  it('gives the same RSS, Atom and iCalendar bytes at any minute of the same day', async () => {
    const { renderIcal } = await import('../../../src/feeds/render-ical.ts');
    const content = feedContentSet({ incidents: [brpOutage(), zwolleOpen()], maintenances: [upcomingMaintenance()] });
    // 11:00 and 23:30 in Amsterdam; neither an update nor a maintenance window falls in between.
    const [morning, evening] = [FEED_NOW, new Date('2026-11-27T22:30:00Z')].map((now) => buildReadModel(content, now));
    const utrecht = (model: typeof morning) => findMunicipality(model!, 'GM0344');
    for (const lang of ['nl', 'en'] as const) {
      for (const render of [renderRss, renderAtom, renderIcal]) {
        expect(render(siteFeedSource(evening!, lang))).toBe(render(siteFeedSource(morning!, lang)));
        expect(render(municipalityFeedSource(evening!, utrecht(evening!), lang))).toBe(render(municipalityFeedSource(morning!, utrecht(morning!), lang)));
      }
    }
    // An empty feed says the start of the day, not the minute it was built.
    const empty = buildReadModel(feedContentSet(), new Date('2026-11-27T22:30:00Z'));
    expect(textOf(child(parseXml(renderRss(siteFeedSource(empty, 'nl'))), 'channel'), 'lastBuildDate')).toBe('Thu, 26 Nov 2026 23:00:00 GMT');
  });
});
