/** HTML extraction in Chromium's own DOMParser (Node has no DOM): main text, structure, nothing run or fetched. */
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/knowledge/chunk';
import { extractHtml } from '../../../src/knowledge/extract-html';

const paragraph = (topic: string): string =>
  `<p>${Array.from({ length: 6 }, (_, index) => `Sentence ${index} explains ${topic} in plain and patient words for the reader.`).join(' ')}</p>`;

const articlePage = `<!doctype html>
<html><head><title>Garden Guide | Example Site</title><style>p { color: red }</style></head>
<body>
  <nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/about">About us</a></nav>
  <header><p>Example Site — the best site</p></header>
  <main><article>
    <h1>Garden Guide</h1>
    ${paragraph('soil')}
    <h2>Watering</h2>
    ${paragraph('watering')}
    <p>Water tomatoes<br>early in the morning.</p>
    <h2>Pests</h2>
    ${paragraph('pests')}
    <table><tr><th>Pest</th><th>Remedy</th></tr><tr><td>Aphids</td><td>Soap spray</td></tr></table>
    <pre>  keep   spacing
as written</pre>
    <script>window.__extractRan = true;</script>
  </article></main>
  <aside>Related: buy our fertilizer now</aside>
  <footer><p>Copyright Example Site</p></footer>
</body></html>`;

describe('extractHtml', () => {
  it('takes the article: headings, paragraphs, line breaks, table rows and preformatted text; no boilerplate', () => {
    const { title, blocks } = extractHtml(articlePage);
    expect(title).toMatch(/Garden Guide/);
    const headings = blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
    expect(headings).toEqual(expect.arrayContaining(['Watering', 'Pests']));
    const texts = blocks.map((block) => block.text);
    expect(texts).toContain('Water tomatoes\nearly in the morning.');
    expect(texts).toContain('Pest | Remedy');
    expect(texts).toContain('Aphids | Soap spray');
    expect(texts).toContain('  keep   spacing\nas written');
    const all = texts.join('\n');
    expect(all).not.toMatch(/Home|Shop|About us|best site|fertilizer|Copyright/);
    expect(all).not.toContain('__extractRan');
    expect(all).not.toContain('color: red');
    // The watering paragraph comes after its heading and before the next.
    const watering = texts.findIndex((text) => text === 'Watering');
    expect(texts[watering + 1]).toMatch(/^Sentence 0 explains watering/);
  });

  it('chunks of an HTML page are named by their heading', () => {
    const chunks = chunkDocument(extractHtml(articlePage).blocks);
    const pests = chunks.find((chunk) => chunk.text.includes('explains pests'));
    expect(pests?.heading).toBe('Pests');
    expect(chunks.find((chunk) => chunk.text.includes('explains watering'))?.heading).toBe('Watering');
  });

  it('falls back to the body text when there is no article, without navigation or scripts', () => {
    const html = `<html><head><title>Short</title></head><body>
      <nav>Menu Menu</nav>
      <div>Opening hours: 9 to 5.</div><div>Closed on <b>Sundays</b>.</div>
      <script>document.title = 'changed'</script><noscript>Enable JS</noscript>
    </body></html>`;
    const { title, blocks } = extractHtml(html);
    expect(title).toBe('Short');
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Opening hours: 9 to 5.' },
      { kind: 'paragraph', text: 'Closed on Sundays.' },
    ]);
  });

  it('never runs scripts or handlers and never fetches what the page refers to', async () => {
    const flag = globalThis as { __htmlRan?: boolean };
    flag.__htmlRan = false;
    performance.clearResourceTimings();
    const hostile = `<html><body>
      <img src="/never-fetched.png" onerror="window.__htmlRan = true">
      <iframe src="/never-framed.html"></iframe>
      <link rel="stylesheet" href="/never-styled.css">
      <svg><script>window.__htmlRan = true</script></svg>
      <script>window.__htmlRan = true</script>
      <p>Harmless text.</p>
    </body></html>`;
    expect(extractHtml(hostile).blocks).toEqual([{ kind: 'paragraph', text: 'Harmless text.' }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(flag.__htmlRan).toBe(false);
    const fetched = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(fetched.filter((name) => /never-/.test(name))).toEqual([]);
  });
});
