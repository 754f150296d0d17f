import autocannon from 'autocannon';

/** What a run of one workload over many paths gives: every response's latency, not a histogram. */
export interface LatencyFigure {
  paths: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  target: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * GETs `paths` in turn at `connections` for `seconds`, signed in with `cookie` and asking as a
 * browser does (compressed answers accepted); p50/p95/p99 of every response (autocannon's own
 * histogram has no p95).
 */
export async function drivePaths(opts: {
  url: string;
  cookie: string;
  paths: string[];
  seconds: number;
  connections: number;
  target?: string;
}): Promise<LatencyFigure> {
  let i = 0;
  const latencies: number[] = [];
  const run = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: { cookie: opts.cookie, 'accept-encoding': 'gzip, deflate, br' },
    requests: [
      {
        setupRequest: (req: { path: string }) => {
          req.path = opts.paths[i++ % opts.paths.length];
          return req;
        },
      },
    ],
  });
  run.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
  });
  const result = await run;
  latencies.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    paths: opts.paths.length,
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / opts.seconds),
    p50: r(percentile(latencies, 50)),
    p95: r(percentile(latencies, 95)),
    p99: r(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    target: opts.target ?? 'p95 < 100 ms',
  };
}
