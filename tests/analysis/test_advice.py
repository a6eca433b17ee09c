"""Advice from pack data: the product on the team's provider, the risks that apply, next steps."""

from __future__ import annotations

import pytest

from advisor.answers import Answers
from advisor.evaluate import evaluate
from advisor.facts import Facts
from advisor.pack.bundled import default_rules_dir
from advisor.pack.load import load_rule_pack
from advisor.result import Result

PACK = load_rule_pack(default_rules_dir())
DEFAULTS: Facts = {
    fact: tuple(q.default) if isinstance(q.default, list) else q.default  # type: ignore[misc]
    for fact, q in PACK.bank.facts.items()
    if q.default is not None
}


def result(**answers: object) -> Result:
    facts = {**DEFAULTS, **{key.replace("__", "."): value for key, value in answers.items()}}
    return evaluate(PACK, Answers(facts=facts))  # type: ignore[arg-type]


def offered(result: Result, option: str) -> tuple[list[str], bool]:
    view = next(o for o in result.options if o.id == option)
    return [product.name for product in view.offered], view.offered_here


@pytest.mark.parametrize(
    ("provider", "os", "product"),
    [
        ("aws", "linux", "Amazon ECS Express Mode"),
        ("aws", "windows", "Amazon ECS on Fargate, Windows tasks"),
        ("gcp", "linux", "Google Cloud Run"),
        ("azure", "linux", "Azure Container Apps"),
    ],
)
def test_serverless_containers_name_the_product_on_the_teams_cloud(
    provider: str, os: str, product: str
) -> None:
    found = result(hosting__provider=provider, app__os=os)
    assert offered(found, "serverless-containers") == ([product], True)


def test_an_undecided_provider_lists_the_candidates_on_every_cloud_and_names_none() -> None:
    names, here = offered(result(hosting__provider="undecided"), "serverless-containers")
    assert not here
    assert {"Amazon ECS Express Mode", "Google Cloud Run", "Azure Container Apps"} <= set(names)


def test_gpu_work_with_the_cloud_open_lists_only_serverless_products_with_gpus() -> None:
    """Fargate has no GPUs: Express Mode and AWS Batch on Fargate are no candidates for GPU work."""
    names, here = offered(
        result(hosting__provider="undecided", app__accelerators="gpu", app__workload_kind="both"),
        "serverless-containers",
    )
    assert not here
    assert names == ["Google Cloud Run", "Azure Container Apps"]


def test_a_provider_with_products_elsewhere_gets_no_other_providers_candidates() -> None:
    """A team on another cloud has PaaS products in the pack, their image deploys for
    serverless containers and the smaller clouds' Kubernetes services, but no golden-image
    product: it is not offered EC2 Auto Scaling groups or scale sets as candidates. Another
    cloud is many vendors (`many_vendors`): Render and Fly.io are its candidates, not both
    on the team's provider; a product for every provider (Nomad) is on it."""
    other_cloud = result(hosting__provider="other-cloud")
    assert offered(other_cloud, "golden-image") == ([], False)
    names, here = offered(other_cloud, "managed-kubernetes")
    assert not here and "DigitalOcean Kubernetes (DOKS)" in names and "AKS Automatic" not in names
    names, here = offered(other_cloud, "paas")
    assert not here and "Render" in names
    names, here = offered(other_cloud, "serverless-containers")
    assert not here and "Render, deploying images" in names and "Google Cloud Run" not in names
    assert offered(other_cloud, "nomad") == (["HashiCorp Nomad"], True)
    assert offered(result(hosting__provider="aws"), "paas")[1]


def test_a_hybrid_estate_is_offered_the_control_plane_of_its_cloud_over_its_own_nodes() -> None:
    """Each product comes from one cloud: with the cloud part answered, its own; left open, the
    three as candidates, none named."""
    for cloud, product in (
        ("aws", "Amazon EKS Hybrid Nodes"),
        ("azure", "AKS enabled by Azure Arc"),
        ("gcp", "Google Distributed Cloud (software only)"),
    ):
        found = result(hosting__provider="hybrid", hosting__hybrid_cloud=cloud)
        assert offered(found, "managed-kubernetes") == ([product], True)
    elsewhere = result(hosting__provider="hybrid", hosting__hybrid_cloud="other")
    assert offered(elsewhere, "managed-kubernetes") == ([], False)
    facts = {**DEFAULTS, "hosting.provider": "hybrid"}
    del facts["hosting.hybrid_cloud"]
    names, here = offered(evaluate(PACK, Answers(facts=facts)), "managed-kubernetes")
    assert not here and names == [
        "Amazon EKS Hybrid Nodes",
        "AKS enabled by Azure Arc",
        "Google Distributed Cloud (software only)",
    ]


