"""The class simulation (benchmarks/bench_class.py, make class): hub.py starts and
stops the hub, learner.py is one learner over HTTP, kernel.py the kernel
websocket and widget comms, browser.py a sampled learner in headless chromium,
run.py a class of N, report.py the figures."""
