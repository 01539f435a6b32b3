/**
 * The injection corpus in every string field of a meeting: the Markdown renders (with raw HTML
 * allowed!) to text only, the CSV reads back with every formula neutralised, the JSON round-trips
 * exactly, and the HTML holds no markup from user text. The same HTML is checked in a real browser
 * in tests/e2e/export-html.spec.ts.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { meetingSchema, type Meeting } from '../../shared/domain';
import { ApiError } from '../../shared/errors';
import { CSV_HEADER, meetingsToCsv, neutralizeFormula } from '../../shared/export/csv';
import { meetingToHtml } from '../../shared/export/html';
import { meetingToJson, parseMeetingExport } from '../../shared/export/json';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { buildReportSync } from '../../shared/export/report';
import { escapeHtml, escapeMarkdownInline, isolateBidi } from '../../shared/export/text';
import { summarizeImpact } from '../../shared/summary/summary';
import { CORPUS, fillStrings, hostileCases } from './fixtures/corpus';
import { FIXTURE_EXPORTED_AT, fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

// html: true is the dangerous setting: raw HTML in the source would reach the output.
const renderers = [new MarkdownIt({ html: true }), new MarkdownIt({ html: true, linkify: true })];
const cases = hostileCases();

/** Tags our own Markdown template produces; anything else came from user text. */
const TEMPLATE_TAGS = new Set([
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'li',
  'strong',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'blockquote',
]);

function splitFrontMatter(markdown: string): { yaml: string; body: string } {
  expect(markdown.startsWith('---\n')).toBe(true);
  const end = markdown.indexOf('\n---\n', 3);
  expect(end).toBeGreaterThan(0);
  return { yaml: markdown.slice(4, end + 1), body: markdown.slice(end + 5) };
}

function tagsIn(html: string): { name: string; attrs: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));
}

/** Corpus entries that should show, whole, as text: one line, no surrounding whitespace. */
const singleLine = CORPUS.filter((entry) => !/[\r\n\t]/.test(entry) && entry === entry.trim());

