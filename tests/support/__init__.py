"""Helpers the tests share (no test module imports another): the data, loaded lazily (dataset),
a copy of roadmap_data to break (datadir), the site built once (sitebuild), the browser helpers
(diagrams), Lighthouse (lighthouse) and the checks over every plan (roadmap_checks)."""
