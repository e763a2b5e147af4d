// Parses every Mermaid diagram in the given files with mermaid's own parser, under jsdom.
// .md files: each ```mermaid block; other files: the whole file. Exits 1 on the first parse error.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const key of ['navigator', 'Element', 'HTMLElement', 'SVGElement', 'DOMParser', 'MutationObserver']) {
  if (!(key in globalThis)) globalThis[key] = dom.window[key];
}
const mermaid = (await import('mermaid')).default;
mermaid.initialize({ startOnLoad: false });

let diagrams = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const blocks = file.endsWith('.md')
    ? [...text.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1])
    : [text];
  // A review of a graph too large to read says so instead of drawing it.
  if (blocks.length === 0 && file.endsWith('.md') && text.includes('too large to read as a diagram')) continue;
  if (blocks.length === 0) {
    console.error(`${file}: no mermaid diagram found`);
    process.exit(1);
  }
  for (const block of blocks) {
    try {
      await mermaid.parse(block);
      diagrams += 1;
    } catch (error) {
      console.error(`${file}: ${String(error.message ?? error).split('\n').slice(0, 3).join(' ')}`);
      process.exit(1);
    }
  }
}
console.log(`mermaid: ${diagrams} diagrams parsed`);
