import { describe, expect, it } from 'vitest';
import { plural, pluralNoun } from '../../shared/plural';
import { formatCoverage } from '../../shared/coverage';

describe('plural (Intl.PluralRules, en-US)', () => {
  it('uses the singular only for exactly one', () => {
    expect(plural(0, 'meeting')).toBe('0 meetings');
    expect(plural(1, 'meeting')).toBe('1 meeting');
    expect(plural(2, 'meeting')).toBe('2 meetings');
    expect(plural(-1, 'item')).toBe('-1 item');
    expect(plural(1.5, 'item')).toBe('1.5 items');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'person', 'people')).toBe('1 person');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(0, 'reply', 'replies')).toBe('0 replies');
  });

  it('gives the noun alone for "x of n items"', () => {
    expect(pluralNoun(1, 'item')).toBe('item');
    expect(pluralNoun(0, 'item')).toBe('items');
  });

  it('reads "0 of 1 item" in the runner’s coverage, not "0 of 1 items"', () => {
    const none = { answered: 0, noImpact: 0, skipped: 0 };
    expect(formatCoverage({ ...none, covered: 0, discussed: 1, ratio: 0 })).toBe('0 of 1 item (0%)');
    expect(formatCoverage({ ...none, covered: 2, discussed: 3, ratio: 2 / 3 })).toBe('2 of 3 items (67%)');
  });
});
