"""A consultant's layer changes estimate data: prices, terms, settings, each number traceable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from advisor.cli import main
from advisor.errors import InputError
from advisor.pack.estimates import ESTIMATES_FILE
from advisor.pack.layers import load_pack_stack
from tests.conftest import DATA, ROOT

CHECKOUT = ROOT / "examples" / "checkout-platform.yaml"
SIZED = ("--set", "scale.peak_instances=10", "--set", "app.accelerators=none")
REGIONAL_PRICE = """\
prices:
  - override: aws-ec2-m6i-large-linux
    usd: 0.112
    source: https://example.com/acme-rate-card-eu
    as_of: 2026-11-15
    note: Acme's negotiated rate in eu-central-1.
"""


def layer(root: Path, estimates: str, **files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text("name: acme\nversion: 1.0.0\n", encoding="utf-8")
    (root / ESTIMATES_FILE).write_text(estimates, encoding="utf-8")
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def report(capsys: pytest.CaptureFixture[str], fmt: str, *args: str) -> str:
    argv = ["report", "--answers", str(CHECKOUT), "--format", fmt, "--date", "2026-11-27", *SIZED, *args]
    assert main(argv) == 0
    return capsys.readouterr().out


def load_error(root: Path) -> str:
    with pytest.raises(InputError) as error:
        load_pack_stack([root])
    return str(error.value)


def test_a_layer_that_changes_one_price_changes_the_number_and_names_the_layer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acme = layer(tmp_path / "acme", REGIONAL_PRICE)
    before = json.loads(report(capsys, "json"))["estimates"]["golden-image"]
    result = json.loads(report(capsys, "json", "--rules", str(acme)))
    after = result["estimates"]["golden-image"]
    # ten VMs at $0.096 an hour, then at $0.112, plus the load balancer's $16.43 a month
    assert before["monthly_cost_usd"] == [717, 717]
    assert after["monthly_cost_usd"] == [834, 834]
    assert "aws-ec2-m6i-large-linux" in after["prices"]
    price = result["estimate_basis"]["prices"]["aws-ec2-m6i-large-linux"]
    assert price | {"monthly_usd": None} == {
        "id": "aws-ec2-m6i-large-linux",
        "item": "Amazon EC2 m6i.large (2 vCPU, 8 GiB), Linux, on demand, per hour",
        "usd": 0.112,
        "per": "hour",
        "monthly_usd": None,
        "source": "https://example.com/acme-rate-card-eu",
        "as_of": "2026-11-15",
        "verified": False,
        "note": "Acme's negotiated rate in eu-central-1.",
        "pack": "acme",
    }
    text = report(capsys, "md", "--rules", str(acme))
    assert "| Golden VM images | " in text and "| $830 |" in text  # $834, to two figures
    assert (
        "- `aws-ec2-m6i-large-linux`: Amazon EC2 m6i.large (2 vCPU, 8 GiB), Linux, on demand, per hour: "
        "$0.112 an hour ($81.76 a month), as of 2026-11-15; **not confirmed on the vendor's page** "
        "([source](https://example.com/acme-rate-card-eu)). Acme's negotiated rate in eu-central-1. "
        "*From acme.*" in text
    )


def test_a_term_override_changes_only_the_keys_it_gives(tmp_path: Path) -> None:
    acme = layer(
        tmp_path / "acme",
        "terms:\n  - override: no-orchestrator-experience-kubernetes\n    people_fte: {add: [1, 2]}\n",
    )
    term = next(
        t for t in load_pack_stack([acme]).estimates.terms if t.id == "no-orchestrator-experience-kubernetes"
    )
    assert term.spec.people_fte is not None
    assert term.spec.people_fte.add == (1, 2)
    assert term.spec.weeks_to_production is not None  # kept from the default
    assert term.spec.when is not None and term.spec.unless_running  # kept too
    assert term.origin == "acme"


def test_a_layer_adds_and_disables_terms_and_reaches_its_own_platforms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = (
        "platforms:\n  - id: acme-paas\n    name: Acme internal PaaS\n    strategy: containers\n"
        "    summary: The platform team's own.\n"
    )
    estimates = (
        "disable: [no-container-experience]\n"
        "terms:\n  - id: acme-support\n    options: [acme-paas]\n"
        "    people_fte: {add: [0.1, 0.1]}\n    because: Acme's platform team runs it.\n"
    )
    acme = layer(tmp_path / "acme", estimates, **{"options.yaml": options})
    pack = load_pack_stack([acme])
    numbers = pack.estimates.reaching["acme-paas"]
    ids = {pack.estimates.ids[n] for n in numbers}
    assert "acme-support" in ids and "some-container-experience" in ids  # the default's reach the new one
    assert "no-container-experience" not in {t.id for t in pack.estimates.terms}


def test_a_changed_price_needs_its_own_source_and_date(tmp_path: Path) -> None:
    acme = layer(tmp_path / "acme", "prices:\n  - override: aws-alb\n    usd: 0.03\n")
    assert load_error(acme) == (
        f"{acme / ESTIMATES_FILE}:2:5: prices[0]: value error, a changed price needs its own "
        "'source' and 'as_of', so the report cites it, got a mapping"
    )


def test_ids_are_overridden_explicitly_and_must_exist(tmp_path: Path) -> None:
    estimates = (
        "prices:\n"
        "  - id: aws-alb\n    item: x\n    usd: 1\n    per: month\n    source: https://e.com\n"
        "    as_of: 2026-01-01\n"
        "  - override: aws-alp\n    note: typo\n"
        "terms:\n  - override: paas-rn\n    because: typo\n"
        "disable: [paas-rum]\n"
    )
    acme = layer(tmp_path / "acme", estimates)
    at = acme / ESTIMATES_FILE
    lines = load_error(acme).splitlines()
    assert lines[0].startswith(f"{at}:2:9: price 'aws-alb' is already defined at ")
    assert lines[0].endswith("; write 'override: aws-alb' to change it, or choose another id")
    assert lines[1:] == [
        f"{at}:8:15: override: no price 'aws-alp' below this pack (did you mean 'aws-alb'?)",
        f"{at}:11:15: override: no term 'paas-rn' below this pack (did you mean 'paas-run'?)",
        f"{at}:13:11: disable: no term 'paas-rum' below this pack (did you mean 'paas-run'?)",
    ]


def test_a_layer_may_change_settings_key_by_key(tmp_path: Path) -> None:
    acme = layer(tmp_path / "acme", "settings:\n  scope: Acme's own scope.\n")
    settings = load_pack_stack([acme]).estimates.settings
    assert settings.scope == "Acme's own scope."
    assert settings.instances_fact == "scale.peak_instances"


def test_a_layer_setting_left_null_keeps_the_packs_below(tmp_path: Path) -> None:
    acme = layer(tmp_path / "acme", "settings:\n  headcount: null\n  scope: null\n")
    settings = load_pack_stack([acme]).estimates.settings
    assert settings.headcount == {"team.ops_engineers": "operations engineer", "team.engineers": "engineer"}
    assert settings.scope.startswith("List prices")


def test_a_layer_marks_a_term_unless_running_and_maps_another_answer(tmp_path: Path) -> None:
    """Acme's layer says only ECS and Cloud Foundry mean a platform it runs, and counts a term
    only where the platform is new: the term is counted as one copy per platform, those for
    ECS and the PaaS reading the platform answer, the one for serverless containers not."""
    acme = layer(
        tmp_path / "acme",
        """\
