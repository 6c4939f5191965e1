import rules

from fellowship.accounts.rules import is_programme_adviser

rules.add_perm("cohorts.manage_cohort", is_programme_adviser)
