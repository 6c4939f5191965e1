"""People, programmes and cohorts at national scale, inserted in bulk for `seed_scale`.

At scale 1.0: 5 programmes of 10 cohorts (20 to 100 fellows each, 3,000 in all),
500 mentors, 2 advisers and 4 facilitators a programme. Most cohorts are completed;
two a programme are running, where most activity happens.
"""

import datetime
import random
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from accounts.models import Cohort, Membership, Programme, Role, User
from seeding.demo.accounts import FIRST, LAST, ORGANISATIONS, ROLES

BATCH = 5000
PASSWORD = "pioneer-bench"
PROGRAMME_PREFIX = "National programme"


@dataclass
class ScaleContext:
    scale: float
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    programmes: list[Programme] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)
    # cohort id -> fellow user ids; programme id -> mentor / adviser user ids
    fellows: dict[int, list[int]] = field(default_factory=dict)
    mentors: dict[int, list[int]] = field(default_factory=dict)
    advisers: dict[int, list[int]] = field(default_factory=dict)
    facilitators: dict[int, list[int]] = field(default_factory=dict)
    organisation: dict[int, str] = field(default_factory=dict)  # user id -> organisation
    people: dict[str, str] = field(default_factory=dict)  # bench role -> email
    bench_cohort: Cohort | None = None
    # Filled by cohorts.scale: programme id -> theme name -> theme id; cohort id -> set ids;
    # set id -> fellow ids / facilitator id; cohort id -> (session id, starts_at, ends_at,
    # learning set id or None) in the order made.
    themes: dict[int, dict[str, int]] = field(default_factory=dict)
    learning_sets: dict[int, list[int]] = field(default_factory=dict)
    set_members: dict[int, list[int]] = field(default_factory=dict)
    set_facilitator: dict[int, int] = field(default_factory=dict)
    sessions: dict[int, list[tuple]] = field(default_factory=dict)
    # Filled by projects.scale: cohort id -> fellow id -> project id.
    projects: dict[int, dict[int, int]] = field(default_factory=dict)

    def n(self, count: float) -> int:
        return max(1, round(count * self.scale))

    @property
    def running(self) -> list[Cohort]:
        return [c for c in self.cohorts if c.status == Cohort.Status.RUNNING]


