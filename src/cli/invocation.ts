import type { AnyDemo } from '../engine/demo.js';
import type { CommonOptions } from './flags.js';

export type { CommonOptions } from './flags.js';

export interface DemoInvocation {
  kind: 'demo';
  demo: AnyDemo;
  /** Chosen by flags, in the demo's order; every variant but the opt-in ones when none was. */
  variants: string[];
  /** Variants a full run left out because of the options given (`optInWhen`). */
  leftOut: string[];
  options: Record<string, unknown>;
  common: CommonOptions;
}

export interface ServeInvocation {
  kind: 'serve';
  port: number;
  host: string;
  scale: number;
  color: boolean;
  /** No line per request. */
  quiet: boolean;
}

/** The common options the tour takes: those that mean the same for every demo. */
export type TourOptions = Pick<
  CommonOptions,
  'scale' | 'seed' | 'json' | 'code' | 'quiet' | 'color' | 'trace' | 'html'
>;

export interface TourInvocation {
  kind: 'tour';
  /** Chosen by --only (in its order) or --skip (in the registry's). */
  demos: AnyDemo[];
  /** Wait for Enter between demos (only when stdin and stdout are terminals). */
  pause: boolean;
  common: TourOptions;
}

/** What the command line asks for; parsing never runs anything. */
export type Invocation =
  | { kind: 'list'; json: boolean; color: boolean }
  | DemoInvocation
  | TourInvocation
  | ServeInvocation
  /** Help or version text, ready to print on stdout. */
  | { kind: 'text'; text: string };
