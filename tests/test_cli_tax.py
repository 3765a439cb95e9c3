"""`bornglobal tax …` from the command line: quote, rates and late interest, no database."""

import json
import subprocess
import sys

import pytest

from bornglobal.cli import build_parser, main


def _run(*args):
    return subprocess.run(
        [sys.executable, "-m", "bornglobal", "tax", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_tax_command_is_registered():
    # given the parser, when asked for tax quote, then the options parse
    args = build_parser().parse_args(
        [
            "tax",
            "quote",
            "--seller-country",
            "DE",
            "--buyer-country",
            "FR",
            "--supply",
            "goods",
            "--ship-from",
            "DE",
            "--ship-to",
            "FR",
            "--date",
            "2026-01-15",
        ]
    )
    assert (args.seller_country, args.supply, args.ship_to) == ("DE", "goods", "FR")


def test_quote_prints_the_reverse_charge_decision():
    # given a German seller and a French business with a VAT number
    result = _run(
        "quote",
        "--seller-country",
        "DE",
        "--seller-vat-id",
        "DE136695976",
        "--buyer-country",
        "FR",
        "--buyer-vat-id",
        "FR40303265045",
        "--business",
        "--supply",
        "services",
        "--date",
        "2026-01-15",
    )
    # then the block names the treatment, the article wording and the VAT number status
    assert result.returncode == 0, result.stderr
    assert "reverse_charge" in result.stdout
    assert "Article 196 Council Directive 2006/112/EC" in result.stdout
    assert "format valid, not verified online" in result.stdout


def test_quote_json_carries_every_field(capsys):
    # given an OSS sale, when quoted as JSON (in process)
    code = main(
        [
            "tax",
            "quote",
            "--seller-country",
            "DE",
            "--seller-vat-id",
            "DE136695976",
            "--buyer-country",
            "FI",
            "--supply",
            "e-services",
            "--over-threshold",
            "--date",
            "2024-09-01",
            "--json",
        ]
    )
    decision = json.loads(capsys.readouterr().out)
    # then the destination rate of the day is given
    assert code == 0
    assert decision["treatment"] == "oss_destination"
    assert (decision["rate_country"], decision["rate"]) == ("FI", "25.5")
    assert set(decision) >= {"legal_text", "why", "buyer_vat_id_status", "rate_source", "tax_name"}


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--buyer-country", "ZZ", "--date", "2026-01-15"], "unknown_country"),
        (["--buyer-country", "FR", "--date", "2020-01-01"], "date_before_data"),
        (
            ["--buyer-country", "FR", "--buyer-vat-id", "FR123", "--date", "2026-01-15"],
            "invalid_vat_id",
        ),
        (["--buyer-country", "FR", "--date", "15/01/2026"], "invalid_date"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_a_non_zero_exit(args, code, capsys):
    # given a quote with one bad value
    exit_code = main(["tax", "quote", "--seller-country", "DE", "--supply", "services", *args])
    captured = capsys.readouterr()
    # then one error line with its code, nothing on stdout
    assert exit_code != 0
    assert captured.out == ""
    assert captured.err.strip().count("\n") == 0
    assert captured.err.startswith("error: ") and f"[{code}]" in captured.err


def test_rates_lists_the_history_with_sources(capsys):
    assert main(["tax", "rates", "SK"]) == 0
    out = capsys.readouterr().out
    assert "2025-01-01" in out and "23%" in out and "https://" in out


def test_late_interest_prints_interest_and_compensation(capsys):
    assert (
        main(["tax", "late-interest", "1190.00 EUR", "--due", "2025-05-31", "--on", "2025-08-15"])
        == 0
    )
    out = capsys.readouterr().out
    assert "interest 26.13 EUR" in out and "40.00 EUR" in out
