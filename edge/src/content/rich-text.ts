import xss, { type IFilterXSSOptions, type IWhiteList } from 'xss';

// Editors' rich text (articles, policies, projects, procedures) is stored only after this
// sanitiser: a small allow-list of formatting tags, links limited to web, mail and phone
// addresses (opened in a new tab without an opener), images only from the product's own media
// route. Everything else is dropped, with the bodies of <script> and <style>.

const ALLOWED: IWhiteList = {
  p: [],
  br: [],
  strong: [],
  b: [],
  em: [],
  i: [],
  u: [],
  s: [],
  h2: [],
  h3: [],
  h4: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  a: ['href', 'title', 'target', 'rel'],
  img: ['src', 'alt'],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

const SAFE_HREF = /^(https?:\/\/|mailto:|tel:)/i;
const SAFE_IMG = /^\/api\/v1\/media\/[A-Za-z0-9._/-]+$/;

// Options for xss's default export: its named FilterXSS class is not visible through the
// CommonJS interop of the Workers bundle, the default function is.
const OPTIONS: IFilterXSSOptions = {
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'noscript'],
  allowCommentTag: false,
  css: false,
  onTagAttr(tag, name, value) {
    if (tag === 'a' && name === 'href') {
      const href = value.trim();
      return SAFE_HREF.test(href) ? `href="${escapeAttr(href)}"` : '';
    }
    // Links always open outside the app, and never hand the opener to the target page.
    if (tag === 'a' && name === 'target') return 'target="_blank"';
    if (tag === 'a' && name === 'rel') return 'rel="noopener noreferrer"';
    if (tag === 'img' && name === 'src') {
      return SAFE_IMG.test(value.trim()) ? `src="${escapeAttr(value.trim())}"` : '';
    }
    return undefined;
  },
};

function escapeAttr(value: string): string {
  return value
    .replace(/&(?!amp;)/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;');
}

/** The stored form of an editor's HTML: allowed tags only, links made safe, whitespace trimmed. */
export function sanitizeRichText(html: string): string {
  const clean = xss(html, OPTIONS).trim();
  // Every link gets target/rel even when the editor wrote none.
  return clean.replace(
    /<a (?![^>]*target=)([^>]*)>/g,
    '<a $1 target="_blank" rel="noopener noreferrer">',
  );
}

/** The visible text of sanitised HTML: for search indexing, summaries and length limits. */
export function richTextToPlain(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h[2-4]|\/tr|\/blockquote)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
