import type { AnyDemo } from '../engine/demo.js';

export interface VariantChoice {
  /** The variants to run, in the demo's order. */
  variants: string[];
  /** Variants a full run left out because of the options given (`optInWhen`). */
  leftOut: string[];
}

/**
 * The variants given as flags, or, when none was, every variant but the opt-in ones and those
 * the options make opt-in (a sequential run of a million workers).
 */
export function chooseVariants(
  demo: AnyDemo,
  flagged: readonly string[],
  options: unknown,
): VariantChoice {
  const names = Object.keys(demo.variants);
  if (flagged.length > 0)
    return { variants: names.filter((n) => flagged.includes(n)), leftOut: [] };
  const leftOut = names.filter((name) => demo.variants[name]?.optInWhen?.(options) === true);
  const variants = names.filter(
    (name) => demo.variants[name]?.optIn !== true && !leftOut.includes(name),
  );
  return { variants, leftOut };
}

/** The variants a default run never includes: the flag must be given. */
export function optInVariants(demo: AnyDemo): string[] {
  return Object.keys(demo.variants).filter((name) => demo.variants[name]?.optIn === true);
}
