import MarkdownIt from 'markdown-it';

/**
 * Markdown written by staff (incident updates, workarounds, postmortems, template variables) is
 * rendered with raw HTML disabled: `<script>` and friends come out as visible text. Links may
 * only point to http(s), mailto or relative addresses, so `javascript:` and `data:` links stay
 * plain text.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

const SAFE_LINK = /^(?:https?:|mailto:|\/|#|\.{0,2}\/)/i;

/** Whether a Markdown link may become a link: http(s), mailto or relative; anything else stays text. */
export function isSafeMarkdownLink(url: string): boolean {
  const normalised = url.trim().replace(/[\u0000-\u001f\u007f\s]+/g, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(normalised)) return /^(?:https?|mailto):/i.test(normalised);
  return SAFE_LINK.test(normalised) || !normalised.includes(':');
}

markdown.validateLink = isSafeMarkdownLink;

/** Renders trusted-shape HTML from untrusted Markdown. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Renders a short Markdown text that should not become a paragraph (e.g. inside a list item). */
export function renderInlineMarkdown(source: string): string {
  return markdown.renderInline(source);
}

/**
 * Markdown for e-mail bodies: the same sanitising renderer, but images stay text. A remote image
 * in a mail is a tracking pixel or an unreadable chart; a link the reader can choose to follow is not.
 */
const emailMarkdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false }).disable('image');
emailMarkdown.validateLink = markdown.validateLink;

export function renderEmailMarkdown(source: string): string {
  return emailMarkdown.render(source);
}
