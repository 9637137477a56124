-- wrk prints 50/75/90/99 with --latency; the bench needs p95: print exact percentiles (microseconds).
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES p50=%d p95=%d p99=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
