"""`bornglobal money …`: the money operations from the command line, run for real.

Every command runs in a subprocess against one fresh SQLite data directory per module
(demo mode), acting `--as` a named user with that user's permissions.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from bornglobal.cli import build_parser

FOUNDER, MEMBER, PAYEE = "founder@example.org", "member@example.org", "priya@example.in"
MONEY_ACTIONS = [
    "positions", "accounts", "deposit", "escrow", "fund", "release", "refund", "dispute",
    "resolve", "payout", "payout-file", "payout-failed", "statement", "earnings",
]

SETUP = """
import json
import django
django.setup()
from bornglobal.tenancy import services as s
from bornglobal.tenancy.actors import Actor
phrase = "a-long-and-private-phrase"
founder = s.sign_up("founder@example.org", phrase,
                    s.PersonDetails("Fay Founder", "DE", "Europe/Berlin", "EUR"))
s.sign_up("member@example.org", phrase,
          s.PersonDetails("Max Member", "DE", "Europe/Berlin", "EUR"))
s.sign_up("priya@example.in", phrase,
          s.PersonDetails("Priya Rao", "IN", "Asia/Kolkata", "INR", is_freelancer=True))
venture = s.create_venture(Actor(founder), "Acme Studio", "DE", "EUR")
s.add_member(Actor(founder), venture.id, "member@example.org", "member")
print(json.dumps({"venture": venture.id}))
"""


def _environment(data_dir, **extra):
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k != "DJANGO_SETTINGS_MODULE" and not k.startswith("BORNGLOBAL_")
    }
    return {
        **inherited,
        "BORNGLOBAL_DATA_DIR": str(data_dir),
        "BORNGLOBAL_DEMO": "1",
        "DATABASE_URL": "",
        "BORNGLOBAL_PLATFORM_FEE_BP": "250",
        **extra,
    }


def _run(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "bornglobal", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=_environment(data_dir),
    )


def _ok(data_dir, *args):
    result = _run(data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A migrated data dir with a founder, a member and an INR payee of a DE/EUR venture."""
    data_dir = tmp_path_factory.mktemp("money-cli")
    _ok(data_dir, "migrate")
    made = subprocess.run(
        [sys.executable, "-c", SETUP],
        capture_output=True,
        text=True,
        timeout=120,
        env=_environment(data_dir, DJANGO_SETTINGS_MODULE="bornglobal.settings"),
    )
    assert made.returncode == 0, made.stderr
    venture = str(json.loads(made.stdout)["venture"])
    return {"dir": data_dir, "venture": venture, "as": ["--as", FOUNDER, "--venture", venture]}


@pytest.fixture(scope="module")
def released(world):
    """Deposit, open an escrow with two milestones, fund the first and release it on a day
    with an ECB rate; the outputs of each step are kept for the tests to read."""
    run = world["dir"]
    out = {"deposit": _ok(run, "money", "deposit", *world["as"], "--amount", "5000.00",
                          "--currency", "EUR", "--key", "dep-1", "--memo", "seed capital")}
    out["open"] = _ok(run, "money", "escrow", "open", *world["as"], "--payee", PAYEE,
                      "--contract", "C-100", "--title", "Website", "--milestone",
                      "Design=1200.00", "--milestone", "Build=1800.00", "--payee-currency", "INR")
    ids = re.findall(r"milestone (\d+):", out["open"])
    out["milestones"] = ids
    out["fund"] = _ok(run, "money", "fund", *world["as"], "--milestone", ids[0],
                      "--key", "fund-1")
    release = ["money", "release", *world["as"], "--milestone", ids[0], "--key", "rel-1",
               "--on", "2026-06-15"]
    out["release_args"] = release
    out["release"] = _ok(run, *release)
    return out


@pytest.fixture(scope="module")
def batch(world, released):
    """A payout batch paying what the release left owed to the payee."""
    printed = _ok(world["dir"], "money", "payout", *world["as"], "--key", "pay-1")
    return {"printed": printed, "id": re.search(r"Payout batch (\d+)", printed).group(1)}


