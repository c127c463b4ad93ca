"""A file whose name is not UTF-8 is kept under a safe name, never dropped."""

import asyncio
import io
import json

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from cases.models import Case, RoutingRule
from cms.base.multipart import PartHeaderStream, valid_utf8
from cms.wsgi import application
from tests.cases.factories import PNG, CategoryFactory, DepartmentFactory

BOUNDARY = b"----chandra0boundary"


def multipart(fields, files):
    body = b""
    for name, value in fields.items():
        body += (b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="' + name.encode()
                 + b'"\r\n\r\n' + value.encode() + b"\r\n")
    for name, (filename, data) in files.items():
        body += (b"--" + BOUNDARY + b'\r\nContent-Disposition: form-data; name="' + name.encode()
                 + b'"; filename="' + filename + b'"\r\nContent-Type: image/png\r\n\r\n' + data + b"\r\n")
    return body + b"--" + BOUNDARY + b"--\r\n"


def test_valid_utf8_keeps_the_length_and_good_text():
    assert valid_utf8("ภาพ.png".encode()) == "ภาพ.png".encode()
    assert valid_utf8(b"\xff\xfe.png") == b"__.png"
    tis620 = "ภาพถนน".encode("tis-620") + b".png"
    repaired = valid_utf8(tis620)
    assert len(repaired) == len(tis620) and repaired.decode().endswith(".png") and b"_" in repaired


@pytest.mark.parametrize("read_size", [1, 7, 100, -1])
def test_only_part_headers_are_repaired_whatever_the_read_size(read_size):
    data = PNG + b"\xff\xfe" + b"--" + BOUNDARY[:5]  # bytes of a file are never touched
    body = multipart({"subject": "ทดสอบ"}, {"attachments": (b"\xff\xfe.png", data)})
    stream = PartHeaderStream(io.BytesIO(body + b"TRAILING"), boundary=BOUNDARY, length=len(body))
    out = b""
    while chunk := stream.read(read_size):
        out += chunk
    assert len(out) == len(body)
    assert out == body.replace(b'filename="\xff\xfe.png"', b'filename="__.png"')


def call(body):
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": "/api/v1/cases/", "QUERY_STRING": "lang=en",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY.decode()}", "CONTENT_LENGTH": str(len(body)),
    }
    status = []
    chunks = application(environ, lambda s, headers: status.append(s))
    content = b"".join(chunks)
    chunks.close()
    return int(status[0].split()[0]), json.loads(content)


@pytest.fixture
def keep_the_test_connection():
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def filing_with_a_tis620_file_name():
    category = CategoryFactory(name="คมนาคม", slug="transport")
    RoutingRule.objects.create(category=category, province="", department=DepartmentFactory(code="transport"))
    fields = {"kind": "complaint", "category": "transport", "subject": "ถนนชำรุด", "consent": "true",
              "description": "ถนนหน้าโรงเรียนชำรุดเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย", "anonymous": "true"}
    return fields, "ภาพถนน".encode("tis-620") + b".png"


@pytest.mark.django_db
def test_a_filing_with_a_tis620_file_name_keeps_the_file(keep_the_test_connection):
    fields, name = filing_with_a_tis620_file_name()
    status, answer = call(multipart(fields, {"attachments": (name, PNG)}))
    assert status == 201, answer
    attachment = Case.objects.get(code=answer["code"]).attachments.get()
    assert attachment.original_name == valid_utf8(name).decode() and attachment.size == len(PNG)


@pytest.mark.django_db
def test_the_asgi_application_keeps_the_file_too(keep_the_test_connection):
    """The same repair runs under uvicorn (cms/asgi.py), whatever the chunks the body arrives in."""
    from asgiref.sync import async_to_sync

    from cms.asgi import application as asgi_application

    fields, name = filing_with_a_tis620_file_name()
    body = multipart(fields, {"attachments": (name, PNG)})
    chunks = [body[i:i + 7] for i in range(0, len(body), 7)]
    messages = [{"type": "http.request", "body": chunk, "more_body": n < len(chunks) - 1}
                for n, chunk in enumerate(chunks)]
    sent = []

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # the client stays connected, waiting for the answer

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/v1/cases/", "raw_path": b"/api/v1/cases/", "query_string": b"lang=en", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-length", str(len(body)).encode()),
                         (b"content-type", b"multipart/form-data; boundary=" + BOUNDARY)],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    async_to_sync(asgi_application)(scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    answer = json.loads(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))
    assert status == 201, answer
    attachment = Case.objects.get(code=answer["code"]).attachments.get()
    assert attachment.original_name == valid_utf8(name).decode() and attachment.size == len(PNG)