@pytest.mark.parametrize(
    ("provider", "os", "products"),
    [
        ("aws", "linux", ["Amazon EKS Auto Mode"]),
        ("aws", "windows", ["Amazon EKS with Windows managed node groups"]),  # Auto Mode: Linux nodes
        ("aws", "mixed", ["Amazon EKS with Windows managed node groups"]),
        ("hybrid", "mixed", []),  # EKS Hybrid Nodes run Linux only: the AWS cloud part has none
    ],
)
def test_managed_kubernetes_offers_only_products_whose_nodes_run_the_workloads(
    provider: str, os: str, products: list[str]
) -> None:
    found = offered(result(hosting__provider=provider, app__os=os), "managed-kubernetes")
    assert found == (products, bool(products))


def test_batch_jobs_on_ecs_name_aws_batch_and_services_name_ecs() -> None:
    on_aws = {"hosting__provider": "aws"}
    batch = offered(result(**on_aws, app__workload_kind="batch"), "ecs")
    assert batch == (["AWS Batch on ECS Managed Instances"], True)
    assert offered(result(**on_aws, app__workload_kind="both"), "ecs") == (["Amazon ECS"], True)
    windows = offered(result(**on_aws, app__workload_kind="batch", app__os="windows"), "ecs")
    assert windows == (["Amazon ECS"], True)


def test_a_batch_service_is_listed_beside_the_web_one_not_against_it() -> None:
    """Web and batch work on AWS: Express Mode carries the web side and AWS Batch the batch side;
    they complement each other, so Express Mode is named and AWS Batch listed beside it (with
    both counted as the team's choice, no product was named at all)."""
    aws = {"hosting__provider": "aws", "team__ops_engineers": 0, "team__container_experience": "production"}
    both = result(**aws, app__workload_kind="both")
    assert both.recommendation.platform == "serverless-containers"
    assert both.recommendation.product and both.recommendation.product.name == "Amazon ECS Express Mode"
    view = next(o for o in both.options if o.id == "serverless-containers")
    assert [(p.name, p.beside) for p in view.offered] == [
        ("Amazon ECS Express Mode", None),
        ("AWS Batch on Fargate", "the batch work"),
    ]
    alone = next(
        o for o in result(**aws, app__workload_kind="batch").options if o.id == "serverless-containers"
    )
    assert [(p.name, p.beside) for p in alone.offered] == [("AWS Batch on Fargate", None)]


def test_the_recommendation_carries_its_product_with_source_and_date() -> None:
    found = result(
        app__components=1, team__ops_engineers=0, stack__languages=("python",), hosting__provider="azure"
    )
    assert (found.recommendation.strategy, found.recommendation.platform) == ("paas", None)
    product = found.recommendation.product
    assert product is not None and product.name == "Azure App Service"
    assert product.source and product.source.startswith("https://") and product.as_of == "2026-11-29"


def test_a_risk_appears_only_where_its_condition_holds() -> None:
    linux = {risk.id for risk in result(app__os="linux").risks}
    windows = {risk.id for risk in result(app__os="windows").risks}
    assert "containers-windows-hosts" in windows and "containers-windows-hosts" not in linux


def test_a_small_team_keeping_its_platform_is_not_told_to_choose_another() -> None:
    """A six-engineer Swarm shop is told to time-box platform work, not to pick serverless,
    ECS or a node-managing Kubernetes mode its own report excluded."""
    keeps = {risk.id for risk in result(team__engineers=6, hosting__existing_platform="swarm").risks}
    starts = {risk.id for risk in result(team__engineers=6, hosting__existing_platform="none").risks}
    assert "containers-platform-work-kept" in keeps and "containers-platform-work" not in keeps
    assert "containers-platform-work" in starts and "containers-platform-work-kept" not in starts


