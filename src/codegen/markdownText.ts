// User text (a project name, a class name) inside generated Markdown, shown as the very characters typed:
// HTML is written as entities (Jupyter renders raw HTML in Markdown cells), every Markdown and math
// ($, MathJax) sign is backslash-escaped, and line breaks become spaces so a name cannot start a heading,
// a list or a code fence.
const MARKDOWN_SIGNS = /[\\`*_{}[\]()#+\-.!|~$:]/g;

export function markdownText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_SIGNS, (sign) => `\\${sign}`);
}
