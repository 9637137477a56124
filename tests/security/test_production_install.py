"""The production path: the wheel holds templates, static files and migrations; `pip install .` elsewhere serves."""

import html
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

# The module's tests share one wheel (wheel_file, built once per module): under pytest-xdist (--dist loadgroup) they
# run in one worker, or each worker would build its own.
pytestmark = pytest.mark.xdist_group("wheel")

ROOT = Path(__file__).resolve().parents[2]
# What a fresh clone holds: the checkout without venvs, local data and build leftovers.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "instance", "build", "dist", "*.egg-info", "__pycache__", "bench",
    "test-artifacts", ".pytest_cache", ".ruff_cache", "*.mo", "messages.pot",
)


def _tree(folder: str) -> set[str]:
    base = ROOT / folder
    return {
        p.relative_to(base).as_posix() for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FLASK_", "CLUBS_EXCHANGE_"))}
    env.pop("DATABASE_URL", None)
    env.pop("SECRET_KEY", None)
    return {**env, **extra}


@pytest.fixture(scope="module")
def wheel_file(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    clone = tmp / "clone"
    shutil.copytree(ROOT, clone, ignore=NOT_IN_A_CLONE, symlinks=True)
    out = tmp / "dist"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         str(clone), "-w", str(out)],
        capture_output=True, text=True, env=_clean_env(), cwd=tmp,
    )
    if "invalid command 'bdist_wheel'" in result.stderr:
        pytest.fail("this venv's setuptools cannot build wheels: install the dev extras (setuptools>=70.1)")
    assert result.returncode == 0, f"building the wheel failed:\n{result.stdout}\n{result.stderr}"
    (wheel,) = out.glob("clubs_exchange-*.whl")
    return wheel


def test_the_wheel_holds_templates_static_files_and_migrations(wheel_file):
    names = set(zipfile.ZipFile(wheel_file).namelist())
    for folder in ("templates", "static", "migrations"):
        expected = {f"clubs_exchange/{folder}/{name}" for name in _tree(folder)}
        assert expected, folder
        missing = sorted(expected - names)
        assert not missing, f"the wheel lacks {len(missing)} files of {folder}/, e.g. {missing[:5]}"
    assert "clubs_exchange/migrations/env.py" in names
    assert "clubs_exchange/static/css/app.css" in names
    # The catalogues are compiled by the build (a clone has only the .po files).
    for language in ("de", "ro", "fr"):
        assert f"clubs_exchange/translations/{language}/LC_MESSAGES/messages.mo" in names, language
    # The common passwords the password rule refuses, with their source and licence (issue 11 part 7).
    assert {"clubs_exchange/auth/data/common_passwords.txt", "clubs_exchange/auth/data/README.md"} <= names
    # Nothing lands at the top of site-packages, where another package's templates/ or migrations/ could be.
    assert not [n for n in names if n.split("/")[0] in ("templates", "static", "migrations", "instance")]


def test_a_checkout_finds_its_templates_static_files_and_migrations(app):
    assert Path(app.template_folder, "base.html").is_file()
    assert Path(app.static_folder, "css", "app.css").is_file()
    assert Path(app.extensions["migrate"].directory, "env.py").is_file()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.headers.get("Content-Type", ""), answer.read().decode()


def _crawl_as_demo_staff(base: str, python: Path, env: dict, cwd: Path, limit: int = 60) -> None:
    """Demo data in, log in as the twinning office, follow the links from / : every page answers with its CSS."""
    seeded = subprocess.run([python, "-m", "flask", "--app", "clubs_exchange", "seed-demo"],
                            capture_output=True, text=True, env=env, cwd=cwd)
    assert seeded.returncode == 0, seeded.stderr
    password = re.search(r"password for all: (\S+)\)", seeded.stdout).group(1)
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = browser.open(f"{base}/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "email": "staff@example.org", "password": password})
    home = browser.open(f"{base}/login", data=data.encode(), timeout=10)
    assert "/login" not in home.url, "the demo staff login failed"
    queue, seen, failures = ["/"], {"/"}, []
    while queue and len(seen) <= limit:
        path = queue.pop(0)
        try:
            answer = browser.open(base + path, timeout=10)
        except urllib.error.HTTPError as error:
            failures.append((path, error.code))
            continue
        if not answer.headers.get("Content-Type", "").startswith("text/html"):
            continue
        page = answer.read().decode()
        if "css/app.css" not in page:
            failures.append((path, "no app.css"))
        for link in re.findall(r'href="(/[^"#]*)"', page):
            link = html.unescape(link)
            if link not in seen and not link.startswith(("/static/", "/logout")):
                seen.add(link)
                queue.append(link)
    assert len(seen) > 20, seen
    assert not failures, failures


@pytest.mark.slow
def test_pip_install_elsewhere_migrates_and_serves_pages_with_their_css(wheel_file, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # Offline: the dependencies come from this interpreter's site-packages (a plain path entry, so its .pth
    # files, the editable install of the checkout among them, are not run); the app itself only from the wheel.
    deps = [p for p in dict.fromkeys(sys.path) if p.endswith(("site-packages", "dist-packages")) and Path(p).is_dir()]
    (site / "_deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
         str(wheel_file)],
        check=True, env=_clean_env(), cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _clean_env(DATABASE_URL=f"sqlite:///{tmp_path / 'prod.db'}", SECRET_KEY="s" * 32)

    where = subprocess.check_output([python, "-c", "import clubs_exchange; print(clubs_exchange.__file__)"],
                                    text=True, env=env, cwd=elsewhere).strip()
    assert Path(where).is_relative_to(site), where

    upgrade = subprocess.run([python, "-m", "flask", "--app", "clubs_exchange", "db", "upgrade"],
                             capture_output=True, text=True, env=env, cwd=elsewhere)
    assert upgrade.returncode == 0, upgrade.stderr

    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "clubs_exchange:create_app()"],
            env=env, cwd=elsewhere, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                status, _type, login = _get(f"{base}/login")
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert status == 200 and "<form" in login
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', login)
        assert any("app.css" in a for a in assets), assets
        for asset in assets:
            status, content_type, body = _get(base + asset)
            assert status == 200 and body, asset
            assert content_type.startswith("text/css" if ".css" in asset else ("text/javascript", "application/j"))
        status, _type, register = _get(f"{base}/register")
        assert status == 200 and "app.css" in register
        _crawl_as_demo_staff(base, python, env, elsewhere)
        # The secret key and the instance folder are not written into site-packages or the checkout.
        assert (venv / "var" / "clubs_exchange-instance").is_dir()
    finally:
        server.terminate()
        server.wait(timeout=10)