def insert_rows(model, fields: list[str], rows) -> int:
    """Insert `rows` (tuples in `fields` order, column names) into `model`'s table in bulk.

    PostgreSQL takes them through COPY, which is many times faster than INSERT at this size;
    other databases get plain batched INSERTs. Returns how many rows went in.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys for rows about to be inserted with them, taken from the
    table's sequence on PostgreSQL so later inserts never collide."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def cohort_sizes(rng: random.Random, count: int, total: int) -> list[int]:
    """`count` sizes between 20 and 100 that add up to `total` (as near as bounds allow)."""
    sizes = [rng.randint(20, 100) for _ in range(count)]
    while sum(sizes) != total:
        index = rng.randrange(count)
        step = 1 if sum(sizes) < total else -1
        if 20 <= sizes[index] + step <= 100:
            sizes[index] += step
        if all(s in (20, 100) for s in sizes):
            break
    return sizes


def _users(ctx, prefix: str, count: int, password: str) -> list[User]:
    users = []
    for i in range(count):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + len(prefix)) % len(LAST)]}"
        users.append(
            User(email=f"{prefix}.{i:05d}@scale.example.org", name=name, password=password)
        )
    return User.objects.bulk_create(users, batch_size=BATCH)


def seed(ctx: ScaleContext) -> None:
    password = make_password(PASSWORD)
    today = timezone.localdate()
    programme_count = ctx.n(5) if ctx.scale < 1 else max(5, round(5 * ctx.scale))
    cohort_count = ctx.n(50)
    per_programme = max(1, cohort_count // programme_count)
    ctx.programmes = Programme.objects.bulk_create(
        Programme(name=f"{PROGRAMME_PREFIX} {i + 1}", description=f"scale={ctx.scale}")
        for i in range(programme_count)
    )

    cohorts = []
    for programme in ctx.programmes:
        for c_index in range(per_programme):
            newest = per_programme - 1 - c_index  # 0 is the newest cohort
            if newest < 2:  # the two newest are running now
                start = (today - datetime.timedelta(days=150 + 120 * newest)).replace(day=1)
                status = Cohort.Status.RUNNING
            else:
                start = datetime.date(today.year - newest, 4, 1)
                status = Cohort.Status.COMPLETED
            cohorts.append(
                Cohort(
                    programme=programme,
                    name=f"Cohort {c_index + 1} ({start:%Y}-{(start.year + 1) % 100:02d})",
                    starts_on=start,
                    ends_on=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
                    status=status,
                )
            )
    ctx.cohorts = Cohort.objects.bulk_create(cohorts)

    sizes = cohort_sizes(ctx.rng, len(ctx.cohorts), ctx.n(3000))
    fellow_users = _users(ctx, "fellow", sum(sizes), password)
    mentor_users = _users(ctx, "mentor", ctx.n(500), password)
    adviser_users = _users(ctx, "adviser", 2 * len(ctx.programmes), password)
    facilitator_users = _users(ctx, "facilitator", 4 * len(ctx.programmes), password)

    memberships = []
    position = 0
    for cohort, size in zip(ctx.cohorts, sizes, strict=True):
        ids = []
        for user in fellow_users[position : position + size]:
            organisation = ORGANISATIONS[ctx.rng.randrange(len(ORGANISATIONS))][0]
            job_title, profession = ROLES[ctx.rng.randrange(len(ROLES))]
            ctx.organisation[user.pk] = organisation
            memberships.append(
                Membership(
                    user=user,
                    programme_id=cohort.programme_id,
                    cohort=cohort,
                    role=Role.FELLOW,
                    organisation=organisation,
                    job_title=job_title,
                    profession=profession,
                )
            )
            ids.append(user.pk)
        ctx.fellows[cohort.pk] = ids
        position += size

    for index, user in enumerate(mentor_users):
        programme = ctx.programmes[index % len(ctx.programmes)]
        organisation = ORGANISATIONS[index % len(ORGANISATIONS)][0]
        ctx.organisation[user.pk] = organisation
        ctx.mentors.setdefault(programme.pk, []).append(user.pk)
        memberships.append(
            Membership(
                user=user,
                programme=programme,
                role=Role.MENTOR,
                organisation=organisation,
                job_title="Digital leader",
            )
        )
    for index, user in enumerate(adviser_users):
        programme = ctx.programmes[index // 2]
        ctx.advisers.setdefault(programme.pk, []).append(user.pk)
        memberships.append(Membership(user=user, programme=programme, role=Role.ADVISER))
    for index, user in enumerate(facilitator_users):
        programme = ctx.programmes[index // 4]
        ctx.facilitators.setdefault(programme.pk, []).append(user.pk)
        for cohort in ctx.cohorts:
            if cohort.programme_id == programme.pk:
                memberships.append(
                    Membership(user=user, programme=programme, cohort=cohort, role=Role.FACILITATOR)
                )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    everyone = fellow_users + mentor_users + adviser_users + facilitator_users
    EmailAddress.objects.bulk_create(
        (EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in everyone),
        batch_size=BATCH,
    )

    # The people `make bench` signs in as: in the first programme's largest running cohort.
    first = ctx.programmes[0]
    running = max(
        (c for c in ctx.running if c.programme_id == first.pk),
        key=lambda c: len(ctx.fellows[c.pk]),
    )
    by_id = {u.pk: u for u in everyone}
    ctx.people = {
        "adviser": by_id[ctx.advisers[first.pk][0]].email,
        "fellow": by_id[ctx.fellows[running.pk][0]].email,
        "mentor": by_id[ctx.mentors[first.pk][0]].email,
    }
    ctx.bench_cohort = running
