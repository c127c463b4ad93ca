"""Settings of pages_bench's uncached server: the demo's, with the yardstick view's URLs."""

from cms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.bare_urls"
