import type { Language } from '../domain/index.ts';
import { paths } from '../site/urls.ts';
import { escapeXml } from './xml.ts';

/**
 * The XSLT 1.0 stylesheet the RSS and Atom feeds point to (`<?xml-stylesheet?>`): a browser that
 * opens a feed shows a readable page (what a feed is, how to follow it, how to get e-mail
 * instead, the latest items) instead of raw XML. Feed readers ignore the processing instruction
 * and read the same XML as before. No script and no inline style: the page's CSS is a file of its
 * own (the feeds' CSP allows only the site's own files).
 */

const WORDS = {
  nl: {
    notice: 'Dit is een feed: een lijst met de laatste berichten die een feedlezer automatisch ophaalt.',
    whatHeading: 'Wat is een feed?',
    what: 'Met een feedlezer ziet u nieuwe storingen en onderhoud zonder zelf de statuspagina te openen. De feedlezer kijkt regelmatig of er iets nieuws is.',
    howHeading: 'Zo volgt u deze feed',
    steps: [
      'Kopieer het adres van deze pagina uit de adresbalk van uw browser.',
      'Open uw feedlezer, bijvoorbeeld Outlook, Thunderbird, Feedly of Inoreader.',
      'Kies "Feed toevoegen" of "Abonneren" en plak het adres.',
    ],
    mail: 'Liever een e-mail bij storingen en onderhoud?',
    mailLink: 'Meld u aan op de statuspagina',
    latestHeading: 'Laatste berichten',
    none: 'Er zijn nog geen berichten.',
    back: 'Naar de statuspagina',
  },
  en: {
    notice: 'This is a feed: a list of the latest messages that a feed reader fetches automatically.',
    whatHeading: 'What is a feed?',
    what: 'With a feed reader you see new incidents and maintenance without opening the status page yourself. The feed reader checks regularly for anything new.',
    howHeading: 'How to follow this feed',
    steps: [
      "Copy this page's address from your browser's address bar.",
      'Open your feed reader, for example Outlook, Thunderbird, Feedly or Inoreader.',
      'Choose "Add feed" or "Subscribe" and paste the address.',
    ],
    mail: 'Rather get an e-mail about incidents and maintenance?',
    mailLink: 'Subscribe on the status page',
    latestHeading: 'Latest messages',
    none: 'There are no messages yet.',
    back: 'To the status page',
  },
} as const satisfies Record<Language, unknown>;

/** Where the stylesheet of a language's feeds lives (site-relative, so it works on any host). */
export function feedStylesheetPath(lang: Language): string {
  return `${lang === 'en' ? '/en' : ''}/feeds/feed.xsl`;
}

export const FEED_CSS_PATH = '/feeds/feed.css';

/** The processing instruction that goes right after the XML declaration of a feed. */
export function feedStylesheetInstruction(lang: Language): string {
  return `<?xml-stylesheet type="text/xsl" href="${feedStylesheetPath(lang)}"?>`;
}

export function renderFeedStylesheet(lang: Language): string {
  const w = WORDS[lang];
  const t = (text: string) => escapeXml(text);
  const title = 'rss/channel/title | atom:feed/atom:title';
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="no"/>
<xsl:template match="/">
<html lang="${lang}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="${title}"/> (feed)</title>
<link rel="stylesheet" href="${FEED_CSS_PATH}"/>
</head>
<body>
<main>
<p class="feed-notice">${t(w.notice)}</p>
<h1><xsl:value-of select="${title}"/></h1>
<h2>${t(w.whatHeading)}</h2>
<p>${t(w.what)}</p>
<h2>${t(w.howHeading)}</h2>
<ol>${w.steps.map((step) => `<li>${t(step)}</li>`).join('')}</ol>
<p>${t(w.mail)} <a href="${paths.home(lang)}#subscribe-heading">${t(w.mailLink)}</a>.</p>
<h2>${t(w.latestHeading)}</h2>
<xsl:choose>
<xsl:when test="rss/channel/item | atom:feed/atom:entry">
<ul class="feed-items">
<xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
<li><a href="{link | atom:link[@rel='alternate']/@href}"><xsl:value-of select="title | atom:title"/></a></li>
</xsl:for-each>
</ul>
</xsl:when>
<xsl:otherwise><p>${t(w.none)}</p></xsl:otherwise>
</xsl:choose>
<p><a href="${paths.home(lang)}">${t(w.back)}</a></p>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
`;
}

/** The feed page's CSS: readable type, WCAG AA contrast, visible focus, dark mode. */
export const FEED_CSS = `body{font-family:"Noto Sans",system-ui,sans-serif;font-size:1.125rem;line-height:1.5;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
a{color:#0b4f8a}a:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px}
.feed-notice{border-left:6px solid #0b4f8a;background:#e5f1fa;padding:.5rem 1rem}
.feed-items li{margin:.5rem 0}
@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#0f1620}a{color:#8fb8f0}a:focus-visible{outline-color:#8fb8f0}.feed-notice{background:#10263a;border-color:#8fb8f0}}
`;