def test_every_money_action_is_registered_with_help():
    # given the parser
    parser = build_parser()
    # when we look up the money group's actions
    command = next(a for a in parser._actions if a.dest == "command")
    money = command.choices["money"]
    actions = next(a for a in money._actions if a.dest == "money_command")
    helps = {choice.dest: choice.help for choice in actions._choices_actions}
    # then each promised action is there with a help line
    assert set(MONEY_ACTIONS) <= set(helps)
    assert all(helps[name] for name in MONEY_ACTIONS)


def test_release_help_explains_the_options(world):
    # when the operator asks release for help
    result = _run(world["dir"], "money", "release", "--help")
    # then it names the acting user, the key and the rate date
    assert result.returncode == 0
    assert "--as EMAIL" in result.stdout and "--key" in result.stdout
    assert "YYYY-MM-DD" in result.stdout


def test_deposit_escrow_fund_and_release_print_what_happened(released):
    # given a deposit, an escrow with two milestones and the first one funded
    assert "€5,000.00" in released["deposit"]
    assert len(released["milestones"]) == 2 and "€1,800.00" in released["open"]
    assert "€1,200.00" in released["fund"]
    # when the milestone was released on 2026-06-15 (an ECB publication day)
    disclosure = released["release"]
    # then the disclosure shows gross, the 2.5% fee, net and the INR paid at the ECB rate
    assert "gross €1,200.00" in disclosure
    assert "€30.00" in disclosure and "€1,170.00" in disclosure
    assert "₹128,624.54" in disclosure  # 1170.00 x 109.9355, rounded half-even
    assert "109.9355" in disclosure and "ECB" in disclosure and "2026-06-15" in disclosure


def test_a_retried_release_prints_the_same_transaction(world, released):
    # given a release already made under key rel-1
    first = released["release"]
    # when the operator runs the same release with the same key again
    again = _ok(world["dir"], *released["release_args"])
    # then the answer is the first transaction, not a second payment
    assert again == first
    assert re.search(r"transaction \d+", again).group(0) in first


def test_the_ledger_check_passes_after_cli_movements(world, released):
    # given money moved through the CLI
    # when the books are checked
    result = _run(world["dir"], "ledger", "check", "--venture", world["venture"])
    # then they are whole
    assert result.returncode == 0, result.stdout
    assert "passed" in result.stdout


def test_a_member_may_not_deposit(world):
    # given a member, whose role may not move money
    # when they try to deposit
    result = _run(world["dir"], "money", "deposit", "--as", MEMBER, "--venture",
                  world["venture"], "--amount", "10.00", "--currency", "EUR", "--key", "m-1")
    # then the service's refusal is printed on one line, exit 2
    assert result.returncode == 2
    assert result.stderr.startswith("error:") and "role_forbidden" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_amount_with_too_many_decimals_is_refused(world):
    # when an amount has more decimals than EUR holds
    result = _run(world["dir"], "money", "deposit", *world["as"], "--amount", "1.234",
                  "--currency", "EUR", "--key", "bad-1")
    # then it is refused, not rounded
    assert result.returncode == 2
    assert "invalid_amount" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_date_is_refused(world, released):
    # when a release names a day that does not exist
    result = _run(world["dir"], "money", "release", *world["as"], "--milestone",
                  released["milestones"][1], "--key", "rel-x", "--on", "2026-02-30")
    # then one line says so
    assert result.returncode == 2
    assert "invalid_date" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_acting_email_is_refused(world):
    # when the operator acts as someone without an account
    result = _run(world["dir"], "money", "positions", "--as", "ghost@example.org",
                  "--venture", world["venture"])
    # then it says so and exits 2
    assert result.returncode == 2
    assert "error: no active account has this email" in result.stderr
    assert "Traceback" not in result.stderr


def test_payout_and_its_csv_list_the_inr_payee(world, batch):
    # given a payout batch made after the release
    assert PAYEE in batch["printed"] and "₹128,624.54" in batch["printed"]
    # when the operator asks for its CSV
    csv_text = _ok(world["dir"], "money", "payout-file", *world["as"], "--batch", batch["id"],
                   "--format", "csv")
    # then the payee is listed in INR
    header, *rows = csv_text.strip().splitlines()
    assert header.startswith("line,payee,email")
    assert any(PAYEE in row and ",INR,128624.54," in row for row in rows)


