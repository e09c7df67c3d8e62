import autocannon from 'autocannon';

/**
 * One bounded load run with autocannon (closed loop: each connection sends its next request
 * when the previous answer arrives). Latency is taken from autocannon's per-response event
 * (hrtime, fractional milliseconds) rather than its histogram, which keeps whole milliseconds
 * only. Only 2xx answers count towards throughput and latency; any other answer is reported.
 */
export type LoadSpec = {
  url: string;
  method?: 'GET' | 'POST';
  connections: number;
  seconds: number;
  /** Stop after this many requests instead (every answer awaited); `seconds` still bounds the run. */
  amount?: number;
  /** Rotated per request (one cookie header each). */
  cookies?: readonly string[];
  /** Rotated per request (JSON bodies). */
  bodies?: readonly string[];
  /** Rotated per request (paths on the URL's host), the n-th with the n-th cookie: one run over many URLs. */
  paths?: readonly string[];
};

export type LoadResult = {
  seconds: number; ok: number; non2xx: number; errors: number; timeouts: number;
  rps: number; p50: number; p90: number; p99: number; max: number;
};

/** One run's raw counts and 2xx latencies (ms), to be summarised alone or with other slices. */
export type LoadRaw = { seconds: number; ok: number; non2xx: number; errors: number; timeouts: number; latencies: Float64Array; statuses?: Record<number, number> };

/** At most this many latencies are kept (far above what 2 cores answer in a run). */
const MAX_SAMPLES = 2_000_000;

const percentile = (sorted: Float64Array, p: number): number =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

export const runLoadRaw = async (spec: LoadSpec): Promise<LoadRaw> => {
  const samples = new Float64Array(MAX_SAMPLES);
  let ok = 0;
  let non2xx = 0;
  const statuses: Record<number, number> = {};
  let i = 0;
  const cookies = spec.cookies ?? [];
  const bodies = spec.bodies ?? [];
  const paths = spec.paths ?? [];
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
    timeout: 10,
    headers: spec.method === 'POST' ? { 'content-type': 'application/json' } : {},
    requests: [{
      method: spec.method ?? 'GET',
      setupRequest: (req) => {
        const n = i++;
        const next = { ...req, headers: { ...req.headers } };
        if (cookies.length > 0) next.headers = { ...next.headers, cookie: cookies[n % cookies.length] ?? '' };
        if (bodies.length > 0) next.body = bodies[n % bodies.length] ?? '';
        if (paths.length > 0) next.path = paths[n % paths.length] ?? '/';
        return next;
      },
    }],
  });
  // The tracker emits (client, statusCode, bytes, responseTime in ms) for every answer.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) {
      if (ok < MAX_SAMPLES) samples[ok] = ms;
      ok++;
    } else {
      non2xx++;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  const stopper = spec.amount ? setTimeout(() => (instance as unknown as { stop: () => void }).stop(), spec.seconds * 1000) : null;
  const result = await instance;
  if (stopper) clearTimeout(stopper);
  return {
    seconds: result.duration, ok, non2xx, errors: result.errors, timeouts: result.timeouts,
    latencies: samples.slice(0, Math.min(ok, MAX_SAMPLES)), statuses,
  };
};

/** Throughput and latency percentiles over one or more slices (their durations and answers added up). */
export const summarise = (raws: readonly LoadRaw[]): LoadResult => {
  const all = new Float64Array(raws.reduce((n, r) => n + r.latencies.length, 0));
  let at = 0;
  for (const r of raws) { all.set(r.latencies, at); at += r.latencies.length; }
  all.sort();
  const sum = (f: (r: LoadRaw) => number): number => raws.reduce((n, r) => n + f(r), 0);
  const seconds = sum((r) => r.seconds);
  const ok = sum((r) => r.ok);
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    seconds: round(seconds), ok, non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts),
    rps: Math.round(ok / seconds),
    p50: round(percentile(all, 50)), p90: round(percentile(all, 90)), p99: round(percentile(all, 99)),
    max: round(all.length > 0 ? (all[all.length - 1] ?? Number.NaN) : Number.NaN),
  };
};

export const runLoad = async (spec: LoadSpec): Promise<LoadResult> => summarise([await runLoadRaw(spec)]);
