// Markdown of a card's answer as HTML for the card panel. Pack text is data, not markup: raw HTML
// in it is shown as text (escaped), and links keep only http(s) and mailto targets. The webview's
// CSP would block scripts anyway; this keeps injected elements (forms, images, iframes) out too.
import { Marked, type Tokens } from 'marked';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const SAFE_HREF = /^(https?:|mailto:)/i;

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => escapeHtml(t.text),
    image: (t: Tokens.Image) => escapeHtml(t.text || t.href), // no remote loads: an image shows as its alt text
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, t: Tokens.Link) {
      const inner = this.parser.parseInline(t.tokens);
      return SAFE_HREF.test(t.href) ? `<a href="${escapeHtml(t.href)}">${inner}</a>` : inner;
    },
  },
});

/** HTML for a card's Markdown (GFM: paragraphs, lists, emphasis, code, tables); raw HTML escaped. */
export function renderCardMarkdown(markdown: string): string {
  return marked.parse(markdown, { async: false }) as string;
}

/** Inline Markdown (one line: a key point, a weak answer), without the surrounding paragraph. */
export function renderInlineMarkdown(markdown: string): string {
  return marked.parseInline(markdown, { async: false }) as string;
}
