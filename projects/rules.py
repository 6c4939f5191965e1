"""Who may do what with projects (PRODUCT.md's "project and progress log" row).

The fellow owns their project; advisers of the programme read and comment;
other fellows of the cohort see only the gallery card (title and summary); a
facilitator sees the summaries of their set's members; mentors get no page here.

Predicates take a Project or anything with a `project` (entry, milestone, impact
statement); load those with `project__cohort` so a check costs no query.
"""

import rules

from accounts.roles import roles_of
from accounts.rules import (
    is_adviser_anywhere,
    is_cohort_fellow,
    is_fellow_anywhere,
    is_programme_adviser,
)
from cohorts.rules import facilitates_fellow, is_set_facilitator
from projects.models import Project


def project_of(obj) -> Project:
    return obj if isinstance(obj, Project) else obj.project


@rules.predicate
def is_project_fellow(user, obj) -> bool:
    """The fellow whose project it is, while they are still a fellow of its cohort."""
    project = project_of(obj)
    return project.fellow_id == user.pk and project.cohort_id in roles_of(user).fellow_cohorts


@rules.predicate
def is_project_adviser(user, obj) -> bool:
    return project_of(obj).cohort.programme_id in roles_of(user).adviser_programmes


@rules.predicate
def is_cohort_peer(user, obj) -> bool:
    return project_of(obj).cohort_id in roles_of(user).fellow_cohorts


@rules.predicate
def is_entry_author(user, entry) -> bool:
    return entry.author_id == user.pk


can_read_project = is_project_fellow | is_project_adviser

# Pages that are not about one object: the adviser's cohorts, the fellow's own pages.
rules.add_perm("projects.watch_projects", is_adviser_anywhere)
rules.add_perm("projects.keep_project", is_fellow_anywhere)

# Projects and what hangs off them.
rules.add_perm(
    "projects.view_project_card",
    can_read_project | is_cohort_peer | facilitates_fellow,
)
rules.add_perm("projects.view_project", can_read_project)
rules.add_perm("projects.change_project", is_project_fellow)
rules.add_perm("projects.add_entry", is_project_fellow)
rules.add_perm("projects.change_entry", is_project_fellow & is_entry_author)
rules.add_perm("projects.comment_on_entry", is_project_adviser)
# The thread under a comment: the entry's fellow and the programme's advisers.
rules.add_perm("projects.reply_to_comment", is_project_fellow | is_project_adviser)
rules.add_perm("projects.change_milestone", is_project_fellow)
rules.add_perm("projects.write_impact", is_project_fellow)

# Cohort-wide pages.
rules.add_perm("projects.start_project", is_cohort_fellow)
rules.add_perm("projects.view_board", is_programme_adviser)
rules.add_perm("projects.view_gallery", is_cohort_fellow | is_programme_adviser)
rules.add_perm("projects.view_showcase", is_cohort_fellow | is_programme_adviser)
rules.add_perm("projects.manage_showcase", is_programme_adviser)

# A learning set's project summaries.
rules.add_perm("projects.view_set_projects", is_set_facilitator | is_programme_adviser)
