/**
 * Model output → safe HTML: markdown-it with raw HTML off, highlight.js for code, DOMPurify
 * over the result. Remote images are dropped (the CSP would block them anyway) and links keep
 * only http(s) and mailto targets.
 */
import MarkdownIt from "markdown-it";
import DOMPurify from "dompurify";
import hljs from "highlight.js/lib/common";

const md = new MarkdownIt({
  html: false,
  linkify: true,
  breaks: false,
  highlight(code: string, lang: string): string {
    try {
      if (lang && hljs.getLanguage(lang)) return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
      return hljs.highlightAuto(code).value;
    } catch {
      return "";
    }
  },
});

DOMPurify.addHook("afterSanitizeAttributes", (node: Element) => {
  if (node.tagName === "IMG") {
    const src = node.getAttribute("src") ?? "";
    if (!src.startsWith("data:image/")) {
      const alt = node.getAttribute("alt") ?? "image";
      node.replaceWith(document.createTextNode(`[image removed: ${alt}]`));
      return;
    }
  }
  if (node.tagName === "A") {
    const href = node.getAttribute("href") ?? "";
    if (!/^(https?:|mailto:)/i.test(href)) node.removeAttribute("href");
    node.setAttribute("rel", "noopener noreferrer");
    node.setAttribute("title", href);
  }
});

export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(md.render(text), {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ["style", "form", "input", "button", "iframe", "object", "embed", "svg", "math"],
    FORBID_ATTR: ["style"],
  });
}
