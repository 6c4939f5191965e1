"""Who may do what: a programme's advisers look after its retention and ask for and
confirm erasures; a second adviser confirms one; each person sees only their own exports."""

import rules

from accounts.rules import is_programme_adviser


@rules.predicate
def asked_for_it(user, erasure) -> bool:
    return erasure is not None and erasure.requested_by_id == user.pk


rules.add_perm("privacy.manage_programme", is_programme_adviser)
rules.add_perm("privacy.view_erasure", is_programme_adviser)
rules.add_perm("privacy.confirm_erasure", is_programme_adviser & ~asked_for_it)
rules.add_perm("privacy.withdraw_erasure", is_programme_adviser)
