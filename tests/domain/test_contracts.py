"""The offer, contract and milestone state machines, tested exhaustively: every state
against every action, the legal ones against a table written out here by hand."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain import contracts_messages as msg
from bornglobal.domain.contracts import (
    CONTRACTS,
    MILESTONE_DONE,
    MILESTONE_NEEDS_CONTRACT,
    MILESTONES,
    OFFERS,
    ContractState,
    ContractType,
    InvoicingMode,
    MilestoneAction,
    MilestoneState,
    Terms,
    auto_release_due,
    check_milestone_in_contract,
    check_part,
    check_rate_ceiling,
    check_weekly_cap,
    contract_is_done,
)
from bornglobal.domain.errors import DomainError
from bornglobal.domain.money import Money

# The specification, written independently of the module's tables.
LEGAL = {
    "offer": {
        ("draft", "send"): "sent",
        ("draft", "withdraw"): "withdrawn",
        ("sent", "accept"): "accepted",
        ("sent", "decline"): "declined",
        ("sent", "expire"): "expired",
        ("sent", "withdraw"): "withdrawn",
    },
    "contract": {
        ("active", "pause"): "paused",
        ("paused", "resume"): "active",
        ("active", "dispute"): "disputed",
        ("paused", "dispute"): "disputed",
        ("disputed", "resolve"): "active",
        ("active", "complete"): "completed",
        ("active", "cancel"): "cancelled",
        ("paused", "cancel"): "cancelled",
    },
    "milestone": {
        ("pending", "fund"): "funded",
        ("pending", "cancel"): "cancelled",
        ("funded", "start"): "in_progress",
        ("in_progress", "submit"): "submitted",
        ("changes_requested", "submit"): "submitted",
        ("submitted", "request_changes"): "changes_requested",
        ("submitted", "accept"): "accepted",
        ("submitted", "auto_release"): "auto_released",
        ("in_progress", "release_part"): "in_progress",
        ("submitted", "release_part"): "submitted",
        ("changes_requested", "release_part"): "changes_requested",
        ("funded", "dispute"): "disputed",
        ("in_progress", "dispute"): "disputed",
        ("submitted", "dispute"): "disputed",
        ("changes_requested", "dispute"): "disputed",
        ("disputed", "resolve"): "resolved",
        ("funded", "refund"): "refunded",
        ("in_progress", "refund"): "refunded",
        ("changes_requested", "refund"): "refunded",
    },
}
MACHINES = {"offer": OFFERS, "contract": CONTRACTS, "milestone": MILESTONES}
EVERY_PAIR = [
    (name, state, action)
    for name, machine in MACHINES.items()
    for state in machine.states
    for action in machine.actions
]
AT = datetime(2026, 6, 15, 9, tzinfo=UTC)


@pytest.mark.parametrize(("name", "state", "action"), EVERY_PAIR)
def test_every_state_and_action_is_legal_exactly_when_the_specification_says(name, state, action):
    # given a machine, one of its states and one of its actions
    machine, expected = MACHINES[name], LEGAL[name].get((str(state), str(action)))
    if expected is not None:
        # when the pair is legal, then it moves to the specified state
        assert machine.next(state, action) == expected
        assert machine.allows(state, action)
        return
    # when it is illegal, then it is refused naming the state and the action
    with pytest.raises(DomainError) as refused:
        machine.next(state, action)
    assert refused.value.code == "illegal_transition"
    assert refused.value.details == {"machine": name, "state": str(state), "action": str(action)}
    assert str(state) in refused.value.message
    assert not machine.allows(state, action)


def test_the_tables_hold_nothing_beyond_the_specification():
    # given each machine's table
    for name, machine in MACHINES.items():
        # then it is exactly the specification, as strings
        assert {(str(s), str(a)): str(t) for (s, a), t in machine.table.items()} == LEGAL[name]


def test_final_states_allow_nothing_and_every_other_state_allows_something():
    # given the final states of each machine
    finals = {name: {s for s in m.states if m.is_final(s)} for name, m in MACHINES.items()}
    # then they are the ends of each lifecycle
    assert finals["offer"] == {"accepted", "declined", "expired", "withdrawn"}
    assert finals["contract"] == {"completed", "cancelled"}
    assert finals["milestone"] == {"accepted", "auto_released", "resolved", "refunded", "cancelled"}
    assert set(MILESTONE_DONE) == finals["milestone"]


def test_unknown_states_and_actions_are_refused():
    # when a state or action outside the enums is asked for, then it is a ValueError
    with pytest.raises(ValueError):
        OFFERS.next("lost", "send")
    with pytest.raises(ValueError):
        OFFERS.next("draft", "teleport")


@given(st.lists(st.sampled_from(list(MilestoneAction)), max_size=30))
def test_a_random_walk_of_milestone_actions_follows_the_table(actions):
    # given a milestone at pending and any sequence of actions
    state = MilestoneState.PENDING
    for action in actions:
        legal = (state, action) in MILESTONES.table
        # when each action is tried
        try:
            after = MILESTONES.next(state, action)
        except DomainError as refusal:
            # then only illegal ones are refused, and the state stays
            assert not legal and refusal.code == "illegal_transition"
            continue
        assert legal and after == MILESTONES.table[(state, action)]
        state = after
    # and money never leaves without a funded milestone: paid states were funded first
    assert state in MilestoneState


@given(st.lists(st.sampled_from(list(MilestoneAction)), max_size=30))
def test_work_never_starts_before_the_milestone_is_funded(actions):
    # given any sequence of legal actions from pending
    state, seen = MilestoneState.PENDING, []
    for action in actions:
        if MILESTONES.allows(state, action):
            seen.append(action)
            state = MILESTONES.next(state, action)
    # then start, submit and every payment come only after fund
    later = {"start", "submit", "accept", "auto_release", "release_part", "refund", "dispute"}
    first_paid = next((i for i, a in enumerate(seen) if a in later), None)
    if first_paid is not None:
        assert "fund" in seen[:first_paid]


@pytest.mark.parametrize("contract_state", list(ContractState))
@pytest.mark.parametrize("action", list(MilestoneAction))
def test_milestone_actions_need_a_contract_state_that_allows_them(contract_state, action):
    # given a contract state and a milestone action
    allowed = contract_state in MILESTONE_NEEDS_CONTRACT[action]
    # when the milestone action is checked against the contract
    if allowed:
        check_milestone_in_contract(action, contract_state)
        # then work moves only in an active contract, except disputes and their ends
        assert contract_state == "active" or action in {"dispute", "resolve", "refund", "cancel"}
        return
    with pytest.raises(DomainError) as refused:
        check_milestone_in_contract(action, contract_state)
    assert refused.value.code == "illegal_transition"
    assert refused.value.details["state"] == contract_state


def test_a_contract_is_done_when_every_milestone_is_done():
    # then an empty contract is not done, and one open milestone keeps it open
    assert not contract_is_done([])
    assert contract_is_done(["accepted", "auto_released", "refunded"])
    assert not contract_is_done(["accepted", "submitted"])


@pytest.mark.parametrize("command", list(msg.EVENT_FOR))
def test_every_command_applied_where_legal_yields_its_past_tense_event(command):
    # given a state from which the command's action is legal
    machine = command.machine
    state = next(s for s in machine.states if machine.allows(s, command.action))
    # when it is applied
    event = msg.apply(command(subject_id=7), state, AT)
    # then the event names what happened, from and to which state, at the instant
    assert isinstance(event, msg.EVENT_FOR[command])
    assert (event.subject_id, event.before, event.at) == (7, str(state), AT)
    assert event.after == machine.next(state, command.action)
    assert event.name.endswith(("ed", "sent", "withdrawn"))  # past tense


@pytest.mark.parametrize("command", list(msg.EVENT_FOR))
def test_every_command_applied_where_illegal_is_refused(command):
    # given every state from which the command's action is illegal
    machine = command.machine
    for state in (s for s in machine.states if not machine.allows(s, command.action)):
        # then applying it is refused
        with pytest.raises(DomainError, match=str(state)):
            msg.apply(command(subject_id=1), state, AT)


def test_events_have_snake_case_names():
    event = msg.apply(msg.SubmitDeliverable(3, note="v1"), "in_progress", AT)
    assert event.name == "deliverable_submitted"


# Terms


def _fixed(**changes) -> Terms:
    return Terms(**{"type": ContractType.FIXED, "pay_currency": "INR", **changes})


@pytest.mark.parametrize("days", [7, 14, 28])
def test_the_auto_release_period_may_be_7_14_or_28_days(days):
    assert _fixed(auto_release_days=days).auto_release_days == days


@pytest.mark.parametrize("days", [0, 1, 6, 8, 13, 15, 21, 27, 29, 30, -7, True])
def test_any_other_auto_release_period_is_refused(days):
    with pytest.raises(DomainError) as refused:
        _fixed(auto_release_days=days)
    assert refused.value.code == "invalid_auto_release_period"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"dispute_window_days": 0}, "invalid_dispute_window"),
        ({"dispute_window_days": 61}, "invalid_dispute_window"),
        ({"platform_fee_bp": -1}, "invalid_platform_fee"),
        ({"platform_fee_bp": 10_001}, "invalid_platform_fee"),
        ({"hourly_rate": Money(5000, "EUR")}, "invalid_terms"),
        ({"weekly_cap_hours": 10}, "invalid_terms"),
        ({"pay_currency": "XYZ"}, "invalid_currency"),
    ],
)
def test_bad_terms_are_refused_with_a_code(changes, code):
    with pytest.raises(DomainError) as refused:
        _fixed(**changes)
    assert refused.value.code == code


def test_terms_are_frozen_and_enums_are_read_from_text():
    # given terms built from plain text, as from a form
    terms = Terms(type="fixed", pay_currency="EUR", invoicing="self_billing")
    # then the enums are enums, and the terms cannot change
    assert terms.type is ContractType.FIXED and terms.invoicing is InvoicingMode.SELF_BILLING
    with pytest.raises(AttributeError):
        terms.auto_release_days = 7


def test_hourly_terms_need_a_positive_rate_and_a_cap_within_80_hours():
    rate = Money(4_000, "EUR")
    terms = Terms(type="hourly", pay_currency="EUR", hourly_rate=rate, weekly_cap_hours=20)
    assert terms.weekly_ceiling == Money(80_000, "EUR")
    for cap in (0, 81):
        with pytest.raises(DomainError, match="weekly cap"):
            Terms(type="hourly", pay_currency="EUR", hourly_rate=rate, weekly_cap_hours=cap)
    with pytest.raises(DomainError):
        Terms(type="hourly", pay_currency="EUR", hourly_rate=rate)
    assert _fixed().weekly_ceiling is None


def test_week_pay_is_rate_times_minutes_rounded_half_even_and_capped():
    # given 40.00 an hour, capped at 10 hours
    terms = Terms(
        type="hourly", pay_currency="EUR", hourly_rate=Money(4_000, "EUR"), weekly_cap_hours=10
    )
    # then 90 minutes pay 60.00, 1 minute 0.67 (66.67 cents rounded), and 601 minutes are refused
    assert terms.week_pay(90) == Money(6_000, "EUR")
    assert terms.week_pay(1) == Money(67, "EUR")
    with pytest.raises(DomainError) as refused:
        terms.week_pay(601)
    assert refused.value.code == "weekly_cap_exceeded"
    with pytest.raises(DomainError):
        _fixed().week_pay(60)


@given(st.integers(0, 4800), st.integers(0, 4800), st.integers(1, 80))
def test_the_weekly_cap_admits_exactly_the_minutes_within_it(logged, adding, cap):
    within = logged + adding <= cap * 60
    if within:
        assert check_weekly_cap(logged, adding, cap) == logged + adding
    else:
        with pytest.raises(DomainError):
            check_weekly_cap(logged, adding, cap)


def test_rates_above_the_role_ceiling_are_refused():
    ceiling = Money(5_000, "EUR")
    assert check_rate_ceiling(Money(5_000, "EUR"), ceiling) == Money(5_000, "EUR")
    assert check_rate_ceiling(Money(9_000, "EUR"), None) == Money(9_000, "EUR")
    for rate in (Money(5_001, "EUR"), Money(100, "USD")):
        with pytest.raises(DomainError) as refused:
            check_rate_ceiling(rate, ceiling)
        assert refused.value.code == "rate_above_ceiling"


def test_a_part_release_is_positive_and_less_than_what_is_held():
    held = Money(10_000, "EUR")
    assert check_part(held, Money(1, "EUR")) == Money(1, "EUR")
    for part in (Money(0, "EUR"), Money(10_000, "EUR"), Money(-5, "EUR"), Money(5, "USD")):
        with pytest.raises(DomainError) as refused:
            check_part(held, part)
        assert refused.value.code == "invalid_part"


# Auto-release


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),  # noqa: DTZ001 (hypothesis adds the zone)
        max_value=datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30))]),
    ),
    st.sampled_from([7, 14, 28]),
)
def test_auto_release_is_due_exactly_the_period_after_submission_in_utc(submitted, days):
    due = auto_release_due(submitted, days)
    assert due.tzinfo is UTC
    assert due - submitted == timedelta(days=days)


def test_auto_release_refuses_naive_instants_and_other_periods():
    with pytest.raises(DomainError) as naive:
        auto_release_due(datetime(2026, 6, 1, 9), 14)  # noqa: DTZ001
    assert naive.value.code == "naive_datetime"
    with pytest.raises(DomainError):
        auto_release_due(AT, 10)


def test_evidence_is_due_the_dispute_window_after_the_dispute_opens():
    assert _fixed(dispute_window_days=10).evidence_due(AT) == AT + timedelta(days=10)
