"""From what was found to the hosting facts: one answer when the files agree, a note when not."""

from __future__ import annotations

from advisor.facts import FactValue
from advisor.scan.findings import (
    CLOUD,
    CLOUD_HINT,
    MANAGED_KUBERNETES,
    PLATFORM,
    SERVERLESS,
    Findings,
)
from advisor.scan.hosting import hosting_facts


def facts_and_notes(findings: Findings) -> tuple[dict[str, tuple[FactValue, str]], list[str]]:
    facts: dict[str, tuple[FactValue, str]] = {}
    notes: list[str] = []
    hosting_facts(findings, lambda fact, value, evidence: facts.update({fact: (value, evidence)}), notes)
    return facts, notes


def test_one_cloud_is_the_provider_and_the_evidence_names_the_files() -> None:
    found = Findings()
    found.add(CLOUD, "gcp", "terraform/main.tf", "google_container_cluster")
    found.add(CLOUD, "gcp", "cloudbuild.yaml", "Cloud Build")
    facts, notes = facts_and_notes(found)
    assert facts["hosting.provider"] == (
        "gcp",
        "Google Cloud: terraform/main.tf (google_container_cluster), cloudbuild.yaml (Cloud Build)",
    )
    assert notes == []


def test_infrastructure_code_is_shown_before_ci_steps() -> None:
    found = Findings()
    found.add(CLOUD, "aws", ".github/workflows/deploy.yml", "CI: sam deploy")
    found.add(CLOUD, "aws", "template.yaml", "SAM template")
    assert facts_and_notes(found)[0]["hosting.provider"][1] == (
        "AWS: template.yaml (SAM template), .github/workflows/deploy.yml (CI: sam deploy)"
    )


def test_two_clouds_leave_the_provider_to_the_user_with_a_note() -> None:
    found = Findings()
    found.add(CLOUD, "aws", "infra/aws/main.tf", "aws_instance")
    found.add(CLOUD, "azure", "infra/azure/main.bicep", "Bicep")
    facts, notes = facts_and_notes(found)
    assert "hosting.provider" not in facts
    assert notes == [
        "several clouds detected (AWS: infra/aws/main.tf (aws_instance); "
        "Azure: infra/azure/main.bicep (Bicep)); hosting.provider is left for you to answer: "
        "the one production runs on, or hybrid if one of them is your own data centre"
    ]


def test_own_data_centre_and_a_cloud_are_hybrid() -> None:
    found = Findings()
    found.add(CLOUD, "on-prem", "packer/vsphere.pkr.hcl", "Packer vsphere-iso")
    found.add(CLOUD, "aws", "packer/aws.pkr.hcl", "Packer amazon-ebs")
    assert facts_and_notes(found)[0]["hosting.provider"][0] == "hybrid"


def test_hints_answer_only_when_nothing_settles_the_cloud() -> None:
    hinted = Findings()
    hinted.add(CLOUD_HINT, "gcp", ".gcloudignore", "gcloud")
    value, evidence = facts_and_notes(hinted)[0]["hosting.provider"]
    assert (value, evidence) == (
        "gcp",
        "Google Cloud: .gcloudignore (gcloud) "
        "(hints only: a login or a state backend, no infrastructure code)",
    )
    hinted.add(CLOUD, "azure", "main.bicep", "Bicep")
    value, evidence = facts_and_notes(hinted)[0]["hosting.provider"]
    assert (value, evidence) == (
        "azure",
        "Azure: main.bicep (Bicep); also hints of Google Cloud: .gcloudignore (gcloud)",
    )


def test_a_hosted_cluster_in_code_means_managed_kubernetes() -> None:
    found = Findings()
    found.add(MANAGED_KUBERNETES, "eks", "infra/eks.tf", "aws_eks_cluster")
    assert facts_and_notes(found)[0]["hosting.managed_kubernetes"] == (
        True,
        "hosted Kubernetes created or used in code (EKS: infra/eks.tf (aws_eks_cluster))",
    )


def test_serverless_platforms_answer_serverless_containers_or_functions() -> None:
    found = Findings()
    found.add(SERVERLESS, "cloud-run", "service.yaml", "Cloud Run service")
    facts, notes = facts_and_notes(found)
    assert facts["hosting.existing_platform"] == (
        "serverless-containers",
        "Cloud Run (service.yaml (Cloud Run service))",
    )
    assert notes == []
    found = Findings()
    found.add(SERVERLESS, "lambda", "template.yaml", "AWS::Serverless::Function")
    assert facts_and_notes(found)[0]["hosting.existing_platform"][0] == "functions"
    found.add(SERVERLESS, "container-apps", "infra/main.bicep", "Microsoft.App/containerApps")
    facts, notes = facts_and_notes(found)
    assert "hosting.existing_platform" not in facts
    assert notes[0].endswith(
        "both serverless containers and functions; hosting.existing_platform is left for you"
    )
    found.add(PLATFORM, "kubernetes", "deploy/api.yaml")
    facts, notes = facts_and_notes(found)
    assert facts["hosting.existing_platform"][0] == "kubernetes"
    assert notes[-1].endswith("found too: hosting.existing_platform comes from the other files")


def test_a_procfile_beside_google_cloud_files_is_a_buildpack_process_file() -> None:
    found = Findings()
    found.add(PLATFORM, "paas", "Procfile")
    found.add(CLOUD_HINT, "gcp", ".gcloudignore", "gcloud")
    facts, notes = facts_and_notes(found)
    assert "hosting.existing_platform" not in facts
    assert notes[0].startswith("Procfile found (Procfile) beside Google Cloud files and no Heroku ones")


def test_a_procfile_with_app_engine_or_elsewhere_is_still_a_paas() -> None:
    found = Findings()
    found.add(PLATFORM, "paas", "Procfile")
    found.add(PLATFORM, "paas", "app.yaml", "App Engine")
    found.add(CLOUD, "gcp", "app.yaml", "App Engine")
    assert facts_and_notes(found)[0]["hosting.existing_platform"][0] == "paas"
    beanstalk = Findings()
    beanstalk.add(PLATFORM, "paas", "Procfile")
    beanstalk.add(CLOUD, "aws", ".ebextensions/", "Elastic Beanstalk")
    assert facts_and_notes(beanstalk)[0]["hosting.existing_platform"][0] == "paas"
