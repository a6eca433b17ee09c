"""Reports for both audiences, in every format, for every example: what a reader must never see.

A client's report keeps rule ids, raw effect lists and fact ids out of everything before its
appendix; no report, for any reader, says "1 points", "(s)" or "()", and no Markdown carries
an HTML entity. The PDF is printed by the real browser when one is installed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from advisor.answers import load_answers
from advisor.brand import load_brand
from advisor.evaluate import evaluate
from advisor.pack.model import RulePack
from advisor.render import render
from advisor.render.brand import Brand
from advisor.render.escape import md_text
from advisor.render.html import render_html
from advisor.render.pdf import find_browser, print_pdf
from advisor.render.sections.plain import APPENDIX
from advisor.render.view import if_chosen, open_answers, option_name, tied_at_top
from advisor.result import Result
from tests.conftest import EXAMPLES, ROOT, run_advisor
from tests.pdf_text import page_count, squeezed

BRAND = ROOT / "docs" / "brand" / "northwind.yaml"
FACT_ID = re.compile(r"(?<![\w.-])(?:app|stack|hosting|team|delivery|cost|scale|org)\.[a-z_]+")
# What a reader must never see, in any format: a plural with one, a hedged plural, an empty list.
DEFECTS = re.compile(r"(?<![\d.])[−-]?1 points\b|\(s\)|\(\)|\b0 points ahead")
ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
BROWSER = find_browser(os.environ)


@pytest.fixture(scope="module")
def results(pack: RulePack) -> dict[str, Result]:
    return {path.stem: evaluate(pack, load_answers(path, pack.bank)) for path in EXAMPLES}


@pytest.fixture(scope="module")
def brand() -> Brand:
    return load_brand(BRAND)


def before_appendix_md(text: str) -> str:
    return text.split(f"## {APPENDIX}", 1)[0]


def before_appendix_html(page: str) -> str:
    body = page.split("<body>", 1)[1].split('<h2 id="appendix-for-the-engineers"', 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def rule_ids(result: Result) -> set[str]:
    ids = {rule.id for rule in result.fired} | {rule.id for rule in result.undetermined}
    ids |= {exclusion.rule for exclusion in result.excluded if exclusion.rule}
    return ids


def effect_list(result: Result) -> re.Pattern[str]:
    options = "|".join(re.escape(option) for option in result.scores)
    return re.compile(rf"(?<![\w-])(?:{options}) [+−-]\d")


@pytest.mark.parametrize("example", [path.stem for path in EXAMPLES])
def test_a_clients_report_keeps_ids_and_effects_in_the_appendix(
    example: str, results: dict[str, Result], brand: Brand
) -> None:
    result = results[example]
    markdown = render(result, "md", audience="client", brand=brand)
    page = render(result, "html", audience="client", brand=brand)
    assert f"## {APPENDIX}" in markdown and 'id="appendix-for-the-engineers"' in page
    head_md = before_appendix_md(markdown)
    head_html = page.split("<body>", 1)[1].split('<h2 id="appendix-for-the-engineers"', 1)[0]
    # Ids show as code (`many-components`); a rule id that is also an English compound
    # ("a cost-sensitive team") may stand in prose, so code is where to look, and nothing
    # before the appendix is code but the rule pack's hash and the score bars.
    plain = re.compile(r"[0-9a-f]{12}|[█·]+")  # the pack's short hash, score bars
    assert [code for code in re.findall(r"`([^`]+)`", head_md) if not plain.fullmatch(code)] == []
    assert [code for code in re.findall(r"<code>(.*?)</code>", head_html) if not plain.fullmatch(code)] == []
    ids = rule_ids(result)
    for shown in (head_md, before_appendix_html(page)):
        cited = [rule for rule in ids if re.search(rf"\({re.escape(rule)}\b|\b{re.escape(rule)}\)", shown)]
        assert cited == [], cited
        assert not effect_list(result).search(shown), effect_list(result).search(shown)
        assert not FACT_ID.search(shown), FACT_ID.search(shown)
    # ...and the appendix has them all, for the engineers.
    appendix = markdown.split(f"## {APPENDIX}", 1)[1]
    assert all(f"`{rule.id}`" in appendix for rule in result.fired)


def test_a_clients_report_opens_with_an_executive_summary(results: dict[str, Result], brand: Brand) -> None:
    markdown = render(results["checkout-platform"], "md", audience="client", brand=brand)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Executive summary"
    summary = markdown.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
    assert "we recommend **Serverless containers**, run as **Amazon ECS Express Mode**" in summary
    assert summary.count("\n- ") == 3  # three reasons
    for part in ("**Main risk:**", "**Mitigation:**", "**Effort and cost:**", "**Confidence: high**"):
        assert part in summary
    body = markdown.rsplit("\n\n[advisor]: # (", 1)[0]  # the stamp, shown by no renderer, comes last
    assert "Prepared by **Northwind Advisory**" in body and body.rstrip().endswith("Confidential.*")


def test_the_main_risk_is_the_platforms_own_before_its_strategys(results: dict[str, Result]) -> None:
    checked = 0
    for name, result in results.items():
        platform = result.recommendation.platform
        own = [risk for risk in result.risks if risk.option == platform and risk.mitigation]
        if not own:
            continue
        markdown = render(result, "md", audience="client")
        summary = markdown.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
        risk = md_text(own[0].risk[:1].upper() + own[0].risk[1:])
        if tied_at_top(result):  # each tied option's own main risk, the recommended one among them
            assert f"- **{md_text(option_name(result, platform))}:** {risk}" in summary, name
        else:
            assert f"**Main risk{md_text(if_chosen(result))}:** {risk}" in summary, name
        checked += 1
    assert checked >= 3  # examples whose platform has a risk of its own


GPU_API_ON_AWS = """\
format: advisor/v1
project: {name: Vision API, client: Northwind Imaging}
answers:
  app: {components: 2, architecture: service-oriented, os: linux, host_level_needs: false,
        accelerators: gpu, workload_kind: services, self_hosted_state: false,
        long_connections: false, load_profile: spiky}
  stack: {languages: [python], system_dependencies: true, runtimes_supported: true}
  hosting: {provider: aws, paas_allowed: true, managed_kubernetes: true, existing_platform: none,
            mixed_workloads: false, regulated: false, exit_plan_required: false, multi_region: false}
  org: {large_enterprise: false}
  team: {engineers: 6, ops_engineers: 0, container_experience: production,
         orchestrator_experience: none, image_pipeline: false}
  delivery: {deploys_per_week: 5, time_pressure: high, environment_drift: false,
             conflicting_versions: false}
  cost: {sensitivity: high}
  scale: {growth: medium, peak_instances: 4}
