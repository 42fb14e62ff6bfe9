import { toJsonDocument, type JsonDocument } from './json.js';
import type { DemoSummary, TourDemoResult, TourStatus } from './tour-summary.js';

/** The tour's `--json` document (docs/json.md): every demo's document, then the summary. */
export interface TourJsonDocument {
  tour: true;
  scale: number;
  seed: number;
  /** Present, and true, only when Ctrl-C stopped the tour. */
  interrupted?: true;
  /** Wall-clock milliseconds of the whole tour. */
  elapsedMs: number;
  /** One per demo that began, in the order they ran; each as `--json` prints it for that demo. */
  demos: TourDemo[];
  summary: TourJsonSummary[];
}

/** A demo's document; `error` says why it failed, when it did. */
export type TourDemo = JsonDocument & { error?: string };

export interface TourJsonSummary {
  demo: string;
  status: TourStatus;
  lesson: string | null;
  headlines: {
    group: string | null;
    slowest: string;
    fastest: string;
    /** To a hundredth; null when the fastest measured 0. */
    speedup: number | null;
    /** What was compared: `elapsedMs`, or the stat the group is ranked by. */
    measure: string;
  }[];
}

export interface TourDocumentParts {
  scale: number;
  seed: number;
  interrupted: boolean;
  elapsedMs: number;
  results: readonly TourDemoResult[];
  summary: readonly DemoSummary[];
}

export function toTourJsonDocument(parts: TourDocumentParts): TourJsonDocument {
  const { scale, seed, results } = parts;
  return {
    tour: true,
    scale,
    seed,
    ...(parts.interrupted ? { interrupted: true as const } : {}),
    elapsedMs: Math.round(parts.elapsedMs * 10) / 10,
    demos: results.map(({ demo, runs, error }) => {
      const own: TourDemo = toJsonDocument({ demo: demo.name, scale, seed, runs });
      if (error !== undefined) own.error = error;
      return own;
    }),
    summary: parts.summary.map((row) => ({
      demo: row.demo,
      status: row.status,
      lesson: row.lesson,
      headlines: row.headlines.map(({ group, slowest, fastest, speedup, by }) => ({
        group,
        slowest,
        fastest,
        speedup: speedup === null ? null : Math.round(speedup * 100) / 100,
        measure: by?.stat ?? 'elapsedMs',
      })),
    })),
  };
}

export function renderTourJson(parts: TourDocumentParts): string {
  return `${JSON.stringify(toTourJsonDocument(parts), null, 2)}\n`;
}
