import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FILE_NAME, FILE_NAME_MAX_CHARS, meetingFileName, safeBaseName, safeFileName } from '../../shared/export/fileName';

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** What every OS accepts: the checks a name must pass whatever title it came from. */
function expectSafe(name: string, extension: string): void {
  expect(name.endsWith(`.${extension}`)).toBe(true);
  const base = name.slice(0, -extension.length - 1);
  expect(base.length).toBeGreaterThan(0);
  // eslint-disable-next-line no-control-regex -- control characters are what must not be there
  expect(base).not.toMatch(/[<>:"/\\|?*\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
  expect(base).not.toMatch(/[ .]$/);
  expect(base).not.toMatch(/^[ .-]/);
  expect(WINDOWS_DEVICE.test(base.split('.')[0]!.trim())).toBe(false);
  expect([...base].length).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
  expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
}

describe('safe file names', () => {
  it.each([
    ['Pricing page review', 'Pricing page review'],
    ['Q3: pricing / onboarding?', 'Q3- pricing - onboarding-'],
    ['a<b>c:d"e/f\\g|h?i*j', 'a-b-c-d-e-f-g-h-i-j'],
    ['  ..hidden  ', 'hidden'],
    ['trailing dots...', 'trailing dots'],
    ['--rm -rf', 'rm -rf'],
    ['CON', 'CON_'],
    ['con.notes', 'con_.notes'],
    ['nul .tar', 'nul_.tar'],
    ['LPT9', 'LPT9_'],
    ['COM¹', 'COM¹_'],
    ['Console', 'Console'],
    ['evil\u202Efdp.exe', 'evil fdp.exe'],
    ['tab\there\nnewline\u0000nul', 'tab here newline nul'],
    ['', FALLBACK_FILE_NAME],
    ['   ', FALLBACK_FILE_NAME],
    ['...', FALLBACK_FILE_NAME],
    ['///', FALLBACK_FILE_NAME],
    ['\u200B\u200F', FALLBACK_FILE_NAME],
    ['\u200D\u0301', FALLBACK_FILE_NAME],
  ])('%j → %j', (title, expected) => {
    expect(safeBaseName(title)).toBe(expected);
    expectSafe(safeFileName(title, 'md'), 'md');
  });

  it('bounds the length without splitting a character or an emoji sequence', () => {
    expect(safeBaseName('x'.repeat(20_000))).toHaveLength(FILE_NAME_MAX_CHARS);
    const family = '👩‍👩‍👧‍👦';
    const name = safeBaseName(family.repeat(40));
    expect(name.length % family.length).toBe(0);
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(200);
    expect(safeBaseName(`${'a'.repeat(79)} .b`)).toBe('a'.repeat(79));
  });

  it('prefixes the meeting date so exports sort by date', () => {
    expect(meetingFileName({ title: 'Pricing: v2', scheduledAt: '2026-11-24T09:30:00.000Z' }, 'html')).toBe('2026-11-24 Pricing- v2.html');
  });

  it('is safe for any title (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        ':',
        '"',
        '/',
        '\\',
        '|',
        '?',
        '*',
        '.',
        ' ',
        '-',
        '\u0000',
        '\u001F',
        '\u202E',
        '\u200B',
        'é',
        '😀',
        'CON',
        'lpt1',
        'ب',
      ),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), fc.constantFrom('md', 'html', 'csv', 'json'), (parts, extension) => {
        expectSafe(safeFileName(parts.join(''), extension), extension);
      }),
      { numRuns: 3000 },
    );
  });
});