describe('Markdown export with hostile text', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: front matter round-trips, body renders as text', (_name, c) => {
    const markdown = meetingToMarkdown(c.meeting, summarizeImpact(c.meeting, c.library), c.library);
    const { yaml, body } = splitFrontMatter(markdown);
    const front = parseYaml(yaml);
    expect(front.title).toBe(c.meeting.title);
    expect(front.lead).toBe(c.meeting.lead);
    expect(front.participants).toEqual(c.meeting.participants);
    expect(front.date).toBe(c.meeting.scheduledAt);

    for (const md of renderers) {
      const html = md.render(body);
      const tags = tagsIn(html);
      expect(tags.filter((t) => !TEMPLATE_TAGS.has(t.name)).map((t) => t.name)).toEqual([]);
      expect(html).not.toMatch(/<(a|img|script|iframe|style|svg)\b/i);
      // The only attribute markdown-it's template gives is the column alignment of our own tables.
      expect(tags.filter((t) => t.attrs.trim() && !/^ style="text-align:right"$/.test(t.attrs))).toEqual([]);
      // User text cannot add or remove sections: the outline is the template's.
      expect(tags.filter((t) => t.name === 'h1')).toHaveLength(2); // open and close
      expect(html.match(/<h2>/g)).toHaveLength(9);
    }
  });

  it('shows hostile text as the text that was typed', () => {
    const md = renderers[0]!;
    // The renderer is not harmless by itself: unescaped, the same text would come out as markup.
    expect(md.render('<img src=x onerror=alert(1)> [x](http://evil/)')).toMatch(/<img src=x onerror=alert\(1\)>.*<a href/);
    for (const entry of singleLine) {
      const meeting = { ...fixtureMeeting(), title: entry };
      const body = splitFrontMatter(meetingToMarkdown(meeting, summarizeImpact(meeting, fixtureLibrary()), fixtureLibrary())).body;
      expect(md.render(body)).toContain(`<h1>${md.utils.escapeHtml(isolateBidi(entry))}</h1>`);
    }
  });

  it('an escaped line renders back to exactly its text, whatever the characters (property)', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    const unit = fc.constantFrom(
      ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ '.split(''),
      'a',
      'Z',
      '1',
      '9',
      'é',
      'ب',
      '\u202E',
      '\u2066',
      '\t',
      'www.',
      'http://',
      'javascript:',
      '<a href="x">',
      '![i](',
      'mailto:',
      'example.com',
      'x@y.io',
      '.org',
      '1.',
      '---',
      '===',
      'amp;',
      '#x27;',
      'localhost',
      'пример.рф',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const expected = md.utils.escapeHtml(isolateBidi(text.replace(/\t+/g, ' ').trim()));
        const escaped = escapeMarkdownInline(text);
        const paragraph = md.render(escaped);
        expect(paragraph).toBe(expected ? `<p>${expected}</p>\n` : '');
        if (expected) {
          // The same inside a table cell, where "|" splits cells.
          const table = md.render(`| head |\n| --- |\n| ${escaped} |\n`);
          expect(table).toContain(`<td>${expected}</td>`);
          // In a heading (where trailing #s would close it) and on a list item's continuation line.
          expect(md.render(`# ${escaped}`)).toBe(`<h1>${expected}</h1>\n`);
          expect(md.render(`- a\\\n  ${escaped}`)).toBe(`<ul>\n<li>a<br>\n${expected}</li>\n</ul>\n`);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('HTML export with hostile text', () => {
  const allowed = new Set([
    'html',
    'head',
    'meta',
    'title',
    'style',
    'body',
    'main',
    'header',
    'dl',
    'dt',
    'dd',
    'section',
    'h1',
    'h2',
    'h3',
    'p',
    'div',
    'span',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'ul',
    'li',
    'article',
    'blockquote',
    'footer',
  ]);
  it.each(cases.map((c) => [c.name, c] as const))('%s: only template markup, user text escaped', (_name, c) => {
    const html = meetingToHtml(c.meeting, summarizeImpact(c.meeting, c.library), c.library);
    const withoutStyle = html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
    const tags = tagsIn(withoutStyle);
    expect(tags.filter((t) => !allowed.has(t.name)).map((t) => t.name)).toEqual([]);
    expect(withoutStyle.match(/<style>/g)).toHaveLength(1);
    for (const tag of tags) {
      // Attributes come from the template: no event handlers, no URLs.
      expect(tag.attrs).not.toMatch(/\son\w+\s*=|javascript:|href|src\s*=/i);
    }
    expect(withoutStyle.match(/<h2>/g)).toHaveLength(9);
  });

  it('escapes every user string it shows', () => {
    for (const entry of singleLine) {
      const meeting = { ...fixtureMeeting(), title: entry, lead: entry };
      const html = meetingToHtml(meeting, summarizeImpact(meeting, fixtureLibrary()), fixtureLibrary());
      expect(html).toContain(`<h1 dir="auto">${escapeHtml(entry)}</h1>`);
      expect(html).toContain(`<title>${escapeHtml(entry)}</title>`);
    }
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('CSV export with hostile text', () => {
  const TRIGGER = /^[=+\-@\t\r]/;

  it.each(cases.map((c) => [c.name, c] as const))('%s: reads back with every formula neutralised', (_name, c) => {
    const csv = meetingsToCsv([c.meeting], c.library);
    const records: string[][] = parseCsv(csv, { bom: true, record_delimiter: '\r\n', relax_column_count: false });
    expect(records[0]).toEqual([...CSV_HEADER]);
    const decisions = c.meeting.agenda.flatMap((item) => item.decisions);
    expect(records).toHaveLength(1 + decisions.length);
    for (const record of records) {
      expect(record).toHaveLength(CSV_HEADER.length);
      for (const cell of record) expect(cell).not.toMatch(TRIGGER);
    }
    // The text survives, only with the apostrophe in front where a formula could start.
    records.slice(1).forEach((record, i) => {
      expect(record[0]).toBe(neutralizeFormula(c.meeting.title));
      expect(record[3]).toBe(neutralizeFormula(decisions[i]!.text));
    });
  });

  it('quotes and neutralises any text (property)', () => {
    const unit = fc.constantFrom('a', 'é', ' ', ',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ';', '\uFF1D');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.string({ unit, maxLength: 10 }), (text, owner) => {
        const meeting = fixtureMeeting();
        const decision = meeting.agenda[0]!.decisions[0]!;
        decision.text = text;
        decision.owner = owner;
        const records: string[][] = parseCsv(meetingsToCsv([meeting], fixtureLibrary()), { bom: true, record_delimiter: '\r\n' });
        expect(records[1]![3]).toBe(neutralizeFormula(text));
        expect(records[1]![6]).toBe(neutralizeFormula(owner));
        for (const cell of records.flat()) expect(cell).not.toMatch(TRIGGER);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('JSON export with hostile text', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: round-trips exactly', (_name, c) => {
    const text = meetingToJson(c.meeting, null, c.library, { exportedAt: FIXTURE_EXPORTED_AT });
    expect(JSON.parse(text).meeting).toEqual(c.meeting);
  });

  it('refuses a meeting beyond the limits with a typed error that names the field', () => {
    const hostile = cases.find((c) => c.meeting.title.length === 20_000)!;
    let error: unknown;
    try {
      parseMeetingExport(meetingToJson(hostile.meeting, null, hostile.library, { exportedAt: FIXTURE_EXPORTED_AT }));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect((error as ApiError).issues?.map((issue) => issue.path)).toContain('meeting.title');
  });

  it('a valid meeting full of hostile text round-trips exactly through parseMeetingExport', () => {
    let n = 0;
    const PROSE = new Set(['notes', 'text']);
    const base = fixtureMeeting();
    // Hostile text in every free-text field, kept within what the schema accepts; ids and dates stay valid.
    const fill = <T>(value: T, key = ''): T => {
      if (typeof value === 'string') {
        if (/^(id|.*Id|at|.*At|dueDate|date|direction|status|source)$/.test(key)) return value;
        const entry = CORPUS[n++ % CORPUS.length]!;
        // A citation's currency is a code of at most 8 characters: hostile, but short.
        if (key === 'currency') return (entry.trim().slice(0, 8).trim() || 'x') as T;
        return (PROSE.has(key) ? entry : entry.trim().slice(0, 100).trim() || 'x') as T;
      }
      if (Array.isArray(value)) return value.map((v) => fill(v, key === 'personaIds' ? 'personaId' : key)) as T;
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, k)])) as T;
      return value;
    };
    const filled = fill(base);
    // Prose keeps its whitespace exactly, so a formula trigger can lead it.
    filled.agenda[0]!.notes = '\t=1+1';
    filled.agenda[0]!.answer!.text = '\r=1+1\n<script>alert(1)</script>';
    const meeting: Meeting = meetingSchema.parse(filled);
    expect(meeting.agenda[0]!.notes).toBe('\t=1+1');
    expect(JSON.stringify(meeting)).toContain('<img src=x onerror=alert(1)>');
    const parsed = parseMeetingExport(meetingToJson(meeting, null, fixtureLibrary(), { exportedAt: FIXTURE_EXPORTED_AT }));
    expect(parsed.meeting).toEqual(meeting);
  });
});

describe('multi-meeting report with hostile text', () => {
  it('Markdown and HTML reports carry no markup from user text', () => {
    const meetings = cases.map((c) => c.meeting);
    const library = cases[cases.length - 1]!.library;
    const md = buildReportSync(meetings, library, { format: 'md', generatedAt: FIXTURE_EXPORTED_AT });
    const body = splitFrontMatter(md).body;
    for (const renderer of renderers) {
      const html = renderer.render(body);
      expect(
        tagsIn(html)
          .filter((t) => !TEMPLATE_TAGS.has(t.name))
          .map((t) => t.name),
      ).toEqual([]);
    }
    const html = buildReportSync(meetings, library, { format: 'html', generatedAt: FIXTURE_EXPORTED_AT }).replace(
      /<style>[\s\S]*?<\/style>/,
      '',
    );
    expect(html).not.toMatch(/<(a|img|script|iframe|svg)\b/i);
    for (const tag of tagsIn(html)) expect(tag.attrs).not.toMatch(/\son\w+\s*=|javascript:|href|src\s*=/i);
  });

  it('the walker really reaches every string field', () => {
    const marker = '\u0000MARK';
    const filled = fillStrings(fixtureMeeting(), () => marker);
    const strings: string[] = [];
    const collect = (value: unknown, key = '') => {
      if (typeof value === 'string' && !['direction', 'status', 'source'].includes(key)) strings.push(value);
      else if (Array.isArray(value)) value.forEach((v) => collect(v, key));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => collect(v, k));
    };
    collect(filled);
    expect(strings.length).toBeGreaterThan(100);
    expect(strings.every((s) => s === marker)).toBe(true);
  });
});
