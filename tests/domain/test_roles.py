from hypothesis import given
from hypothesis import strategies as st

from bornglobal.domain.roles import Action, Role, may, may_assign

ORDER = [Role.MEMBER, Role.MANAGER, Role.OWNER]


@given(st.sampled_from(list(Action)), st.integers(0, 2), st.integers(0, 2))
def test_a_higher_role_may_do_everything_a_lower_role_may(action, low, high):
    # given two roles, one at least as senior as the other
    lower, higher = ORDER[min(low, high)], ORDER[max(low, high)]
    # when the lower role may act, then so may the higher
    if may(lower, action):
        assert may(higher, action)


@given(st.sampled_from(list(Action)), st.one_of(st.none(), st.text(max_size=12)))
def test_unknown_roles_are_denied_everything(action, role):
    # given a role that is not one of ours
    if role in {r.value for r in Role}:
        return
    # then nothing is allowed
    assert may(role, action) is False


def test_only_owners_make_owners():
    # given the three roles, then only an owner may assign the owner role
    assert may_assign(Role.OWNER, Role.OWNER)
    assert not may_assign(Role.MANAGER, Role.OWNER)
    assert may_assign(Role.MANAGER, Role.MEMBER)
    assert not may_assign(Role.MEMBER, Role.MEMBER)
