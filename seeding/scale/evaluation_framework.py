"""The national evaluation framework each scale programme gets, for `seed_scale`.

A frozen copy of the default, larger than it: the same four domains with statements
made from a few stems per domain (`STEMS` x `TOPICS`) plus the two adviser-rated items.
There are no derived items, so every score follows from answers and ratings alone.
"""

from evaluation.defaults import DEFAULT_DOMAINS
from evaluation.models import Domain, Framework, Indicator
from evaluation.services.frameworks import default_framework_ensure

FRAMEWORK_NAME = "Skilled, Connected, Inspired (national)"
STEMS = {
    "skilled": ["I can", "I am confident that I can", "I know how to", "Colleagues rely on me to"],
    "connected": ["I", "I regularly", "This year I have begun to", "I find it easy to"],
    "inspired": ["I", "I feel able to", "I am motivated to", "I often"],
    "impactful": ["My project has helped to", "My work has", "Our team has", "I can show that we"],
}
TOPICS = {
    "skilled": [
        "explain how a digital change will improve care",
        "use user research to understand a problem before choosing a solution",
        "build a business case and a benefits plan",
        "lead a project through clinical safety sign-off",
        "work through information governance for a new service",
        "judge whether two systems can share data safely",
        "lead a multidisciplinary team through change",
        "plan how to measure what a project changed",
        "choose and manage a supplier",
        "run a small test of change and learn from it",
        "present data so that decision-makers act on it",
        "handle resistance to a change",
        "write a clear brief for designers and developers",
        "estimate the cost and effort of a digital project",
        "judge the risks of using AI in a clinical pathway",
        "bring patients into the design of a service",
        "keep a project going when priorities change",
        "explain technical choices to non-technical colleagues",
        "plan how a pilot will scale",
        "find and use the NHS service standard",
        "spot when a problem does not need a digital answer",
        "run a retrospective that changes how a team works",
        "plan training for staff adopting a new system",
        "read and question a supplier's safety case",
        "prioritise a backlog with clinical colleagues",
        "design a service that works for people who are offline",
        "use population data to target a service",
        "turn feedback from staff into changes to a service",
        "lead a meeting of people who disagree",
        "plan a go-live and the weeks after it",
    ],
    "connected": [
        "know whom to contact across the system when my work needs help",
        "learn from peers in other organisations",
        "share what I learn beyond my own organisation",
        "work with senior decision-makers who support digital change",
        "feel part of a community of digital pioneers",
        "ask other fellows for advice",
        "meet people from social care about shared problems",
        "take part in a regional digital network",
        "introduce colleagues to people who can help them",
        "hear early about work elsewhere that matters to mine",
        "work with my ICS digital team",
        "talk with patients' groups about digital services",
        "collaborate with universities or industry",
        "join national communities of practice",
        "keep in touch with my mentor between sessions",
        "get replies when I contact someone I have not met",
        "bring people from different professions together",
        "share my project openly with other trusts",
        "find out who else has solved a problem like mine",
        "feel I belong among digital leaders",
        "speak at events outside my organisation",
        "mentor someone newer to digital work",
        "work with primary care colleagues on digital change",
        "keep relationships going after a project ends",
        "use my network to unblock a problem",
        "know the people who fund digital work in my region",
        "talk with informatics leaders as a peer",
        "connect with fellows from earlier cohorts",
        "include people who are usually left out of digital work",
        "co-write with colleagues from other organisations",
    ],
    "inspired": [
        "have seen digital change that changed what I think is possible",
        "champion new ways of working in my organisation",
        "picture what good digital care could look like for the people I serve",
        "encourage colleagues to try new approaches",
        "want to keep leading digital change after the fellowship",
        "look for ideas from outside health and care",
        "believe my organisation can change how it works",
        "feel energised by the work of other fellows",
        "set myself ambitious goals for digital care",
        "share stories of what digital change made possible",
        "take considered risks to try something new",
        "see myself as a digital leader",
        "recover quickly when a project meets a setback",
        "talk about the future of care with enthusiasm",
        "seek out new technology and ask what it could do",
        "inspire others to join digital projects",
        "feel proud of what digital teams in the NHS achieve",
        "imagine services designed around patients' lives",
        "make time to learn about new approaches",
        "believe that staff can lead change from the front line",
        "feel hopeful about digital care in my area",
        "bring fresh ideas to meetings",
        "feel confident to challenge how things have always been done",
        "keep going when change is slow",
        "see how my work fits a bigger picture",
        "help colleagues see what is possible",
        "look forward to the next stage of my career",
        "feel the fellowship has widened my horizons",
        "think about problems from patients' point of view",
        "want to help the next cohort of pioneers",
    ],
    "impactful": [
        "make a measurable difference to patients or staff",
        "change a service in ways that will last",
        "be adopted by other teams or organisations",
        "shared results with leaders who can act on them",
        "save staff time that goes back into care",
        "improve access for people who struggled before",
        "reduce waits or delays",
        "improve the safety of a pathway",
        "cut paper or duplicate work",
        "improve the quality of data we rely on",
        "change how decisions are made in my organisation",
        "influence a regional or national plan",
        "secured funding to continue",
        "improve how patients experience a service",
        "reduce health inequalities in a measurable way",
        "been written up so others can learn from it",
        "helped colleagues to lead their own changes",
        "changed a policy or standard operating procedure",
        "shown a return on the money invested",
        "won support from the board",
        "become part of business as usual",
        "improved how teams work together across organisations",
        "been recognised beyond my organisation",
        "built skills in my team that will outlast the project",
        "reduced the environmental cost of a service",
        "helped staff feel more confident with digital tools",
        "changed what patients can do for themselves",
        "informed a business case for wider roll-out",
        "set up a way to keep improving the service",
        "made a service more resilient",
    ],
}


def national_framework(
    programme, per_domain: int
) -> tuple[Framework, list[Indicator], list[Domain]]:
    """A programme's frozen national framework, with its indicators and domains."""
    framework = Framework.objects.create(
        programme=programme,
        name=FRAMEWORK_NAME,
        parent=default_framework_ensure(),
        frozen=True,
    )
    domains, indicators = [], []
    for position, (key, name, description, is_outcome, _items) in enumerate(DEFAULT_DOMAINS):
        domain = Domain(
            framework=framework,
            key=key,
            name=name,
            description=description,
            is_outcome=is_outcome,
            position=position,
        )
        domains.append(domain)
    Domain.objects.bulk_create(domains)
    for domain, (key, *_, items) in zip(domains, DEFAULT_DOMAINS, strict=True):
        statements = [f"{stem} {topic}." for topic in TOPICS[key] for stem in STEMS[key]][
            ::3
        ]  # every third pairing, so neighbouring statements differ in stem and topic
        statements = (statements * 2)[:per_domain]
        for position, statement in enumerate(statements):
            weight = "1.5" if position % 7 == 0 else "1"
            indicators.append(Indicator(domain=domain, statement=statement, weight=weight,
                                        position=position))  # fmt: skip
        for kind, statement, weight, _ in items:
            if kind == Indicator.Kind.ADVISER_RATING:
                indicators.append(Indicator(domain=domain, statement=statement, kind=kind,
                                            weight=weight, position=per_domain))  # fmt: skip
    return framework, Indicator.objects.bulk_create(indicators), domains
