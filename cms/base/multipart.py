"""File names that are not UTF-8, kept under a safe name.

Django reads the headers of each part of a multipart form as UTF-8 and skips a
header it cannot decode, so a file whose name was sent in another encoding
(TIS-620 from an old Thai system, a fuzzer's bytes) was silently dropped and
the case filed without it. :class:`PartHeaderRepair` rewrites, in the part
headers only, every byte that is not valid UTF-8 into "_" (same length, so the
body's Content-Length still holds): the file arrives, named for example
``__.png``, and is checked and stored like any other. The same repair runs on
both servers: around the WSGI application (:class:`SafeMultipartNames`,
``cms/wsgi.py``) and the ASGI one (:class:`AsgiSafeMultipartNames`,
``cms/asgi.py``)."""

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


class PartHeaderRepair:
    """Repairs the part headers of one multipart body, fed to it in chunks of
    any size: each :meth:`feed` returns the bytes that are ready (the rest
    waits for the end of a header or of a possible delimiter)."""

    def __init__(self, boundary):
        self.delimiter = b"--" + boundary
        self.pending = bytearray()  # received, not yet examined
        self.in_headers = False

    def feed(self, chunk, *, final=False):
        self.pending += chunk
        ready = bytearray()
        while self.pending:
            if self.in_headers:
                end = self.pending.find(b"\r\n\r\n")
                if end == -1 and not final and len(self.pending) <= MAX_HEADER_BYTES:
                    break
                end = len(self.pending) if end == -1 else end + 4
                headers = bytes(self.pending[:end])
                ready += valid_utf8(headers) if len(headers) <= MAX_HEADER_BYTES else headers
                del self.pending[:end]
                self.in_headers = False
            else:
                start = self.pending.find(self.delimiter)
                if start == -1:
                    # Keep a tail that may be the beginning of a delimiter.
                    keep = 0 if final else len(self.delimiter) - 1
                    cut = max(0, len(self.pending) - keep)
                    ready += self.pending[:cut]
                    del self.pending[:cut]
                    break
                end = start + len(self.delimiter)
                ready += self.pending[:end]
                del self.pending[:end]
                self.in_headers = True
        return bytes(ready)


def multipart_boundary(content_type):
    """The boundary of a multipart form's body of this Content-Type (bytes), or None."""
    media_type, params = parse_header_parameters(content_type)
    boundary = params.get("boundary", "")
    if media_type == "multipart/form-data" and boundary and boundary.isascii():
        return boundary.encode()
    return None


class PartHeaderStream:
    """A WSGI input stream of ``length`` bytes, read through a :class:`PartHeaderRepair`."""

    def __init__(self, stream, *, boundary, length):
        self.stream = stream
        self.repair = PartHeaderRepair(boundary)
        self.remaining = length
        self.ready = bytearray()  # repaired, for the reader
        self.finished = False

    def _fill(self, size):
        while not self.finished and (size < 0 or len(self.ready) < size):
            chunk = self.stream.read(min(CHUNK, self.remaining)) if self.remaining > 0 else b""
            self.remaining -= len(chunk)
            self.finished = not chunk
            self.ready += self.repair.feed(chunk, final=self.finished)

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
        boundary = multipart_boundary(environ.get("CONTENT_TYPE", ""))
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if boundary is not None and length > 0:
            environ["wsgi.input"] = PartHeaderStream(environ["wsgi.input"], boundary=boundary, length=length)
        return self.app(environ, start_response)


class AsgiSafeMultipartNames:
    """ASGI middleware around the Django application (cms/asgi.py): the body's
    chunks go through the repair as they arrive."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        boundary = multipart_boundary(headers.get(b"content-type", b"").decode("latin-1"))
        if boundary is None:
            return await self.app(scope, receive, send)
        repair = PartHeaderRepair(boundary)

        async def repaired_receive():
            message = await receive()
            if message["type"] == "http.request":
                final = not message.get("more_body", False)
                message = {**message, "body": repair.feed(message.get("body", b""), final=final)}
            return message

        return await self.app(scope, repaired_receive, send)
