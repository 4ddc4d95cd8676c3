import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Role } from '../src/contracts/roles';
import type { AppContext } from '../src/server/context';
import type { Executor } from '../src/server/db/client';
import type { Actor, RoleAssignment } from '../src/server/platform/access';

/** One HTTP request that autocannon repeats. */
export interface BenchRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** bodies to cycle through, one per request (e.g. reports spread over many communities) */
  bodies?: string[];
  /** a header given a new value on every request (e.g. an Idempotency-Key) */
  uniqueHeader?: string;
}

/** What a case's setup may use. It runs in the app's process, after the app is listening. */
export interface BenchEnv {
  ctx: AppContext;
  /** the full app, e.g. http://127.0.0.1:41234 */
  url: string;
  /**
   * Signs in over HTTP as a user with `role` at `place` (created once, with a strong password):
   * the actor and the headers (cookie, CSRF token, JSON) its requests send.
   */
  signInAs(
    role: Role,
    place: Partial<Omit<RoleAssignment, 'role'>>,
  ): Promise<{ actor: Actor; headers: Record<string, string> }>;
  /** the generated (city) street with the most communities */
  busiestCityStreet(): Promise<{ id: number; districtId: number; name: string; communities: number }>;
  /** runs `fn` on a database handle that records each SQL statement with its parameters */
  captureSql(fn: (db: Executor) => Promise<unknown>): Promise<{ text: string; params: unknown[] }[]>;
}

/**
 * A benchmark: the same work through the full app (session, policy, validation, query,
 * serialisation) and through a bare Fastify route that runs the same SQL on a plain pg Pool.
 * Files in bench/cases/ export one case or an array of them as default; nothing else to register.
 */
export interface BenchCase<S = unknown> {
  name: string;
  setup(env: BenchEnv): Promise<S>;
  /** the request to the full app */
  full(state: S): BenchRequest;
  bare: {
    /**
     * Where the baseline runs: `bare` (default) is a Fastify instance with no plugins on another
     * port; `app` is the full app's own stack (its plugins and hooks, no session), for cases whose
     * issue compares against one insert "through the same HTTP stack".
     */
    stack?: 'bare' | 'app';
    /** registers the baseline route (paths under /bench-bare/ when the stack is `app`) */
    route(app: FastifyInstance, pool: pg.Pool, state: S): void;
    /** the request to that route */
    request(state: S): BenchRequest;
  };
  /** checked once before the load: do both answer the same? a message when they do not */
  compare?(full: unknown, bare: unknown): string | null;
}

export function defineCase<S>(c: BenchCase<S>): BenchCase<S> {
  return c;
}

/**
 * Work that is not an HTTP request (the SLA sweep ...): timed once in the app's process after the
 * HTTP cases, on the same database.
 */
export interface TimedCase {
  kind: 'timed';
  name: string;
  run(env: BenchEnv): Promise<TimedResult>;
}

export interface TimedResult {
  seconds: number;
  /** what was done, for the table (e.g. "20,000 escalated among 1,000,000 open") */
  detail: string;
  metrics?: Record<string, number>;
}

export function defineTimed(c: Omit<TimedCase, 'kind'>): TimedCase {
  return { kind: 'timed', ...c };
}

/** What the app process reports to the load generator for each case. */
export interface PreparedCase {
  name: string;
  full: BenchRequest;
  bare: BenchRequest;
  /** the baseline is served by the full app's stack */
  bareOnApp?: boolean;
}
