"""Compile locale/*/LC_MESSAGES/*.po into .mo with polib (a Wagtail
dependency), so set-up needs no system gettext."""

import pathlib
import sys

import polib

base = pathlib.Path(__file__).resolve().parent.parent
# The project catalogue (locale/) and each app's own (cases/locale/, …).
catalogues = [
    path for path in sorted(base.glob("**/locale/*/LC_MESSAGES/*.po"))
    if not {".venv", "node_modules"} & set(path.relative_to(base).parts)
]
count = 0
for po_path in catalogues:
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    count += 1
print(f"compiled {count} message catalogue(s)", file=sys.stderr)
