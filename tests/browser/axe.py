"""axe-core checks for WCAG 2.2 AA, with readable failure messages."""

from axe_playwright_python.sync_playwright import Axe

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def violations(page) -> list[str]:
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
        found.append(f"{violation['id']}: {violation['help']} at {targets}")
    return found
