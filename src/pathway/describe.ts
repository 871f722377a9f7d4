// Rules in words, for criteria narratives and reports.

import type { NormalizedRule, Pathway } from './types.js';

/** `rule` as an English phrase, using component names when the pathway gives them. @internal */
export function describeRule(rule: NormalizedRule, pathway?: Pathway): string {
  const name = (id: string): string => pathway?.components.find((c) => c.id === id)?.name ?? id;
  const walk = (r: NormalizedRule, nested: boolean): string => {
    if ('component' in r) return name(r.component);
    const [head, list] =
      'allOf' in r ? ['all of', r.allOf] : 'anyOf' in r ? ['one of', r.anyOf] : [`${r.nOf.n} of`, r.nOf.of];
    if (list.length === 1) return walk(list[0]!, nested);
    const text = `${head}: ${list.map((x) => walk(x, true)).join(', ')}`;
    return nested ? `(${text})` : text;
  };
  return walk(rule, false);
}
