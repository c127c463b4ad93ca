"""DRF's JSON parser with the two limits Django puts on form posts and DRF
does not put on JSON: the body size (``DATA_UPLOAD_MAX_MEMORY_SIZE``) and the
nesting depth, so that a small body nested thousands deep is a 400 rather than
a ``RecursionError``."""

import codecs
import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json as drf_json

# No field of the API nests anywhere near this deep.
MAX_DEPTH = 32


def _too_deep(data, limit):
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(-1 if limit is None else limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        too_deep = _("The JSON body is nested too deeply (%(depth)d levels at most).") % {"depth": MAX_DEPTH}
        try:
            data = json.loads(codecs.decode(raw, encoding),
                              parse_constant=drf_json.strict_constant if self.strict else None)
        except RecursionError:
            raise ParseError(too_deep) from None
        except ValueError as exc:
            raise ParseError(_("The body is not valid JSON: %(error)s") % {"error": exc}) from None
        if isinstance(data, (dict, list)) and _too_deep(data, MAX_DEPTH):
            raise ParseError(too_deep)
        return data