settings:
  running:
    fact: hosting.existing_platform
    options: {ecs: [ecs], cloud-foundry: [paas]}
terms:
  - override: regulated-on-a-provider-platform
    unless_running: true
""",
    )
    counted = [
        t for t in load_pack_stack([acme]).estimates.counted if t.id == "regulated-on-a-provider-platform"
    ]
    assert {(t.reaches, str(sorted(t.reads))) for t in counted} == {
        (("paas",), "['hosting.existing_platform', 'hosting.regulated']"),
        (("ecs",), "['hosting.existing_platform', 'hosting.regulated']"),
        (("serverless-containers",), "['hosting.regulated']"),
    }
    holds = {
        (t.reaches or ())[0]: [
            p
            for p in ("ecs", "cloud-foundry", "paas")
            if t.test({"hosting.regulated": True, "hosting.existing_platform": p})
        ]
        for t in counted
    }
    assert holds == {
        "paas": ["ecs", "paas"],
        "ecs": ["cloud-foundry", "paas"],
        "serverless-containers": ["ecs", "cloud-foundry", "paas"],
    }


def test_a_platform_several_options_reach_runs_when_any_of_them_says_so(tmp_path: Path) -> None:
    """Kubernetes means containers (every container platform), VMs mean Docker hosts only with
    containers in production: the copy for Docker hosts holds where neither does, for a team on
    Kubernetes too (a copy had taken the last option's condition for both answers)."""
    acme = layer(
        tmp_path / "acme",
        """\
settings:
  running:
    fact: hosting.existing_platform
    options: {kubernetes: [containers], vms: [docker-hosts]}
    only_when:
      docker-hosts: team.container_experience == production
terms:
  - override: low-time-pressure
    unless_running: true
""",
    )
    pack = load_pack_stack([acme])
    copy = next(
        t
        for t in pack.estimates.counted
        if t.id == "low-time-pressure" and "docker-hosts" in (t.reaches or ())
    )
    base = {"delivery.time_pressure": "low", "team.container_experience": "some"}
    assert copy.test(base | {"hosting.existing_platform": "kubernetes"}) is False  # runs containers
    assert copy.test(base | {"hosting.existing_platform": "vms"}) is True  # VMs, no containers yet
    production = base | {"team.container_experience": "production"}
    assert copy.test(production | {"hosting.existing_platform": "vms"}) is False
    opened = {"delivery.time_pressure": "low", "hosting.existing_platform": "vms"}
    assert copy.test(opened) is None  # the experience unanswered: either way
    assert {"hosting.existing_platform", "team.container_experience"} <= pack.estimates.reads


def test_a_layer_adds_caveats_after_the_packs_below_and_cannot_take_their_ids(tmp_path: Path) -> None:
    acme = layer(
        tmp_path / "acme",
        "caveats:\n  - id: acme-egress\n    when: hosting.provider == aws\n    text: Acme pays egress.\n",
    )
    caveats = [caveat.id for caveat in load_pack_stack([acme]).estimates.caveats]
    assert caveats[-1] == "acme-egress" and "several-regions" in caveats
    taken = layer(
        tmp_path / "taken",
        "caveats:\n  - id: spiky-load\n    when: app.load_profile == spiky\n    text: Again.\n",
    )
    assert "duplicate caveat id 'spiky-load'" in load_error(taken)


AZURE_AKS_AUTOMATIC = DATA / "azure-logistics-aks.yaml"
AKS_AUTOMATIC_PRICE = """\
prices:
  - id: acme-aks-automatic
    item: AKS Automatic, the client's quoted rate per node and month
    usd: 180
    per: month
    source: https://example.com/acme-azure-quote
    as_of: 2026-11-20
terms:
"""


def aks_automatic(capsys: pytest.CaptureFixture[str], *rules: Path) -> dict[str, Any]:
    """The JSON result of the Azure team offered AKS Automatic, with these layers."""
    layers = [arg for root in rules for arg in ("--rules", str(root))]
    assert main(["report", "--answers", str(AZURE_AKS_AUTOMATIC), "--format", "json", *layers]) == 0
    return cast(dict[str, Any], json.loads(capsys.readouterr().out))


def test_a_layer_that_confirms_a_rate_prices_a_term_that_was_unpriced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AKS Automatic has no cost band in the default pack (its rates are unconfirmed); a
    consultant's layer with a quoted rate turns the term into a priced one."""
    acme = layer(
        tmp_path / "acme",
        AKS_AUTOMATIC_PRICE
        + "  - override: aks-automatic-rates-unconfirmed\n    unpriced: false\n"
        + "    monthly_cost_usd: {per: {scale.peak_instances: [1, 1]}, price: acme-aks-automatic}\n",
    )
    default = aks_automatic(capsys)["estimates"]["managed-kubernetes"]
    assert default["unpriced"].startswith("AKS Automatic") and default["monthly_cost_usd"] is None
    found = aks_automatic(capsys, acme)["estimates"]["managed-kubernetes"]
    assert found["unpriced"] is None and found["monthly_cost_usd"] is not None
    assert "aks-automatic-rates-unconfirmed" in found["assumptions"]


def test_a_term_unpriced_is_no_assumption_where_another_term_prices_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A layer prices AKS Automatic with a term of its own while the default's unpriced term
    still holds: the option has a band, and the reason it would have none is not listed."""
    acme = layer(
        tmp_path / "acme",
        AKS_AUTOMATIC_PRICE
        + "  - id: acme-aks-automatic-nodes\n    options: [managed-kubernetes]\n"
        + "    when: hosting.provider == azure\n"
        + "    monthly_cost_usd: {per: {scale.peak_instances: [1, 1]}, price: acme-aks-automatic}\n"
        + "    because: Acme's quoted AKS Automatic rate.\n",
    )
    result = aks_automatic(capsys, acme)
    found = result["estimates"]["managed-kubernetes"]
    assert found["unpriced"] is None and found["monthly_cost_usd"] is not None
    assert "aks-automatic-rates-unconfirmed" not in found["assumptions"]
    assert "aks-automatic-rates-unconfirmed" not in result["estimate_basis"]["terms"]
