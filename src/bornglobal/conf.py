"""Every setting an operator can change, declared once with its help text.

Settings come from the environment. Each one is a `Setting` with a name, a
default, a parser and a help text, in the manner of datasette's documented
settings. `settings.py` reads them through `value()`; the README's
configuration table is generated from `SETTINGS` (`bornglobal settings`), and a
test fails when a setting has no help text or is missing from the README.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEMO_SECRET_KEY = "bornglobal-demo-only-secret-key-do-not-use-in-production"  # noqa: S105


def parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a boolean (1/0, true/false, yes/no), got {raw!r}")


def parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_positive_int(raw: str) -> int:
    number = int(raw)
    if number < 1:
        raise ValueError(f"expected a whole number of at least 1, got {raw!r}")
    return number


def parse_seconds(raw: str) -> int:
    number = int(raw)
    if number < 0:
        raise ValueError(f"expected a whole number of seconds, 0 or more, got {raw!r}")
    return number


def parse_networks(raw: str) -> list[str]:
    """Comma-separated IP addresses or CIDR networks, e.g. `127.0.0.1,10.0.0.0/8`."""
    entries = parse_list(raw)
    for entry in entries:
        ipaddress.ip_network(entry)  # ValueError names the bad entry
    return entries


def parse_basis_points(raw: str) -> int:
    number = int(raw)
    if not 0 <= number <= 10_000:
        raise ValueError(f"expected basis points from 0 to 10000, got {raw!r}")
    return number


def parse_currency_codes(raw: str) -> list[str]:
    import pycountry

    codes = [code.upper() for code in parse_list(raw)]
    unknown = [code for code in codes if pycountry.currencies.get(alpha_3=code) is None]
    if unknown:
        raise ValueError(f"not ISO 4217 currency codes: {', '.join(unknown)}")
    return codes


def parse_text(raw: str) -> str:
    return raw


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = parse_text

    def value(self) -> Any:
        raw = os.environ.get(self.name, self.default)
        try:
            return self.parse(raw)
        except ValueError as error:
            raise SystemExit(f"Setting {self.name} is invalid: {error}") from None


def default_data_dir() -> str:
    return str(Path.home() / ".local" / "share" / "bornglobal")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "BORNGLOBAL_DATA_DIR",
        default_data_dir(),
        "Folder for the embedded SQLite database, uploads and generated files. "
        "Created on first use.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "Database to use, e.g. `postgres://user@127.0.0.1:5432/bornglobal` (psycopg 3). "
        "Empty means SQLite in WAL mode at `$BORNGLOBAL_DATA_DIR/bornglobal.sqlite3`.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Django's signing key for sessions and CSRF. Required outside demo mode: "
        "the app refuses to start without it.",
    ),
    Setting(
        "BORNGLOBAL_DEMO",
        "false",
        "Demo mode: allows the built-in demo secret key. `bornglobal demo` turns it on.",
        parse_bool,
    ),
    Setting(
        "DEBUG",
        "false",
        "Django debug pages with tracebacks. Never turn on in production.",
        parse_bool,
    ),
    Setting(
        "ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names this instance answers to.",
        parse_list,
    ),
    Setting(
        "CSRF_TRUSTED_ORIGINS",
        "",
        "Comma-separated origins (scheme and host) trusted for form posts behind a proxy, "
        "e.g. `https://bornglobal.example.org`.",
        parse_list,
    ),
    Setting(
        "BORNGLOBAL_SECURE_COOKIES",
        "false",
        "Send session and CSRF cookies only over HTTPS. Turn on when served over TLS (it is "
        "on anyway when `BORNGLOBAL_INSTANCE_URL` is https).",
        parse_bool,
    ),
    Setting(
        "BORNGLOBAL_TRUSTED_PROXIES",
        "",
        "Comma-separated addresses or CIDR networks of the reverse proxies in front of the "
        "app, e.g. `127.0.0.1,::1`. Only a request whose peer is one of them may say, in "
        "`X-Forwarded-For` and `X-Forwarded-Proto`, who the client is and that it used HTTPS "
        "(the login lockout keys on that client; Django and gunicorn read the scheme). Empty: "
        "no proxy is trusted and these headers are ignored.",
        parse_networks,
    ),
    Setting(
        "BORNGLOBAL_HSTS_SECONDS",
        "31536000",
        "When `BORNGLOBAL_INSTANCE_URL` is https: how long browsers must use HTTPS only "
        "(`Strict-Transport-Security` max-age, default one year). 0 sends no HSTS header.",
        parse_seconds,
    ),
    Setting(
        "BORNGLOBAL_HSTS_INCLUDE_SUBDOMAINS",
        "false",
        "Add `includeSubDomains` to the HSTS header: every subdomain of the instance's host "
        "must then be served over HTTPS too.",
        parse_bool,
    ),
    Setting(
        "BORNGLOBAL_HSTS_PRELOAD",
        "false",
        "Add `preload` to the HSTS header, the consent browsers' preload lists ask for "
        "(the host is listed only once submitted to them; leaving the list takes months).",
        parse_bool,
    ),
    Setting(
        "BORNGLOBAL_LOGIN_FAILURE_LIMIT",
        "5",
        "Failed logins allowed for one email from one address before login is refused.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_LOGIN_COOLOFF_MINUTES",
        "15",
        "Minutes a refused login stays refused after the failure limit is reached.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_API_PAGE_SIZE",
        "50",
        "Default number of items per page in REST API lists (a client may ask for fewer).",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_WEB_WORKERS",
        "2",
        "Worker processes that `bornglobal serve` starts (gunicorn).",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_WEB_THREADS",
        "4",
        "Threads per `bornglobal serve` worker process (gunicorn's `gthread` worker), so a "
        "slow request does not hold up the others, such as the login page.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_WEB_TIMEOUT_SECONDS",
        "30",
        "Seconds a `bornglobal serve` request may take before gunicorn restarts its worker. "
        "Every request has a budget well under it: long work runs as a background job.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_JOBS_PER_USER",
        "2",
        "Background jobs (team solves, rotas, assembling a team) one user may have queued or "
        "running at once. More are refused with 429 `too_many_jobs`.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_JOBS_PER_VENTURE",
        "4",
        "Background jobs of one venture (its projects' proposals, offers and rotas) that may "
        "be queued or running at once. More are refused with 429 `too_many_jobs`.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_JOB_TIME_LIMIT_SECONDS",
        "30",
        "Longest solver time limit a job runs with: a longer one asked for is cut to this.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_JOB_SOLVER_THREADS",
        "2",
        "Threads (CP-SAT workers) one job's solver uses.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_JOB_CPU_SECONDS",
        "90",
        "Hard CPU-time cap of one job's solver process, all threads together (RLIMIT_CPU). "
        "A job over it fails with `cpu_limit`. Keep it above the time limit times the threads.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_PLATFORM_FEE_BP",
        "0",
        "Platform fee on each escrow release, in basis points (250 = 2.5%). Self-hosted "
        "instances default to 0. The fee is disclosed to the payee on every payment.",
        parse_basis_points,
    ),
    Setting(
        "BORNGLOBAL_FX_LOOKBACK_DAYS",
        "7",
        "How many days an exchange rate may be older than the day it is needed for "
        "(weekends and holidays have no ECB rate). Past that, a conversion is refused.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_FX_MAX_AGE_DAYS",
        "60",
        "Past the newest exchange rate there is (the bundled ECB data ends with its release), "
        "how many days old that rate may be and still be used; its age is disclosed on the "
        "payment. Older, a conversion is refused with `rate_too_old`: import newer rates with "
        "`bornglobal fx import FILE`.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_AUTO_RELEASE_WARNING_HOURS",
        "48",
        "Hours before a submitted milestone is released without an answer that the "
        "venture's money managers are warned (once per submission; in-app and by e-mail).",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_MAX_ATTACHMENT_MB",
        "25",
        "Largest file, in megabytes, a freelancer may attach to a submitted deliverable or "
        "either side to dispute evidence. A larger file is refused with `file_too_large`.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_MAX_ATTACHMENTS",
        "10",
        "Most files one submission or one piece of dispute evidence may carry. More are "
        "refused with `too_many_files`.",
        parse_positive_int,
    ),
    Setting(
        "BORNGLOBAL_EXTRA_CURRENCIES",
        "",
        "Comma-separated ISO 4217 codes that are not money people pay with (funds, metals, "
        "units such as `XAU`, `XDR`, `CLF`; the test code `XTS`) and that this instance "
        "accepts anyway. Empty: they are refused with `invalid_currency` (docs/api.md).",
        parse_currency_codes,
    ),
    Setting(
        "BORNGLOBAL_SEPA_DEBTOR_NAME",
        "",
        "Account holder name that SEPA payout files (pain.001) are issued from.",
    ),
    Setting(
        "BORNGLOBAL_SEPA_DEBTOR_IBAN",
        "",
        "IBAN that SEPA payout files are paid from. Empty: SEPA files are refused with "
        "`sepa_not_configured` (CSV payouts still work).",
    ),
    Setting(
        "BORNGLOBAL_SEPA_DEBTOR_BIC",
        "",
        "BIC of the debtor bank for SEPA payout files (optional for pain.001.001.09).",
    ),
    Setting(
        "BORNGLOBAL_RECORD_KEY_FILE",
        "",
        "Ed25519 private key (PEM) this instance signs portable work records with. "
        "Empty means `$BORNGLOBAL_DATA_DIR/record-signing-key.pem`, created with "
        "permissions 0600 on first use. Back it up: records signed with a lost key can "
        "still be verified, but new ones carry a new key id.",
    ),
    Setting(
        "BORNGLOBAL_INSTANCE_URL",
        "",
        "Public address of this instance, e.g. `https://bornglobal.example.org`, written "
        "into the work records it signs and the links in its mail. Empty: records name the "
        "instance by its key only. When it is https: HSTS, secure cookies and (with a "
        "trusted proxy) the redirect from HTTP to HTTPS are on.",
    ),
    Setting(
        "EMAIL_BACKEND",
        "django.core.mail.backends.console.EmailBackend",
        "Django e-mail backend for payment reminders and other mail. The default prints "
        "each message to the console; set `django.core.mail.backends.smtp.EmailBackend` "
        "to send through `EMAIL_HOST`.",
    ),
    Setting(
        "DEFAULT_FROM_EMAIL",
        "bornglobal@localhost",
        "Sender address of the mail this instance sends, e.g. `billing@example.org`.",
    ),
    Setting("EMAIL_HOST", "localhost", "SMTP server that the SMTP e-mail backend sends through."),
    Setting("EMAIL_PORT", "25", "Port of the SMTP server (587 for STARTTLS).", parse_positive_int),
    Setting("EMAIL_HOST_USER", "", "User name for the SMTP server; empty sends without login."),
    Setting(
        "EMAIL_HOST_PASSWORD",
        "",
        "Password for the SMTP server. Keep it in the environment, never in a file in the "
        "repository.",
    ),
    Setting(
        "EMAIL_USE_TLS",
        "false",
        "Talk to the SMTP server over STARTTLS. Turn on for port 587.",
        parse_bool,
    ),
    Setting(
        "BORNGLOBAL_LOG_LEVEL",
        "INFO",
        "Log level for the app's own loggers: DEBUG, INFO, WARNING or ERROR.",
    ),
)


def get(name: str) -> Any:
    for setting in SETTINGS:
        if setting.name == name:
            return setting.value()
    raise KeyError(name)


def markdown_table() -> str:
    """The README's configuration table, built from the help texts."""
    lines = ["| setting | default | what it does |", "|---|---|---|"]
    for setting in SETTINGS:
        default = (
            setting.default
            if setting.name != "BORNGLOBAL_DATA_DIR"
            else "~/.local/share/bornglobal"
        )
        shown = f"`{default}`" if default else "(empty)"
        lines.append(f"| `{setting.name}` | {shown} | {setting.help} |")
    return "\n".join(lines)
