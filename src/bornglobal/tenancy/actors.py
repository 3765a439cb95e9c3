"""Who is asking: a user, possibly narrowed by the API token they came with.

Every selector and service takes an `Actor`. A session login reaches everything
the user's memberships allow; a venture token reaches that one venture only; a
freelancer token reaches the user's own side and no venture at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from bornglobal.tenancy.models import User


@dataclass(frozen=True, slots=True)
class Actor:
    user: User
    venture_scope: int | None = None
    freelancer_only: bool = False

    def reaches_venture(self, venture_id: int) -> bool:
        if self.freelancer_only:
            return False
        return self.venture_scope is None or self.venture_scope == venture_id

    @property
    def may_manage_own_account(self) -> bool:
        """Tokens cannot mint tokens for other scopes or change the account itself."""
        return self.venture_scope is None and not self.freelancer_only


def session_actor(user: User) -> Actor:
    return Actor(user=user)