def test_a_sepa_file_without_configuration_is_refused(world, batch):
    # given no SEPA debtor configured
    # when the operator asks for the batch's SEPA file
    result = _run(world["dir"], "money", "payout-file", *world["as"], "--batch", batch["id"],
                  "--format", "sepa")
    # then the refusal names the missing configuration
    assert result.returncode == 2
    assert "sepa_not_configured" in result.stderr and "Traceback" not in result.stderr


def test_statement_json_ends_at_the_account_balance(world, released):
    # given the venture's accounts after the deposit and the funding
    accounts = json.loads(_ok(world["dir"], "money", "accounts", *world["as"], "--json"))
    wallet = next(a for a in accounts if a["purpose"] == "wallet" and a["currency"] == "EUR")
    # when the operator asks for the wallet's statement as JSON
    statement = json.loads(_ok(world["dir"], "money", "statement", *world["as"],
                               "--account", str(wallet["id"]), "--json"))
    # then the last running balance is the account's balance
    assert statement["lines"], "the wallet has postings"
    assert statement["lines"][-1]["balance"] == wallet["balance"]
    assert statement["account"]["balance"] == wallet["balance"]


def test_the_payee_sees_their_earnings(world, released):
    # given a release to the payee
    # when the payee asks for their earnings as JSON
    earnings = json.loads(_ok(world["dir"], "money", "earnings", "--as", PAYEE, "--json"))
    # then the payment is there with its fee, rate and paid amount
    paid = {"minor": 12862454, "currency": "INR", "amount": "128624.54"}
    design = next(e for e in earnings if e["paid"] == paid)
    assert design["contract_ref"] == "C-100" and design["milestone"] == "Design"
    assert design["fee"]["amount"] == "30.00" and design["rate"] == "109.9355"


def test_a_dispute_is_opened_by_the_payee_and_split_by_the_founder(world, released, batch):
    # given the second milestone funded and 300.00 of it refunded
    build = released["milestones"][1]
    _ok(world["dir"], "money", "fund", *world["as"], "--milestone", build, "--key", "fund-2",
        "--amount", "1800.00")
    refunded = _ok(world["dir"], "money", "refund", *world["as"], "--milestone", build,
                   "--key", "ref-2", "--amount", "300.00")
    assert "€300.00" in refunded
    # when the payee disputes it and the founder gives them 500.00 of the 1,500.00 held
    _ok(world["dir"], "money", "dispute", "--as", PAYEE, "--venture", world["venture"],
        "--milestone", build, "--reason", "late delivery")
    resolved = _ok(world["dir"], "money", "resolve", *world["as"], "--milestone", build,
                   "--key", "res-2", "--payee-share", "500.00", "--on", "2026-06-15")
    # then the payee's share is paid with a disclosure, the rest goes back, the books hold
    assert "gross €500.00" in resolved and "Refunded the rest" in resolved
    escrows = json.loads(_ok(world["dir"], "money", "escrow", "list", *world["as"], "--json"))
    milestone = next(m for e in escrows for m in e["milestones"] if str(m["id"]) == build)
    assert milestone["state"] == "settled" and milestone["refunded"]["amount"] == "1300.00"
    assert _run(world["dir"], "ledger", "check").returncode == 0


def test_a_returned_payout_is_owed_again(world, batch):
    # given a paid batch line
    line = re.search(r"line (\d+)", batch["printed"]).group(1)
    before = json.loads(_ok(world["dir"], "money", "positions", *world["as"], "--json"))
    # when the bank returns it
    printed = _ok(world["dir"], "money", "payout-failed", *world["as"], "--line", line,
                  "--key", "fail-1")
    # then the line is failed and the amount is owed to the payee again
    assert "failed" in printed
    after = json.loads(_ok(world["dir"], "money", "positions", *world["as"], "--json"))
    owed = {p["currency"]: p["payable"]["minor"] for p in after}
    owed_before = {p["currency"]: p["payable"]["minor"] for p in before}
    assert owed["INR"] - owed_before["INR"] == 12862454
