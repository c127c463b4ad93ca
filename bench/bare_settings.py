"""Settings of the servers of pages_bench (uncached) and cases_bench: the demo's, with the
yardstick views' URLs (bench.bare_urls)."""

from cms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
