/**
 * Durations as people read them: milliseconds below a second, seconds with milliseconds above;
 * in the `unit` given, when several are shown side by side.
 */
export function formatDuration(ms: number, unit?: TimeUnit): string {
  const size = Math.abs(ms);
  if (unit === 's' || (unit === undefined && size >= 1000)) return `${(ms / 1000).toFixed(3)} s`;
  if (size >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** A difference with its sign, such as `+1.2 ms`. */
export function formatDifference(ms: number, unit?: TimeUnit): string {
  const sign = ms < 0 ? '−' : '+';
  return `${sign}${formatDuration(Math.abs(ms), unit)}`;
}

/** The unit of a set of durations shown together: seconds as soon as one of them reaches one. */
export type TimeUnit = 'ms' | 's';

export function unitFor(values: readonly number[]): TimeUnit {
  return values.some((ms) => Math.abs(ms) >= 1000) ? 's' : 'ms';
}

/** The time column of the live log: seconds since the variant started, to the millisecond. */
export function formatTimestamp(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(3)} s`;
}

export function formatSpeedup(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/**
 * A count with thousands separators: 1,000,000. Not `toLocaleString`: its first call loads ICU's
 * number formats, about 20 ms that every command would pay at start-up for a help text.
 */
export function formatCount(n: number): string {
  const [whole = '', fraction] = String(Math.round(Math.abs(n) * 1000) / 1000).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Seconds the way a user types them: 3 s, 0.5 s. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Text that came from the user, safe to echo on a terminal: control characters (C0, DEL, C1) and
 * bidirectional overrides are shown as escapes (`\x1b`, `\n`, `\u{202e}`) instead of acting.
 */
export function escapeControl(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching them is the point
    /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (char) => {
      const code = char.charCodeAt(0);
      if (char === '\n') return '\\n';
      if (char === '\r') return '\\r';
      if (char === '\t') return '\\t';
      return code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u{${code.toString(16)}}`;
    },
  );
}

/** A scenario duration, and what it lasts at this scale when that differs: `3 s`, `3 s → 0.9 s`. */
export function formatScaled(ms: number, scale: number): string {
  const scenario = formatSeconds(ms);
  return scale === 1 ? scenario : `${scenario} → ${formatSeconds(ms * scale)}`;
}

/**
 * A mean and its standard deviation in one unit, each to the precision formatDuration gives it:
 * `612 ± 12.3 ms`, `150 ± 0.3 ms`, `1.005 ± 0.003 s`.
 */
export function formatMeanSd(meanMs: number, sdMs: number, unit = unitFor([meanMs])): string {
  const [mean, sd] = [meanMs, sdMs].map((ms) => inUnit(ms, unit, placesFor(ms, unit)));
  return `${mean ?? ''} ± ${sd ?? ''} ${unit}`;
}

/** The lowest and highest of several measurements, in one unit: `598 … 631 ms`. */
export function formatRange(minMs: number, maxMs: number, unit = unitFor([maxMs])): string {
  const [low, high] = [minMs, maxMs].map((ms) => inUnit(ms, unit, placesFor(ms, unit)));
  return `${low ?? ''} … ${high ?? ''} ${unit}`;
}

/** A speedup and its standard deviation: `1.43 ± 0.11×`. */
export function formatSpeedupSd(ratio: number, sd: number): string {
  return `${ratio.toFixed(2)} ± ${sd.toFixed(2)}×`;
}

/** The decimals formatDuration gives a value in `unit`. */
function placesFor(ms: number, unit: TimeUnit): number {
  if (unit === 's') return 3;
  return Math.abs(ms) >= 100 ? 0 : 1;
}

function inUnit(ms: number, unit: TimeUnit, places: number): string {
  return (unit === 's' ? ms / 1000 : ms).toFixed(places);
}
