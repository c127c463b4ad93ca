"""File names that are not UTF-8, kept under a safe name.

Django reads the headers of each part of a multipart form as UTF-8 and skips a
header it cannot decode, so a file whose name was sent in another encoding
(TIS-620 from an old Thai system, a fuzzer's bytes) was silently dropped and
the case filed without it. This WSGI middleware rewrites, in the part headers
only, every byte that is not valid UTF-8 into "_" (same length, so the body's
Content-Length still holds): the file arrives, named for example
``__.png``, and is checked and stored like any other."""

from django.utils.http import parse_header_parameters

# A part's headers longer than this are passed on as they are (Django refuses them anyway).
MAX_HEADER_BYTES = 64 * 1024
CHUNK = 64 * 1024


def valid_utf8(data):
    """``data`` with each byte that is not part of valid UTF-8 replaced by "_"."""
    data = bytearray(data)
    start = 0
    while True:
        try:
            data[start:].decode()
        except UnicodeDecodeError as error:
            data[start + error.start:start + error.end] = b"_" * (error.end - error.start)
            start += error.end
        else:
            return bytes(data)


class PartHeaderStream:
    """Reads a multipart body and repairs its part headers on the way."""

    def __init__(self, stream, *, boundary, length):
        self.stream = stream
        self.delimiter = b"--" + boundary
        self.remaining = length
        self.pending = bytearray()  # read, not yet examined
        self.ready = bytearray()  # examined, for the reader
        self.in_headers = False
        self.finished = False

    def _fill(self, size):
        while not self.finished and (size < 0 or len(self.ready) < size):
            chunk = self.stream.read(min(CHUNK, self.remaining)) if self.remaining > 0 else b""
            self.remaining -= len(chunk)
            self.finished = not chunk
            self.pending += chunk
            self._examine()

    def _examine(self):
        while self.pending:
            if self.in_headers:
                end = self.pending.find(b"\r\n\r\n")
                if end == -1 and not self.finished and len(self.pending) <= MAX_HEADER_BYTES:
                    return
                end = len(self.pending) if end == -1 else end + 4
                headers = bytes(self.pending[:end])
                self.ready += valid_utf8(headers) if len(headers) <= MAX_HEADER_BYTES else headers
                del self.pending[:end]
                self.in_headers = False
            else:
                start = self.pending.find(self.delimiter)
                if start == -1:
                    # Keep a tail that may be the beginning of a delimiter.
                    keep = 0 if self.finished else len(self.delimiter) - 1
                    cut = max(0, len(self.pending) - keep)
                    self.ready += self.pending[:cut]
                    del self.pending[:cut]
                    return
                end = start + len(self.delimiter)
                self.ready += self.pending[:end]
                del self.pending[:end]
                self.in_headers = True

    def read(self, size=-1):
        size = -1 if size is None else size
        self._fill(size)
        size = len(self.ready) if size < 0 else size
        data = bytes(self.ready[:size])
        del self.ready[:size]
        return data

    def readline(self, size=-1):
        size = -1 if size is None else size
        while b"\n" not in self.ready and not self.finished:
            self._fill(len(self.ready) + CHUNK)
        end = self.ready.find(b"\n") + 1 or len(self.ready)
        if size >= 0:
            end = min(end, size)
        data = bytes(self.ready[:end])
        del self.ready[:end]
        return data


class SafeMultipartNames:
    """WSGI middleware around the Django application (cms/wsgi.py)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        content_type, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        boundary = params.get("boundary", "")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if content_type == "multipart/form-data" and boundary and boundary.isascii() and length > 0:
            environ["wsgi.input"] = PartHeaderStream(environ["wsgi.input"], boundary=boundary.encode(), length=length)
        return self.app(environ, start_response)
