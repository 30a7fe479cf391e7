-- wrk script: every request carries the bearer token from the environment.
local token = os.getenv("CONCIERGE_BENCH_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
