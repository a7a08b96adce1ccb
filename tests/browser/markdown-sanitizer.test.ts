import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/ui/markdown/render-markdown';

declare global {
  interface Window {
    /** Set by a payload's script if it ever runs. */
    __pwned?: string;
  }
}

/** A URL on the test server's own origin, so any request to it surely shows up in resource timing. */
const beacon = (name: string): string => `${location.origin}/__exfil__/${name}?q=secret`;
const flag = (name: string): string => `window.__pwned='${name}'`;

const payloads: Record<string, string> = {
  'img onerror': `<img src="${beacon('img')}" onerror="${flag('img')}">`,
  'img onerror no quotes': `<img src=x onerror=${flag('img2')}>`,
  'svg onload': `<svg onload="${flag('svg')}"><circle r="5"/></svg>`,
  'svg image': `<svg><image href="${beacon('svg-image')}"/></svg>`,
  'script tag': `<script>${flag('script')}</script>`,
  'javascript: markdown link': `[click me](javascript:${flag('js-link')})`,
  'javascript: mixed case': `[click me](JaVaScRiPt:${flag('js-case')})`,
  'javascript: entity-split': `[click me](java&#09;script:${flag('js-entity')})`,
  'javascript: html link': `<a href="javascript:${flag('js-html')}">click</a>`,
  'javascript: autolink': `<javascript:${flag('js-auto')}>`,
  'data: link': '[open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'vbscript: link': '[open](vbscript:msgbox(1))',
  'data: image': '![pixel](data:image/png;base64,iVBORw0KGgo=)',
  iframe: `<iframe src="${beacon('iframe')}"></iframe>`,
  'iframe srcdoc': `<iframe srcdoc="<script>${flag('srcdoc')}</script>"></iframe>`,
  form: `<form action="${beacon('form')}"><input name="q" value="secret"><button>Go</button></form>`,
  'style url()': `<style>body { background: url(${beacon('style')}); }</style>`,
  'style attribute url()': `<div style="background-image: url(${beacon('style-attr')})">styled</div>`,
  'markdown image beacon': `![x](${beacon('md-image')})`,
  'markdown image beacon with title': `![chart](${beacon('md-image-title')} "Chart")`,
  'reference-style image': `![x][ref]\n\n[ref]: ${beacon('ref-image')}`,
  'link around image': `[![x](${beacon('nested-image')})](https://example.com/)`,
  'video poster': `<video src="${beacon('video')}" poster="${beacon('poster')}"></video>`,
  audio: `<audio src="${beacon('audio')}" autoplay></audio>`,
  'picture source': `<picture><source srcset="${beacon('srcset')}"><img src="${beacon('picture-img')}"></picture>`,
  object: `<object data="${beacon('object')}"></object>`,
  embed: `<embed src="${beacon('embed')}">`,
  'link stylesheet': `<link rel="stylesheet" href="${beacon('link')}">`,
  'link prefetch': `<link rel="prefetch" href="${beacon('prefetch')}">`,
  'meta refresh': `<meta http-equiv="refresh" content="0;url=${beacon('meta')}">`,
  'base href': `<base href="${beacon('base')}/">`,
  'table background': `<table background="${beacon('table-bg')}"><tr><td>x</td></tr></table>`,
  'details ontoggle': `<details open ontoggle="${flag('details')}"><summary>x</summary></details>`,
  'input autofocus onfocus': `<input autofocus onfocus="${flag('input')}">`,
  'body onload': `<body onload="${flag('body')}">`,
  'anchor ping': `<a href="https://example.com/" ping="${beacon('ping')}">ping</a>`,
  'mutation XSS via noscript': `<noscript><p title="</noscript><img src=x onerror=${flag('mxss')}>">`,
  'math xlink': `<math><mi xlink:href="javascript:${flag('math')}">x</mi></math>`,
  'html in table cell': `| a |\n|---|\n| <img src="${beacon('cell')}" onerror="${flag('cell')}"> |`,
  'background via css import': `<style>@import url(${beacon('import')});</style>`,
  'object in list': `- item <object data="${beacon('list-object')}"></object>`,
};

function resourceRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('__exfil__'));
}

afterEach(() => {
  document.querySelectorAll('.markdown-under-test').forEach((element) => element.remove());
  delete window.__pwned;
});

/** Puts rendered markdown into the live page, as the chat does. */
function show(markdown: string): HTMLElement {
  const container = document.createElement('div');
  container.className = 'markdown-under-test';
  container.innerHTML = renderMarkdown(markdown);
  document.body.append(container);
  return container;
}

describe('renderMarkdown against XSS and exfiltration', () => {
  it('the request detector sees a real image load (control)', async () => {
    const image = document.createElement('img');
    image.src = beacon('control');
    document.body.append(image);
    await new Promise((resolve) => image.addEventListener('error', resolve, { once: true }));
    expect(resourceRequests().some((name) => name.includes('control'))).toBe(true);
    image.remove();
    performance.clearResourceTimings();
  });

  it('neutralises every payload: no script, no media element, no request', async () => {
    performance.clearResourceTimings();
    const seen: string[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.name);
    });
    observer.observe({ type: 'resource' });
    const containers = Object.entries(payloads).map(([name, markdown]) => ({ name, container: show(markdown) }));
    // Give any load or handler time to happen.
    await new Promise((resolve) => setTimeout(resolve, 300));
    observer.disconnect();

    expect(window.__pwned).toBeUndefined();
    expect(resourceRequests()).toEqual([]);
    expect(seen.filter((name) => name.includes('__exfil__'))).toEqual([]);
    for (const { name, container } of containers) {
      const forbidden = container.querySelectorAll(
        'img, iframe, form, svg, math, script, style, video, audio, picture, source, object, embed, link, meta, base, input, details, noscript',
      );
      expect(forbidden.length, name).toBe(0);
      for (const element of container.querySelectorAll('*')) {
        for (const attribute of element.getAttributeNames()) {
          expect(attribute.startsWith('on'), `${name}: ${attribute}`).toBe(false);
          expect(['style', 'src', 'srcset', 'ping', 'background', 'action', 'poster', 'srcdoc'], `${name}: ${attribute}`).not.toContain(attribute);
        }
      }
      for (const anchor of container.querySelectorAll('a[href]')) {
        const href = anchor.getAttribute('href') ?? '';
        expect(['http:', 'https:', 'mailto:'], `${name}: ${href}`).toContain(new URL(href).protocol);
        expect(anchor.getAttribute('rel'), name).toBe('noopener noreferrer nofollow');
        expect(anchor.getAttribute('target'), name).toBe('_blank');
      }
    }
  });

  it('renders a markdown image as a link labelled with its alt text', () => {
    const container = show(`![quarterly chart](${beacon('chart')})`);
    const link = container.querySelector('a');
    expect(container.querySelector('img')).toBeNull();
    expect(link?.textContent).toBe('Image: quarterly chart');
    expect(link?.getAttribute('href')).toBe(beacon('chart'));
  });

  it('keeps ordinary markdown and safe links', () => {
    const container = show('# Title\n\n**bold** and `code`\n\n- one\n- two\n\n[docs](https://example.com/docs) and <mailto:a@example.com>');
    expect(container.querySelector('h1')?.textContent).toBe('Title');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelectorAll('li')).toHaveLength(2);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://example.com/docs', 'mailto:a@example.com']);
    for (const link of links) expect(link.rel).toBe('noopener noreferrer nofollow');
  });

  it('shows raw HTML as text instead of interpreting it', () => {
    const container = show('Before <b onclick="x()">bold?</b> after');
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<b onclick="x()">bold?</b>');
  });

  it('drops the target of a javascript: link but keeps its text', () => {
    const container = show(`[click me](javascript:${flag('text')})`);
    const anchor = container.querySelector('a');
    expect(container.textContent).toContain('click me');
    expect(anchor?.hasAttribute('href') ?? false).toBe(false);
  });
});
