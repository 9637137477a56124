"""What a request may send: MAX_CONTENT_LENGTH refuses a too large body before it is read, with a page that
says so; a picture larger than PARTNER_IMAGE_MAX_PIXELS (a decompression bomb: 30,000 × 30,000 in 109 kB) is
refused before anyone's browser decodes it."""

import io
import struct
import zlib

import pytest
from PIL import Image


class CountingStream(io.RawIOBase):
    """A body of `size` bytes made up as it is read, counting what the app reads of it."""

    def __init__(self, size: int, head: bytes):
        self.size, self.head, self.position, self.read_bytes = size, head, 0, 0

    def readable(self):
        return True

    def seekable(self):  # the test client measures the body's length
        return True

    def seek(self, offset, whence=0):
        self.position = {0: offset, 1: self.position + offset, 2: self.size + offset}[whence]
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = min(len(buffer), self.size - self.position)
        if n <= 0:
            return 0
        buffer[:n] = (self.head[self.position:] + bytes(n))[:n]
        self.position += n
        self.read_bytes += n
        return n


def png(width: int, height: int) -> bytes:
    """A real PNG, one bit per pixel, all black: the pixels compress to almost nothing."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    pixels = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return png(30_000, 30_000)


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, "PNG")
    return out.getvalue()


def test_a_50_mb_upload_is_refused_before_it_is_read(app, client, login_as, staff, lyon):
    login_as(staff)
    boundary = "x" * 20
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
            f"Content-Type: image/png\r\n\r\n").encode()
    body = CountingStream(50 * 1024 * 1024, head)
    response = client.post(f"/partners/{lyon.id}/image/upload", input_stream=body,
                           content_type=f"multipart/form-data; boundary={boundary}",
                           content_length=body.size)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "<html" in html and "5 MB" in html and "smaller file" in html
    assert body.read_bytes < 1024 * 1024, f"{body.read_bytes} bytes read of a body refused anyway"


def test_the_limit_is_a_setting(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 5 * 1024 * 1024


@pytest.fixture(autouse=True)
def pictures_elsewhere(app, tmp_path):
    app.instance_path = str(tmp_path)


def test_a_huge_picture_is_refused_and_never_served(client, login_as, staff, member, lyon, bomb):
    assert len(bomb) < 200_000  # small enough for every byte limit
    login_as(staff)
    response = client.post(f"/partners/{lyon.id}/image/upload",
                           data={"image": (io.BytesIO(bomb), "arms.png")}, content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="image-error"' in html and "30,000 × 30,000" in html
    login_as(member)
    assert client.get(f"/partners/{lyon.id}/image").status_code == 404


def test_a_picture_just_over_the_pixel_limit_is_refused(app, client, login_as, staff, lyon):
    app.config["PARTNER_IMAGE_MAX_PIXELS"] = 1000
    login_as(staff)
    response = client.post(f"/partners/{lyon.id}/image/upload",
                           data={"image": (io.BytesIO(small_png()), "arms.png")}, content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="image-error"' in response.get_data(as_text=True)


def test_a_picture_that_is_not_one_is_refused(client, login_as, staff, lyon):
    login_as(staff)
    fake = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = client.post(f"/partners/{lyon.id}/image/upload",
                           data={"image": (io.BytesIO(fake), "arms.png")}, content_type="multipart/form-data")
    assert response.status_code == 422 and 'id="image-error"' in response.get_data(as_text=True)


def test_an_ordinary_picture_is_taken_and_served(client, login_as, staff, member, lyon):
    login_as(staff)
    response = client.post(f"/partners/{lyon.id}/image/upload",
                           data={"image": (io.BytesIO(small_png()), "arms.png")}, content_type="multipart/form-data")
    assert response.status_code == 303
    login_as(member)
    served = client.get(f"/partners/{lyon.id}/image")
    assert served.status_code == 200 and served.data == small_png()
    served.close()
