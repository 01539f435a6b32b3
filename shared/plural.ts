/**
 * Counts with a noun ("1 meeting", "0 meetings"): the one place the app picks singular or plural,
 * through Intl.PluralRules so the choice follows the language's rules and not `count === 1`
 * (which is also wrong for 1.5 or -1). The text is English; the rules are en-US's, on every machine.
 */
const rules = new Intl.PluralRules('en-US');

/** The noun alone, in the form that goes with `count` ("of 1 item"). `other` defaults to `one` + "s". */
export function pluralNoun(count: number, one: string, other = `${one}s`): string {
  return rules.select(count) === 'one' ? one : other;
}

/** The count and its noun: plural(0, 'meeting') is "0 meetings", plural(1, 'item') "1 item". */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${pluralNoun(count, one, other)}`;
}
