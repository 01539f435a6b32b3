/**
 * The Markdown export reads as a person would write it: plain text carries no backslashes, and the
 * front matter means the same to YAML 1.1 readers (gray-matter, on js-yaml, as Obsidian-like tools
 * and static site generators use) as to YAML 1.2 readers (the yaml package).
 */
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { meetingToMarkdown } from '../../shared/export/markdown';
import { escapeMarkdownInline } from '../../shared/export/text';
import { summarizeImpact } from '../../shared/summary/summary';
import { CORPUS } from './fixtures/corpus';
import { fixtureLibrary, fixtureMeeting } from './fixtures/meeting';

const exportOf = (title: string, lead = 'Dana (lead)') => {
  const meeting = { ...fixtureMeeting(), title, lead };
  return meetingToMarkdown(meeting, summarizeImpact(meeting, fixtureLibrary()), fixtureLibrary());
};

describe('Markdown a person would write', () => {
  it.each([
    'Sample: Q3 pricing',
    'go/no-go',
    'Dana (lead)',
    '50% off in Q1!',
    "What's next? A, B; C",
    'v1.2 = done - mostly',
    'Pay $5 a month + tax',
    'C# and F# clients',
    'snake_case_name',
    'Mobile #2',
  ])('%s stays as typed', (text) => {
    expect(escapeMarkdownInline(text)).toBe(text);
  });

  it('escapes only where the character would act as markup there', () => {
    expect(escapeMarkdownInline('# heading')).toBe('\\# heading');
    expect(escapeMarkdownInline('- list')).toBe('\\- list');
    expect(escapeMarkdownInline('1. first')).toBe('1\\. first');
    expect(escapeMarkdownInline('*bold* and _em_')).toBe('\\*bold\\* and \\_em\\_');
    expect(escapeMarkdownInline('see example.com')).toBe('see example\\.com');
    expect(escapeMarkdownInline('tag #mobile')).toBe('tag \\#mobile');
    expect(escapeMarkdownInline('==mark== $x$')).toBe('\\=\\=mark\\=\\= \\$x\\$');
    expect(escapeMarkdownInline('<b>&amp;</b>')).toBe('\\<b>\\&amp;\\</b>');
  });

  it('a plain meeting has no backslash in its title, lead or heading lines', () => {
    const markdown = exportOf('Sample: Q3 pricing go/no-go');
    expect(markdown).toContain('\n# Sample: Q3 pricing go/no-go\n');
    expect(markdown).toContain('- Lead: Dana (lead)\n');
  });
});

describe('front matter under YAML 1.1 and 1.2', () => {
  const traps = [
    '2026-11-24',
    '1:30',
    '12:30:45',
    '0b101',
    '0x1F',
    '0o17',
    '017',
    'Yes',
    'no',
    'off',
    'ON',
    'y',
    'N',
    '~',
    'null',
    '.inf',
    '-.NaN',
    '1e3',
    '+12',
    '<<',
  ];

  it.each([...traps, ...CORPUS.filter((entry) => entry.length < 500)].map((t) => [JSON.stringify(t).slice(0, 60), t] as const))(
    'title %s reads the same in both',
    (_name, title) => {
      const markdown = exportOf(title, title);
      const yaml11 = matter(markdown).data as Record<string, unknown>;
      const end = markdown.indexOf('\n---\n', 3);
      const yaml12 = parseYaml(markdown.slice(4, end + 1)) as Record<string, unknown>;
      expect(yaml11.title).toBe(title);
      expect(yaml12.title).toBe(title);
      expect(yaml11.lead).toBe(title);
      expect(yaml11.date).toBe(yaml12.date);
      expect(typeof yaml11.date).toBe('string');
      expect(yaml11.participants).toEqual(yaml12.participants);
      expect(yaml11.coverage).toEqual(yaml12.coverage);
    },
  );
});
