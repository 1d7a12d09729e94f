import autocannon from 'autocannon';

/** The value at quantile `q` (0..1) of an ascending array. */
function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

function fire(options, onLatency) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (onLatency) instance.on('response', (_client, statusCode, _bytes, responseTime) => onLatency(statusCode, responseTime));
  });
}

/**
 * Runs one load test: a warm-up that is thrown away, then the measured run. Latencies are
 * taken from every response (sub-millisecond precision; autocannon's own histogram rounds to
 * whole milliseconds). `request` is an autocannon request object, usually with `setupRequest`.
 */
export async function measure({ url, headers = {}, request, connections, durationS, warmupS, timeoutS = 30 }) {
  const base = { url, connections, pipelining: 1, headers, requests: [request], timeout: timeoutS };
  if (warmupS > 0) await fire({ ...base, duration: warmupS });
  const latencies = [];
  const statuses = {};
  const result = await fire({ ...base, duration: durationS }, (status, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    latencies.push(ms);
  });
  latencies.sort((a, b) => a - b);
  const total = latencies.length;
  const ok = Object.entries(statuses).reduce((sum, [status, count]) => (status >= 200 && status < 300 ? sum + count : sum), 0);
  return {
    requestsPerSecond: total / result.duration,
    averagePerSecond: result.requests.average,
    total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    durationS: result.duration,
  };
}
