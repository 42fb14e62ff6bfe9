/** How the runs of an asyncio twin are named beside the Node runs they mirror. */

/** Lanes of the twin are told from the Node ones by this ending: `Alice · py`. */
export const TWIN_TASK_SUFFIX = ' · py';
const TWIN_VARIANT_SUFFIX = ' (asyncio)';

/** The table row and chart title of a variant's twin: `concurrent (asyncio)`. */
export function twinVariantName(variant: string): string {
  return `${variant}${TWIN_VARIANT_SUFFIX}`;
}

/** The Node names of a twin run's variant and tasks, for the JSON document. */
export function withoutTwinSuffix(name: string): string {
  for (const suffix of [TWIN_VARIANT_SUFFIX, TWIN_TASK_SUFFIX]) {
    if (name.endsWith(suffix)) return name.slice(0, -suffix.length);
  }
  return name;
}
