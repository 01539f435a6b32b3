/**
 * The Markdown escaper's shortcut (shared/export/markdownEscape.ts): a line the pattern of every
 * escaping context does not match is returned as it is, unwalked. On many random lines, built from
 * every character that can matter and plain ones, the shortcut answers as the walk does.
 */
import { describe, expect, it } from 'vitest';
import { escapeEachCharacter, escapeMarkdownLine } from '../../shared/export/markdownEscape';
import { seededRandom as random } from './helpers';

/** Every character some context escapes, and plain ones, letters of other scripts and spaces. */
const ALPHABET = [...'\\`*[]<|~_&#^>+=-.@:/$%()!?,;\'"0123456789 \u00a0\tabcxyzMAILTOmailto éßЖ文ά'];
const RUNS = 20_000;

describe('escaping a Markdown line', () => {
  it('answers as the character-by-character walk on 20,000 random lines, and leaves plain sentences alone', () => {
    const next = random(20261207);
    let unchanged = 0;
    for (let run = 0; run < RUNS; run++) {
      const length = Math.floor(next() * 24);
      const line = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]!).join('');
      const expected = escapeEachCharacter(line);
      expect(escapeMarkdownLine(line), JSON.stringify(line)).toBe(expected);
      if (expected === line) unchanged++;
    }
    expect(unchanged).toBeGreaterThan(RUNS / 20); // the lines reach both paths
    expect(unchanged).toBeLessThan(RUNS - RUNS / 20);
    for (const line of ['Decision 3 of meeting 300: ship the pricing page change', 'Context for item 1. Context for item 1.'])
      expect(escapeMarkdownLine(line)).toBe(line);
    for (const [line, escaped] of <[string, string][]>[
      ['see example.com', 'see example\\.com'],
      ['mailto:ana', 'mailto\\:ana'],
      ['1. first', '1\\. first'],
      ['a $x$ b', 'a \\$x\\$ b'],
    ])
      expect(escapeMarkdownLine(line)).toBe(escaped);
  });
});
