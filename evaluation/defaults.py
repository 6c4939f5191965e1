"""The default evaluation framework, as plain data.

The seed's aim is "impactful Digital Pioneers" who are Skilled, Connected and
Inspired. A data migration creates this framework so every deployment has it,
and `services.frameworks.default_framework_ensure` recreates it when a test run or a
demo reset has emptied the tables. Keep it plain data: no model imports.
"""

DEFAULT_FRAMEWORK_NAME = "Skilled, Connected, Inspired"

SELF = "self_assessment"
ADVISER = "adviser_rating"
DERIVED = "derived"

# (key, name, description, is_outcome, [(kind, statement, weight, derived_key)])
DEFAULT_DOMAINS = [
    (
        "skilled",
        "Skilled",
        "Equipped with the skills a digital pioneer needs to lead change in health and care.",
        False,
        [
            (
                SELF,
                "I can explain how a digital change will improve care to clinical and "
                "non-clinical colleagues.",
                "1",
                "",
            ),
            (
                SELF,
                "I use user research and service design to understand a problem before "
                "choosing a solution.",
                "1",
                "",
            ),
            (
                SELF,
                "I can build a business case and a benefits plan for a digital project.",
                "1",
                "",
            ),
            (
                SELF,
                "I understand clinical safety, information governance and interoperability "
                "well enough to lead a project through them.",
                "1",
                "",
            ),
            (
                SELF,
                "I can lead a multidisciplinary team through change, including when it meets "
                "resistance.",
                "1.5",
                "",
            ),
            (
                ADVISER,
                "Shows the skills of a digital leader in their project work (adviser's rating).",
                "1",
                "",
            ),
        ],
    ),
    (
        "connected",
        "Connected",
        "Connected with each other and with key influencers across the health and care system.",
        False,
        [
            (
                SELF,
                "I know whom to contact across the health and care system when my work needs help.",
                "1",
                "",
            ),
            (SELF, "I have peers in other organisations whom I learn from regularly.", "1", ""),
            (
                SELF,
                "I share what I learn with people beyond my own organisation.",
                "1",
                "",
            ),
            (
                SELF,
                "I have working relationships with senior decision-makers who can support "
                "digital change.",
                "1.5",
                "",
            ),
            (SELF, "I feel part of a community of digital pioneers.", "1", ""),
            (
                DERIVED,
                "Distinct mentors met in mentoring sessions that were held.",
                "1",
                "mentors_met",
            ),
            (
                DERIVED,
                "Share of learning-set meetings attended.",
                "1",
                "learning_set_attendance",
            ),
            (DERIVED, "Programme sessions attended.", "0.5", "sessions_attended"),
            (
                DERIVED,
                "People tied to in the programme network (learning sets and mentoring).",
                "1",
                "network_ties",
            ),
            (
                DERIVED,
                "Other organisations reached through those ties.",
                "1",
                "organisations_reached",
            ),
        ],
    ),
    (
        "inspired",
        "Inspired",
        "Inspired by seeing what amazing things are possible with digital in health and care.",
        False,
        [
            (
                SELF,
                "I have seen examples of digital change in health and care that changed what I "
                "believe is possible.",
                "1",
                "",
            ),
            (
                SELF,
                "I feel confident to champion new ways of working in my organisation.",
                "1",
                "",
            ),
            (
                SELF,
                "I have a clear picture of what good digital care could look like for the people "
                "my service serves.",
                "1",
                "",
            ),
            (SELF, "I encourage colleagues to try new approaches.", "1", ""),
            (
                SELF,
                "I am motivated to keep leading digital change after the fellowship.",
                "1.5",
                "",
            ),
        ],
    ),
    (
        "impactful",
        "Impactful",
        "The outcome: significant, positive and sustainable impact through digital change.",
        True,
        [
            (
                SELF,
                "My project has made a measurable difference to patients, service users or staff.",
                "1.5",
                "",
            ),
            (
                SELF,
                "The changes from my project will last without my day-to-day involvement.",
                "1",
                "",
            ),
            (
                SELF,
                "Other teams or organisations have adopted, or plan to adopt, what my project did.",
                "1",
                "",
            ),
            (
                SELF,
                "I have shared my project's results with leaders who can act on them.",
                "1",
                "",
            ),
            (SELF, "Colleagues ask me for advice on digital change.", "1", ""),
            (
                ADVISER,
                "The project's impact is significant, positive and sustainable (adviser's rating).",
                "1.5",
                "",
            ),
        ],
    ),
]


def create_default_framework(framework_model, domain_model, indicator_model):
    """Create the default framework with the given model classes (historical ones in
    the migration). Returns the framework; does nothing if it exists."""
    framework, created = framework_model.objects.get_or_create(
        programme=None, name=DEFAULT_FRAMEWORK_NAME, version=1, defaults={"frozen": False}
    )
    if not created:
        return framework
    for position, (key, name, description, is_outcome, items) in enumerate(DEFAULT_DOMAINS):
        domain = domain_model.objects.create(
            framework=framework,
            key=key,
            name=name,
            description=description,
            is_outcome=is_outcome,
            position=position,
        )
        indicator_model.objects.bulk_create(
            indicator_model(
                domain=domain,
                kind=kind,
                statement=statement,
                weight=weight,
                derived_key=derived_key,
                position=index,
            )
            for index, (kind, statement, weight, derived_key) in enumerate(items)
        )
    return framework
