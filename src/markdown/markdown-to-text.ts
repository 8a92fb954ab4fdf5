import MarkdownIt from 'markdown-it';
import { isSafeMarkdownLink } from './render-markdown.ts';

/** Parsing only: raw HTML stays text, exactly as the HTML renderer shows it. */
const parser = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
parser.validateLink = isSafeMarkdownLink;

type Token = ReturnType<typeof parser.parse>[number];

/**
 * Markdown typed by staff as the plain-text part of a mail reads it: no asterisks or backslashes,
 * lists as "- " or "1. " lines (nested ones indented), links as "text (url)", images as their
 * description, headings and paragraphs separated by one blank line. What the reader sees matches
 * the HTML part word for word.
 */
export function markdownToText(source: string): string {
  const blocks: Array<{ text: string; inList: boolean; afterList: boolean }> = [];
  let listEnded = false;
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let quoteDepth = 0;
  let pendingMarker: string | null = null;

  const emit = (text: string) => {
    const indent = '  '.repeat(Math.max(lists.length - 1, 0));
    const quote = '> '.repeat(quoteDepth);
    const lines = text.split('\n');
    const marker = pendingMarker;
    pendingMarker = null;
    const hanging = ' '.repeat(marker?.length ?? 0);
    blocks.push({ text: lines.map((line, index) => `${quote}${indent}${index === 0 ? (marker ?? '') : hanging}${line}`).join('\n'), inList: lists.length > 0, afterList: listEnded });
    listEnded = false;
  };

  for (const token of parser.parse(source, {})) {
    switch (token.type) {
      case 'bullet_list_open':
        lists.push({ ordered: false, next: 1 });
        break;
      case 'ordered_list_open':
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) listEnded = true;
        break;
      case 'list_item_open': {
        const list = lists.at(-1)!;
        pendingMarker = list.ordered ? `${list.next++}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quoteDepth += 1;
        break;
      case 'blockquote_close':
        quoteDepth -= 1;
        break;
      case 'inline':
        emit(inlineText(token.children ?? []));
        break;
      case 'fence':
      case 'code_block':
        emit(token.content.replace(/\n$/, ''));
        break;
      case 'hr':
        emit('----');
        break;
      default:
        break;
    }
  }
  return joinBlocks(blocks);
}

/** Lines of one list stay together; every other block is a paragraph of its own. */
function joinBlocks(blocks: ReadonlyArray<{ text: string; inList: boolean; afterList: boolean }>): string {
  return blocks.map((block, index) => (index === 0 ? '' : block.inList && blocks[index - 1]!.inList && !block.afterList ? '\n' : '\n\n') + block.text).join('');
}

function inlineText(children: readonly Token[]): string {
  let out = '';
  const links: Array<{ href: string; start: number }> = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        out += child.content;
        break;
      case 'softbreak':
      case 'hardbreak':
        out += '\n';
        break;
      case 'link_open':
        links.push({ href: String(child.attrGet('href') ?? ''), start: out.length });
        break;
      case 'link_close': {
        const link = links.pop();
        const label = link ? out.slice(link.start) : '';
        // A bare address written as a link is shown once, not as "url (url)".
        if (link && link.href && label !== link.href && `mailto:${label}` !== link.href) out += ` (${link.href})`;
        break;
      }
      case 'image': {
        const src = String(child.attrGet('src') ?? '');
        out += `${child.content}${src ? ` (${src})` : ''}`;
        break;
      }
      default:
        break;
    }
  }
  return out;
}