def test_next_steps_start_from_where_the_team_stands() -> None:
    on_kubernetes = result(
        app__components=40,
        app__architecture="microservices",
        team__ops_engineers=6,
        hosting__existing_platform="kubernetes",
        hosting__provider="gcp",
        team__container_experience="production",
    )
    assert on_kubernetes.recommendation.strategy == "containers"
    steps = " ".join(on_kubernetes.next_steps)
    assert "Harden what runs" in steps and "Write a Dockerfile" not in steps
    on_premises = result(
        app__os="windows", hosting__provider="on-prem", team__image_pipeline=True, hosting__paas_allowed=False
    )
    assert on_premises.recommendation.strategy == "golden-image"
    steps = " ".join(on_premises.next_steps)
    assert "autoscaling group" not in steps and "replacing VMs behind the load balancer" in steps
    managed_state = result(app__components=1, team__ops_engineers=0, app__self_hosted_state=False)
    assert not any("Move the self-run databases" in step for step in managed_state.next_steps)


def test_a_step_names_the_chosen_product() -> None:
    found = result(
        app__components=3, team__ops_engineers=0, hosting__provider="azure", hosting__paas_allowed=False
    )
    assert found.recommendation.platform == "serverless-containers"
    assert any("Azure Container Apps" in step for step in found.next_steps)


def test_gpus_on_premises_are_kept_busy_not_scaled_to_zero() -> None:
    """A university's own GPU servers are bought: scaling an instance group down to zero saves
    nothing there. In the cloud it does."""
    own = result(app__accelerators="gpu", hosting__provider="on-prem", hosting__paas_allowed=False)
    cloud = result(app__accelerators="gpu", hosting__provider="aws")
    assert {"gpu-servers-on-premises"} <= {risk.id for risk in own.risks}
    assert "gpu-vm-fleet" not in {risk.id for risk in own.risks}
    assert "gpu-vm-fleet" in {risk.id for risk in cloud.risks}
    assert "gpu-image-drivers" in {risk.id for risk in own.risks} & {risk.id for risk in cloud.risks}


def test_batch_machines_on_premises_are_drained_from_the_queue_not_swapped_behind_a_balancer() -> None:
    def steps(kind: str) -> str:
        found = result(
            app__os="windows",
            app__workload_kind=kind,
            hosting__provider="on-prem",
            team__image_pipeline=True,
            hosting__paas_allowed=False,
        )
        assert found.recommendation.strategy == "golden-image"
        return " ".join(found.next_steps)

    batch, both = steps("batch"), steps("both")
    assert "draining them from the job queue" in batch and "behind the load balancer" not in batch
    assert "draining them from the job queue" in both and "behind the load balancer" in both


def test_long_sessions_on_gke_are_warned_of_evictions_for_upgrades_and_scale_down() -> None:
    sessions = {risk.id for risk in result(hosting__provider="gcp", app__long_connections=True).risks}
    requests = {risk.id for risk in result(hosting__provider="gcp", app__long_connections=False).risks}
    assert "managed-kubernetes-long-sessions-gke" in sessions
    assert "managed-kubernetes-long-sessions-gke" not in requests


def test_a_team_already_on_serverless_containers_is_not_told_to_deploy_its_first_component_there() -> None:
    def steps(**answers: object) -> str:
        found = result(hosting__provider="azure", app__components=6, team__ops_engineers=1, **answers)
        assert found.recommendation.platform == "serverless-containers"
        return " ".join(found.next_steps)

    staying = steps(hosting__existing_platform="serverless-containers", hosting__changing_provider=False)
    arriving = steps(hosting__existing_platform="none")
    assert "first, with state in managed databases" not in staying
    assert "first, with state in managed databases" in arriving


def test_a_paas_team_that_moves_for_its_bill_is_told_to_price_the_move_and_one_it_fits_is_not() -> None:
    """Twelve Elastic Beanstalk environments whose bill keeps climbing: the move to containers
    comes with a step to price the target first (the estimate counts instances, not packing);
    the same team on a PaaS that fits is told nothing of the kind, nor warned of a per-app
    bill it says it accepts."""
    team = {
        "app__components": 12,
        "app__architecture": "service-oriented",
        "hosting__provider": "aws",
        "hosting__existing_platform": "paas",
        "hosting__existing_paas": "providers",
        "hosting__changing_provider": False,
        "team__engineers": 25,
        "team__ops_engineers": 2,
        "cost__sensitivity": "medium",
    }
    moving = result(**team, hosting__paas_fit="cost")
    assert moving.recommendation.strategy == "containers"
    assert any(step.startswith("Price the move before making it") for step in moving.next_steps)
    staying = result(**team, hosting__paas_fit="fits")
    assert not any(step.startswith("Price the move") for step in staying.next_steps)
    assert not any("instances of its own" in risk.risk for risk in staying.risks)
    assert any("instances of its own" in risk.risk for risk in moving.risks)


