"""Fill a .po catalogue from a Python dict of {msgid: msgstr} (a helper for
translators working outside Poedit). Usage: fill_translations.py PO DICT_MODULE_PATH"""

import runpy
import sys

import polib

po = polib.pofile(sys.argv[1])
table = runpy.run_path(sys.argv[2])["TH"]
missing = []
for entry in po:
    if entry.msgid in table:
        entry.msgstr = table[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    elif not entry.msgstr:
        missing.append(entry.msgid)
po.save()
print(f"untranslated: {len(missing)}", *missing, sep="\n  ")
