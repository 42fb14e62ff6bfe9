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

/** What the command line asks for; parsing never runs anything. */
export type Invocation =
  | { kind: 'list'; json: boolean; color: boolean }
  | DemoInvocation
  | ServeInvocation
  /** Help or version text, ready to print on stdout. */
  | { kind: 'text'; text: string };
