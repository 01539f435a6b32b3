/**
 * The text index's vocabulary (electron/service/ledger/vocabulary.ts): a snapshot's names are found
 * by their sorted place, before any name → id map is made (the first search after start makes
 * none), and the same ids come back once the map exists and names are added after the sort.
 */
import { describe, expect, it } from 'vitest';
import { Vocabulary } from '../../electron/service/ledger/vocabulary';

const NAMES = ['pric', 'ship', 'onboard', 'zeppelin', 'account', 'price', 'churn', 'a', 'ab', 'abc'];

function fromSnapshot(): Vocabulary {
  const built = new Vocabulary([...NAMES]); // sorted when made
  return new Vocabulary([...NAMES], built.sorted);
}

describe('the vocabulary', () => {
  it('finds every name of a snapshot by its sorted place, and none it lacks', () => {
    const vocabulary = fromSnapshot();
    NAMES.forEach((name, id) => expect(vocabulary.lookup(name), name).toBe(id));
    for (const missing of ['', 'pri', 'prices', 'zz', 'aa', 'abcd']) expect(vocabulary.lookup(missing), missing).toBeUndefined();
    expect([...vocabulary.startingWith('pri')].map((id) => NAMES[id]).sort()).toEqual(['pric', 'price']);
  });

  it('gives the same ids once names are added after the sort (the map made then), the new ones too', () => {
    const vocabulary = fromSnapshot();
    expect(vocabulary.id('prices')).toBe(NAMES.length); // added: not in the sorted order yet
    expect(vocabulary.id('ship')).toBe(NAMES.indexOf('ship'));
    NAMES.forEach((name, id) => expect(vocabulary.lookup(name), name).toBe(id));
    expect(vocabulary.lookup('prices')).toBe(NAMES.length);
    expect([...vocabulary.startingWith('pric')].map((id) => vocabulary.names[id]).sort()).toEqual(['pric', 'price', 'prices']);
    expect(vocabulary.inOrder()).toBe(false); // a write sorts first (freeze)
    vocabulary.sort();
    expect(vocabulary.inOrder()).toBe(true);
  });

  it('tells a sorted order that is not the names in order (the write refuses it)', () => {
    const sorted = new Vocabulary([...NAMES]).sorted.slice();
    [sorted[0], sorted[1]] = [sorted[1]!, sorted[0]!];
    expect(new Vocabulary([...NAMES], sorted).inOrder()).toBe(false);
    expect(fromSnapshot().inOrder()).toBe(true);
  });
});
