"""Who may read the trail: a programme's advisers read their programme's; everyone reads
what concerns them (the "activity on your data" page needs no rule beyond signing in)."""

import rules

from accounts.rules import is_programme_adviser

rules.add_perm("audit.view_programme_trail", is_programme_adviser)
