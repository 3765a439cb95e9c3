"""The production settings of docs/operator.md pass `manage check --deploy` without a
warning, every page carries the Content-Security-Policy, no template has inline script
or style, and the API explorer loads nothing from elsewhere."""

import ast
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "bornglobal"
OPERATOR_DOC = ROOT / "docs" / "operator.md"
# Rendered only into PDFs by WeasyPrint, never served to a browser.
PDF_ONLY = {"invoicing/templates/invoicing/pdf.html",
            "invoicing/templates/invoicing/_document_css.html"}


def production_settings() -> dict[str, str]:
    """The `KEY=value` lines of the sh block under "## Production settings"."""
    section = OPERATOR_DOC.read_text().split("## Production settings", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    pairs = (line.split("=", 1) for line in block.splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def _manage(args: list[str], env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BORNGLOBAL_", "DJANGO_")) and k not in (
               "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "DEBUG")}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-m", "bornglobal", "manage", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_documented_production_settings_pass_the_deploy_checks(tmp_path):
    # given the documented production settings, with a real secret in place of the hint
    env = production_settings()
    assert env["SECRET_KEY"].startswith("<")
    env.update(SECRET_KEY=secrets.token_urlsafe(50), BORNGLOBAL_DATA_DIR=str(tmp_path))
    # when Django's deployment checks run with them, failing on any warning
    result = _manage(["check", "--deploy", "--fail-level", "WARNING"], env)
    # then there is none
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_the_trusted_proxy_the_deploy_checks_warn(tmp_path):
    # given the production settings less the trusted proxy
    env = production_settings()
    env.pop("BORNGLOBAL_TRUSTED_PROXIES")
    env.update(SECRET_KEY=secrets.token_urlsafe(50), BORNGLOBAL_DATA_DIR=str(tmp_path))
    # when the deployment checks run
    result = _manage(["check", "--deploy"], env)
    # then they say that HTTPS cannot be seen and the redirect is off
    assert "bornglobal.W001" in result.stderr and "security.W008" in result.stderr


def test_an_https_instance_turns_on_hsts_secure_cookies_and_the_redirect(tmp_path):
    # given the production settings
    env = production_settings()
    env.update(SECRET_KEY=secrets.token_urlsafe(50), BORNGLOBAL_DATA_DIR=str(tmp_path))
    code = ("from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
            "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)")
    # when Django's settings are read
    result = _manage(["shell", "-c", code], env)
    # then HSTS for a year, secure cookies, the redirect and the proxy's scheme header are on
    assert result.stdout.strip().splitlines()[-1] == (
        "31536000 True True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"), result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/login/", "/signup/", "/api/v1/docs", "/no-such-page/"])
def test_every_page_carries_the_strict_content_security_policy(url):
    # when a page is fetched
    policy = Client().get(url)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    # then scripts and styles come only from this server, nothing frames it, no plugins
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert "script-src" not in directives and "style-src" not in directives
    assert "unsafe" not in policy


def _served_templates():
    for path in sorted(SRC.rglob("templates/**/*.html")):
        relative = path.relative_to(SRC).as_posix()
        if relative not in PDF_ONLY:
            yield relative, path.read_text()


INLINE = {
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>"),
    "<style> element": re.compile(r"<style\b"),
    "style attribute": re.compile(r"\sstyle\s*="),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_no_served_template_has_inline_script_or_style():
    # given every template a browser may receive
    found = [
        f"{name}: {what}"
        for name, text in _served_templates()
        for what, pattern in INLINE.items()
        if pattern.search(re.sub(r"{#.*?#}", "", text))
    ]
    # then none has anything the policy would block
    assert found == []


def _string_literals(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "<" in node.value:
            yield node.value


def test_no_python_code_writes_inline_script_or_style_into_html():
    # given the string literals of the Python sources that hold markup (views and helpers
    # that build HTML or SVG by hand)
    found = [
        f"{path.relative_to(SRC)}: {what}"
        for path in SRC.rglob("*.py")
        for text in _string_literals(path)
        for what, pattern in INLINE.items()
        if pattern.search(text)
    ]
    # then none writes what the policy would block
    assert found == []


@pytest.mark.django_db
def test_the_api_explorer_loads_only_files_of_this_server():
    # when the Swagger UI page is fetched
    html = Client().get("/api/v1/docs").content.decode()
    # then its scripts and styles are the ones django-ninja ships, served from /static/
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert [url for url in sources if not url.startswith("/")] == []
    assert "cdn" not in html.lower()
