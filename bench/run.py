"""`make bench`: every benchmark of the project, run side by side in one
process so their figures can be compared as ratios on this noisy machine.

Each module under bench/ that takes part exposes ``run() -> dict`` and, when
it reports a headline, a ``LINE`` format for it. Modules create and drop their
own databases, so nothing here touches test or demo data. The complaint-intake
line comes last, as the cases issue asks."""

import importlib
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

MODULES = [
    ("laws", "bench.laws_bench"),
    ("pages", "bench.pages_bench"),
    ("restart", "bench.restart_bench"),
    ("live", "bench.live_bench"),
    ("notify", "bench.notify_bench"),
    ("cases", "bench.cases_bench"),
]


def main():
    lines = []
    for name, module_name in MODULES:
        module = importlib.import_module(module_name)
        started = time.monotonic()
        result = module.run()
        print(f"{name}: finished in {time.monotonic() - started:.0f} s", flush=True)
        line_format = getattr(module, "LINE", None)
        if line_format:
            lines.append(line_format.format(**result))
        else:
            lines.append(f"{name}: " + " ".join(f"{key}={value}" for key, value in result.items()))
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