# A team whose production stays on Render, a PaaS-only vendor.
ON_RENDER: dict[str, object] = {
    "hosting__provider": "other-cloud",
    "hosting__existing_platform": "paas",
    "hosting__existing_paas": "other",
    "hosting__changing_provider": False,
}


def test_a_team_on_a_paas_only_vendor_gets_every_clouds_candidates_for_clusters_and_vms() -> None:
    """Render runs no clusters or VMs: Kubernetes means a cloud the team has yet to choose, so
    the report lists each cloud's service as a candidate rather than one "on your provider";
    its PaaS and image deploys stay where they are. On its cloud's own PaaS (DigitalOcean's App
    Platform), the same cloud's Kubernetes is the one on its provider."""
    found = result(**ON_RENDER)
    names, here = offered(found, "managed-kubernetes")
    assert not here
    assert {
        "Amazon EKS Auto Mode",
        "GKE Autopilot",
        "AKS Automatic",
        "DigitalOcean Kubernetes (DOKS)",
    } <= set(names)
    assert "prices-where-the-team-would-move" in found.estimate_basis.caveats
    names, here = offered(found, "golden-image")
    assert not here and "Packer images in EC2 Auto Scaling groups" in names
    assert "Packer-built VM templates for your hypervisor" not in names
    names, here = offered(found, "serverless-containers")
    assert "Render, deploying images" in names and "Google Cloud Run" not in names
    on_app_platform = result(**{**ON_RENDER, "hosting__existing_paas": "providers"})
    names, here = offered(on_app_platform, "managed-kubernetes")
    assert "DigitalOcean Kubernetes (DOKS)" in names and "AKS Automatic" not in names
    assert "prices-where-the-team-would-move" not in on_app_platform.estimate_basis.caveats
    # Which PaaS it runs unsaid, production may have to move: both clouds' candidates.
    facts = {**DEFAULTS, **{key.replace("__", "."): value for key, value in ON_RENDER.items()}}
    del facts["hosting.existing_paas"]
    unsaid = evaluate(PACK, Answers(facts=facts))  # type: ignore[arg-type]
    names, here = offered(unsaid, "managed-kubernetes")
    assert not here and {"AKS Automatic", "DigitalOcean Kubernetes (DOKS)"} <= set(names)


def test_a_team_leaving_a_paas_only_vendor_chooses_the_cloud_first() -> None:
    """Render has no servers or clusters to offer: for Kubernetes or Nomad the plan starts by
    choosing the cloud to move to, before the pipeline or the cluster; image deploys, which
    stay with the vendor, and a team on its cloud's own PaaS get no such step."""
    on_render = {
        **ON_RENDER,
        "app__components": 12,
        "app__architecture": "microservices",
        "hosting__paas_fit": "limits",
        "team__ops_engineers": 2,
    }
    found = result(**on_render)
    assert found.recommendation.platform == "managed-kubernetes"
    assert found.next_steps[0].startswith("Choose the cloud to move to")
    assert sum(step.startswith("Choose the cloud") for step in found.next_steps) == 1
    nomad = result(**on_render, hosting__managed_kubernetes=False)
    assert nomad.recommendation.platform in {"nomad", "docker-hosts", "swarm", "self-managed-kubernetes"}
    assert nomad.next_steps[0].startswith("Choose the cloud to move to")
    app_platform = result(**{**on_render, "hosting__existing_paas": "providers"})
    assert not any(step.startswith("Choose the cloud") for step in app_platform.next_steps)


def test_an_app_service_team_whose_bill_hurts_takes_the_bill_apart_first() -> None:
    """App Service plans share their instances among apps: a bill that hurts is first a matter
    of plans, so the step comes first whatever is recommended; an Elastic Beanstalk team, whose
    environments each run instances of their own, is not given it."""
    team = {
        "app__components": 16,
        "app__architecture": "service-oriented",
        "hosting__existing_platform": "paas",
        "hosting__existing_paas": "providers",
        "hosting__changing_provider": False,
        "hosting__paas_fit": "cost",
        "team__engineers": 18,
        "team__ops_engineers": 1,
        "cost__sensitivity": "high",
    }
    on_azure = result(**team, hosting__provider="azure")
    assert on_azure.next_steps[0].startswith("Take the App Service bill apart")
    on_aws = result(**team, hosting__provider="aws")
    assert not any("App Service bill" in step for step in on_aws.next_steps)
