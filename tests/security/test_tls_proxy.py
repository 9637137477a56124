"""Behind a TLS reverse proxy: trusted forwarded headers (ProxyFix), Secure cookies and HSTS when BASE_URL is https,
and the README's nginx example tried for real."""

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest
from flask import request, url_for
from werkzeug.serving import make_server

from tests.helpers import PASSWORD

README = Path(__file__).resolve().parents[2] / "README.md"
FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "twinning.city.example",
    "X-Forwarded-Port": "443",
    "X-Forwarded-For": "203.0.113.7",
}


@pytest.fixture
def settings():
    return {}


@pytest.fixture
def app_config(app_config, settings):
    return {**app_config, **settings}


def _add_whoami(app):
    """What the app makes of a request: the client it sees and an absolute URL it generates."""

    @app.get("/_whoami")
    def whoami():
        return {"client": request.remote_addr, "login": url_for("auth.login", _external=True)}


# Feed addresses come from BASE_URL (as a mail's links do); what the proxy forwards sets the request's own URLs.
@pytest.mark.parametrize("settings", [{"TRUSTED_PROXIES": 1, "BASE_URL": "https://twinning.city.example"}])
def test_behind_one_trusted_proxy_feed_addresses_are_https_and_the_client_is_the_forwarded_one(
    app, client, login_as, member
):
    _add_whoami(app)
    login_as(member)
    page = client.get("/calendar/subscribe", headers=FORWARDED).get_data(as_text=True)
    assert "https://twinning.city.example/calendar/feed/" in page
    assert "http://localhost" not in page
    seen = client.get("/_whoami", headers=FORWARDED).get_json()
    assert seen == {"client": "203.0.113.7", "login": "https://twinning.city.example/login"}


def test_without_trusted_proxies_forwarded_headers_are_ignored(app, client):
    _add_whoami(app)
    assert app.config["TRUSTED_PROXIES"] == 0
    seen = client.get("/_whoami", headers=FORWARDED).get_json()
    assert seen == {"client": "127.0.0.1", "login": "http://localhost/login"}


@pytest.mark.parametrize("settings", [{"TRUSTED_PROXIES": 1}])
def test_only_the_trusted_hop_counts_a_forged_client_address_does_not(app, client):
    _add_whoami(app)
    headers = {**FORWARDED, "X-Forwarded-For": "6.6.6.6, 203.0.113.7"}
    assert client.get("/_whoami", headers=headers).get_json()["client"] == "203.0.113.7"


def _cookie(response, name: str) -> str:
    (line,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    return line


@pytest.mark.parametrize("settings", [{"BASE_URL": "https://twinning.city.example"}])
def test_over_https_cookies_are_secure_httponly_lax_and_hsts_is_sent(client, member):
    page = client.get("/login")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    answer = client.post("/login", data={"email": member.email, "password": PASSWORD, "remember": "y"})
    assert answer.status_code in (302, 303)
    for name in ("session", "remember_token"):
        flags = [f.strip().lower() for f in _cookie(answer, name).split(";")]
        assert "secure" in flags and "httponly" in flags and "samesite=lax" in flags, (name, flags)


@pytest.mark.parametrize("settings", [{"BASE_URL": ""}, {"BASE_URL": "http://127.0.0.1:5000"}])
def test_over_plain_http_development_cookies_work_and_no_hsts(client, member):
    page = client.get("/login")
    assert "Strict-Transport-Security" not in page.headers
    answer = client.post("/login", data={"email": member.email, "password": PASSWORD})
    flags = [f.strip().lower() for f in _cookie(answer, "session").split(";")]
    assert "secure" not in flags and "httponly" in flags and "samesite=lax" in flags


# --- nginx for real ---------------------------------------------------------------------------------------------

def _nginx() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _readme_nginx_example() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", README.read_text(), re.S)
    assert len(blocks) == 1, "the README's Production section shows one nginx example"
    return blocks[0]


@pytest.fixture
def live_app(app):
    _add_whoami(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


@pytest.fixture
def nginx_binary() -> str:
    missing = ("nginx is not installed (apt-get install -y nginx-light)" if not _nginx()
               else "openssl is not installed (needed for the proxy's test certificate)" if not shutil.which("openssl")
               else None)
    if missing and os.environ.get("CLUBS_EXCHANGE_REQUIRE_NGINX"):
        pytest.fail(missing + "; CLUBS_EXCHANGE_REQUIRE_NGINX is set (CI)")
    if missing:
        pytest.skip(missing)
    return _nginx()


@pytest.mark.slow
@pytest.mark.parametrize("settings", [{"TRUSTED_PROXIES": 1, "BASE_URL": "https://twinning.city.example"}])
def test_the_readme_nginx_example_terminates_tls_the_app_sees_https_and_the_client(nginx_binary, live_app, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=twinning.city.example",
         "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )
    tls_port, http_port = _free_port(), _free_port()
    site = _readme_nginx_example()
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("http://127.0.0.1:8000", f"http://127.0.0.1:{live_app}")
    site = re.sub(r"ssl_certificate \S+;", f"ssl_certificate {cert};", site)
    site = re.sub(r"ssl_certificate_key \S+;", f"ssl_certificate_key {key};", site)
    for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / temp).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"daemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\nhttp {{\n"
        f"access_log off;\nclient_body_temp_path {tmp_path}/client_body;\nproxy_temp_path {tmp_path}/proxy;\n"
        f"fastcgi_temp_path {tmp_path}/fastcgi;\nuwsgi_temp_path {tmp_path}/uwsgi;\nscgi_temp_path {tmp_path}/scgi;\n"
        f"{site}\n}}\n"
    )
    nginx = subprocess.Popen([nginx_binary, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False  # reached as 127.0.0.1; the certificate is checked against our own file
    try:
        def get(path, headers=None):
            # From 127.0.0.2: the client's address differs from nginx's own 127.0.0.1.
            conn = http.client.HTTPSConnection("127.0.0.1", tls_port, context=context, timeout=10,
                                               source_address=("127.0.0.2", 0))
            conn.request("GET", path, headers={"Host": "twinning.city.example", **(headers or {})})
            answer = conn.getresponse()
            body = answer.read().decode()
            conn.close()
            return answer, body

        for _ in range(100):
            try:
                answer, body = get("/_whoami", {"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "http"})
                break
            except (ConnectionRefusedError, ssl.SSLError):
                assert nginx.poll() is None, (tmp_path / "error.log").read_text()
                time.sleep(0.1)
        else:
            pytest.fail("nginx did not answer: " + (tmp_path / "error.log").read_text())
        assert answer.status == 200, body
        # X-Forwarded-Port is the port nginx listens on: 443 in production (no port in the URL), here a free one.
        login = f"https://twinning.city.example:{tls_port}/login"
        assert json.loads(body) == {"client": "127.0.0.2", "login": login}

        answer, body = get("/login")
        assert answer.status == 200 and "<form" in body
        assert answer.getheader("Strict-Transport-Security") == "max-age=31536000"
        cookie = answer.getheader("Set-Cookie") or ""
        assert "Secure" in cookie and "HttpOnly" in cookie, cookie

        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        plain.request("GET", "/login?next=%2Fcalendar", headers={"Host": "twinning.city.example"})
        redirect = plain.getresponse()
        assert redirect.status == 301
        assert redirect.getheader("Location") == "https://twinning.city.example/login?next=%2Fcalendar"
        plain.close()
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