"""


def test_a_gpu_api_on_aws_is_sent_to_gpu_capacity_named_once(pack: RulePack, tmp_path: Path) -> None:
    """Fargate has no GPUs: the plan sends the GPU services to ECS Managed Instances, and a product
    named like its platform ("Amazon ECS") is not repeated after it in any format."""
    answers = tmp_path / "vision.yaml"
    answers.write_text(GPU_API_ON_AWS, encoding="utf-8")
    result = evaluate(pack, load_answers(answers, pack.bank))
    assert (result.recommendation.platform, getattr(result.recommendation.product, "name", None)) == (
        "ecs",
        "Amazon ECS",
    )
    engineer = render(result, "md")
    client = render(result, "md", audience="client")
    adr = render(result, "adr")
    assert "**Recommendation:** Amazon ECS  \n" in engineer
    assert "we recommend **Amazon ECS** on Amazon Web Services." in client
    for text in (engineer, client, adr, render(result, "html", audience="client")):
        assert "Amazon ECS (Amazon ECS)" not in text and "run as **Amazon ECS**" not in text
    steps = engineer.split("## Next steps", 1)[1].split("\n## ", 1)[0]
    assert "ECS Managed Instances with GPU instance types" in steps and "Start on Fargate" not in steps


def test_an_open_question_no_answer_could_change_is_not_the_one_to_settle(results: dict[str, Result]) -> None:
    for name, result in results.items():
        missing = {item.fact for item in open_answers(result)}
        if not missing or not missing <= set(result.skipped()):
            continue
        summary = render(result, "md", audience="client").split("## Executive summary", 1)[1]
        line = next(row for row in summary.splitlines() if row.startswith("**Still open:**"))
        assert "could change the recommendation" in line and "settle" not in line, name
        break
    else:
        pytest.fail("no example leaves only questions that could change nothing open")


def test_a_client_reads_answers_as_the_question_shows_them(results: dict[str, Result]) -> None:
    """A client's 'What would change' says "Microsoft Azure", never the id `azure` (the engineer's
    report keeps fact ids and values, which its reader types into --set)."""
    result = results["policy-admin-dotnet-azure"]
    markdown = render(result, "md", audience="client")
    table = markdown.split("## What would change", 1)[1].split("\n## ", 1)[0]
    assert "| Microsoft Azure | Own data centre (on premises) |" in table
    assert "| azure |" not in table and "| on-prem |" not in table
    rows = [line for line in table.splitlines() if line.startswith("| “")]
    assert rows and all(" | none | " not in row for row in rows)  # accelerators: "None", a label


def test_an_undecided_case_says_so_first(results: dict[str, Result]) -> None:
    markdown = render(results["render-farm-mixed"], "md", audience="client")
    summary = markdown.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
    assert summary.lstrip().startswith("**No recommendation yet.**")
    assert "Managed Kubernetes and HashiCorp Nomad tie at 80 points" in summary
    assert "0 points ahead" not in markdown and "(recommended" not in markdown


def test_both_audiences_explain_the_scale_once(results: dict[str, Result]) -> None:
    for audience in ("engineer", "client"):
        markdown = render(results["checkout-platform"], "md", audience=audience)
        assert markdown.count("*How to read the numbers:*") == 1
        assert "```mermaid" not in markdown  # one bar per score: the table's


def test_excluded_options_have_no_bar(results: dict[str, Result]) -> None:
    result = results["render-farm-mixed"]
    page = render_html(result)
    row = next(line for line in render(result, "md").splitlines() if line.startswith("| Amazon ECS |"))
    assert row.endswith("| *excluded* |")
    assert page.count('class="score-bar"') == len(result.scores) - len(result.excluded_options())


def _texts(result: Result, brand: Brand) -> dict[str, str]:
    texts = {fmt: render(result, fmt) for fmt in ("md", "html", "json", "adr")}
    for fmt in ("md", "html"):
        texts[f"client {fmt}"] = render(result, fmt, audience="client", brand=brand)
    return texts


@pytest.mark.parametrize("example", [path.stem for path in EXAMPLES])
def test_no_report_in_any_format_has_a_text_defect(
    example: str, results: dict[str, Result], brand: Brand
) -> None:
    for name, text in _texts(results[example], brand).items():
        shown = (
            html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S))
            if "html" in name
            else text
        )
        assert not DEFECTS.search(shown), (name, DEFECTS.search(shown))
        if name in ("md", "adr", "client md"):
            assert not ENTITY.search(text), (name, ENTITY.search(text))


def test_whatif_diff_and_the_portfolio_index_read_cleanly(tmp_path: Path) -> None:
    checkout = str(ROOT / "examples" / "checkout-platform.yaml")
    whatif = run_advisor(
        "whatif", "--answers", checkout, "--set", "stack.languages=python", "--set", "team.ops_engineers=0"
    )
    diff = run_advisor("diff", str(ROOT / "tests" / "golden" / "checkout-platform.json"), checkout)
    out = tmp_path / "out"
    batch = run_advisor(
        "batch",
        str(ROOT / "examples"),
        "-o",
        str(out),
        "--format",
        "md,html",
        "--audience",
        "client",
        "--brand",
        str(BRAND),
    )
    assert whatif.returncode == 0 and diff.returncode == 0 and batch.returncode == 0, batch.stderr
    index = (out / "index.md").read_text("utf-8")
    for text in (whatif.stdout, diff.stdout, index):
        assert not DEFECTS.search(text) and not ENTITY.search(text), DEFECTS.search(text) or ENTITY.search(
            text
        )
        assert "not-in-pack" not in text
    assert "| Containers |" in index and "| containers |" not in index and "Northwind Advisory" in index
    assert "Northwind Advisory" in (out / "index.html").read_text("utf-8")
    assert "## Executive summary" in (out / "checkout-platform.md").read_text("utf-8")


def test_names_in_the_portfolio_index_match_the_reports(results: dict[str, Result]) -> None:
    result = results["checkout-platform"]
    assert option_name(result, "serverless-containers") == "Serverless containers"


def _pdf_reason() -> str:
    return "no Chromium or Chrome installed (set ADVISOR_CHROMIUM, or install chromium)"


@pytest.mark.skipif(BROWSER is None, reason=_pdf_reason())
@pytest.mark.parametrize(
    ("example", "audience"), [("checkout-platform", "client"), ("render-farm-mixed", "engineer")]
)
def test_the_pdf_is_paged_and_says_the_recommendation(
    example: str, audience: str, results: dict[str, Result], brand: Brand, tmp_path: Path
) -> None:
    result = results[example]
    target = tmp_path / "report.pdf"
    run = run_advisor(
        "report",
        "--answers",
        str(ROOT / "examples" / f"{example}.yaml"),
        "--format",
        "pdf",
        "--audience",
        audience,
        "--brand",
        str(BRAND),
        "-o",
        str(target),
        "-q",
    )
    assert run.returncode == 0, run.stderr
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert page_count(data) > 1
    text = unicodedata.normalize("NFKC", squeezed(data))
    choice = option_name(result, result.recommendation.platform or result.recommendation.strategy)
    assert re.sub(r"\s+", "", choice) in text
    assert "Page2of" in text and "NorthwindAdvisory" in text
    assert "Page1of" not in text  # the title page carries no number
    if shutil.which("pdftotext"):  # the reader above agrees with poppler's
        import subprocess

        poppler = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True)
        assert re.sub(r"\s+", "", choice) in re.sub(r"\s+", "", unicodedata.normalize("NFKC", poppler.stdout))


@pytest.mark.skipif(BROWSER is None, reason=_pdf_reason())
def test_the_same_report_prints_to_the_same_bytes(results: dict[str, Result]) -> None:
    assert BROWSER is not None
    page = render_html(results["storefront-startup"])
    first, second = (print_pdf(page, BROWSER, "2026-11-27") for _ in range(2))
    assert first == second and b"/CreationDate (D:20261127000000" in first
