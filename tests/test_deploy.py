"""A team server behind the documented TLS proxy (docs/deploy.md): Django's deployment check is
clean, and people sign in through a real nginx over HTTPS.

The proxy test needs nginx (Debian's nginx-light) and openssl; without them it is skipped, unless
TIEBOOK_TEST_REQUIRE_PROXY=1 (as .ci/run sets) makes it fail instead.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tiebook import config
from tiebook.core.errors import ConfigError

PUBLIC = "https://crm.example.org"
PASSWORD = "correct horse battery staple"


def server_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment docs/deploy.md gives a team server, in a fresh data directory."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIEBOOK_", "DJANGO_"))}
    return {
        **env,
        "TIEBOOK_HOME": str(home),
        "TIEBOOK_MODE": "server",
        "TIEBOOK_PUBLIC_URL": PUBLIC,
        "TIEBOOK_TRUST_PROXY": "1",
        **extra,
    }


def test_the_deployment_check_finds_nothing_with_the_documented_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        env=server_env(tmp_path, DJANGO_SETTINGS_MODULE="tiebook.settings"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == "System check identified no issues (2 silenced).\n"


def test_the_public_url_is_an_allowed_host_and_a_trusted_origin(tmp_path):
    loaded = config.load(server_env(tmp_path, TIEBOOK_PUBLIC_URL="https://CRM.example.org/"))
    assert loaded.public_url == PUBLIC
    assert "crm.example.org" in loaded.allowed_hosts
    assert (loaded.https, loaded.trust_proxy) == (True, True)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "crm.example.org",
            "TIEBOOK_PUBLIC_URL must be the address people open, like https://crm.example.org; "
            "got 'crm.example.org'.",
        ),
        (
            "https://crm.example.org/tiebook",
            "TIEBOOK_PUBLIC_URL must be an address without a path; got "
            "'https://crm.example.org/tiebook'. tiebook is served at the root of its host.",
        ),
    ],
)
def test_a_malformed_public_url_is_refused_in_one_sentence(tmp_path, value, message):
    with pytest.raises(ConfigError) as error:
        config.load(server_env(tmp_path, TIEBOOK_PUBLIC_URL=value))
    assert str(error.value) == message


def test_an_https_public_url_needs_the_proxy_trusted(tmp_path):
    with pytest.raises(ConfigError) as error:
        config.load(server_env(tmp_path, TIEBOOK_TRUST_PROXY="0"))
    assert str(error.value) == (
        "TIEBOOK_PUBLIC_URL is https://crm.example.org but tiebook itself serves plain HTTP; "
        "set TIEBOOK_TRUST_PROXY=1 when the TLS proxy in front of it sets X-Forwarded-Proto."
    )


# Through a real nginx


NGINX_CONF = """
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    server {{
        listen 127.0.0.1:{https_port} ssl;
        server_name crm.example.org;
        ssl_certificate {run}/cert.pem;
        ssl_certificate_key {run}/key.pem;
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def proxy_missing() -> str | None:
    for program in ("nginx", "openssl"):
        if not (shutil.which(program) or Path(f"/usr/sbin/{program}").exists()):
            return f"{program} is not installed (apt-get install nginx-light openssl)"
    return None


@pytest.fixture
def proxy_tools():
    reason = proxy_missing()
    if reason is not None:
        if os.environ.get("TIEBOOK_TEST_REQUIRE_PROXY", "").strip() == "1":
            pytest.fail(f"TIEBOOK_TEST_REQUIRE_PROXY=1 but {reason}.", pytrace=False)
        pytest.skip(reason)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} stopped: {process.communicate()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{what} did not start listening on {port}")


def run(env: dict[str, str], *args: str, input: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tiebook", *args],
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def behind_nginx(proxy_tools, tmp_path):
    """tiebook serving in server mode on a free port, and nginx in front of it with TLS; yields
    nginx's HTTPS port and tiebook's own port."""
    home, run_dir = tmp_path / "home", tmp_path / "nginx"
    run_dir.mkdir()
    env = server_env(home)
    run(env, "init")
    run(env, "user", "add", "ada", "--password-stdin", input=PASSWORD + "\n")
    key, cert = str(run_dir / "key.pem"), str(run_dir / "cert.pem")
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=crm.example.org", "-keyout", key, "-out", cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    app_port, https_port = free_port(), free_port()
    conf = run_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=run_dir, https_port=https_port, app_port=app_port))
    app = subprocess.Popen(
        [sys.executable, "-m", "tiebook", "serve", "--port", str(app_port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    nginx = subprocess.Popen(
        [proxy_tools, "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(app_port, app, "tiebook serve")
        wait_for_port(https_port, nginx, "nginx")
        yield https_port, app_port
    finally:
        for process in (nginx, app):
            process.terminate()
            try:
                process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


class Browser:
    """Just enough of a browser at https://crm.example.org: cookies, and the Origin header."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context)
        headers = {"Host": "crm.example.org"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": PUBLIC,
                    "Referer": f"{PUBLIC}{path}",
                }
            )
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        connection.close()
        return response, text


def test_people_sign_in_through_the_tls_proxy_and_see_today(behind_nginx):
    https_port, _ = behind_nginx
    browser = Browser(https_port)
    response, page = browser.request("GET", "/login")
    assert response.status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response, page = browser.request(
        "POST",
        "/login",
        {"username": "ada", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert "Origin checking failed" not in page
    assert (response.status, response.headers["Location"]) == (302, "/")
    response, page = browser.request("GET", "/")
    assert response.status == 200
    assert "<title>Today" in page


def test_the_proxy_answers_with_hsts_and_secure_cookies(behind_nginx):
    https_port, _ = behind_nginx
    response, _ = Browser(https_port).request("GET", "/login")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    cookies = response.headers.get_all("Set-Cookie")
    assert cookies
    assert all("; Secure" in cookie for cookie in cookies)


def test_plain_http_is_sent_to_https(behind_nginx):
    _, app_port = behind_nginx
    connection = http.client.HTTPConnection("127.0.0.1", app_port)
    connection.request("GET", "/login", headers={"Host": "crm.example.org"})
    response = connection.getresponse()
    assert (response.status, response.headers["Location"]) == (
        301,
        "https://crm.example.org/login",
    )
