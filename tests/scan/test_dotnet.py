""".NET target framework monikers are parsed, not matched: net10.0 is .NET 10, not .NET Framework 1.0."""

from __future__ import annotations

import pytest

from advisor.scan.dotnet import describe, parse_moniker, targets, windows_reason


@pytest.mark.parametrize(
    ("moniker", "windows", "meaning"),
    [
        ("net10.0", False, ".NET 10.0"),
        ("net8.0", False, ".NET 8.0"),
        ("net48", True, ".NET Framework 4.8"),
        ("net472", True, ".NET Framework 4.7.2"),
        ("net10", True, ".NET Framework 1.0"),
        ("net35", True, ".NET Framework 3.5"),
        ("net40-client", True, ".NET Framework 4.0"),
        ("net8.0-windows", True, ".NET 8.0 for Windows"),
        ("net9.0-windows10.0.19041.0", True, ".NET 9.0 for Windows"),
        ("net8.0-android", False, ".NET 8.0 for Android"),
        ("netcoreapp3.1", False, ".NET Core 3.1"),
        ("netstandard2.0", False, ".NET Standard 2.0"),
        ("uap10.0", True, "Windows-only platform"),
    ],
)
def test_monikers(moniker: str, windows: bool, meaning: str) -> None:
    target = parse_moniker(moniker)
    assert target is not None
    assert (target.windows, target.meaning) == (windows, meaning)


def test_what_is_not_a_moniker_is_left_out() -> None:
    assert parse_moniker("$(DefaultTargetFramework)") is None
    assert targets("<TargetFramework>$(Tfm)</TargetFramework>") == []


def test_modern_dotnet_says_nothing_about_windows() -> None:
    project = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework>'
    found = targets(project)
    assert windows_reason(project, found) is None
    assert describe(found) == "net10.0"


def test_the_windows_evidence_names_the_target() -> None:
    old_style = "<PropertyGroup><TargetFrameworkVersion>v4.7.2</TargetFrameworkVersion></PropertyGroup>"
    assert windows_reason(old_style, targets(old_style)) == "v4.7.2: .NET Framework 4.7.2"
    sdk_style = "<TargetFramework>net48</TargetFramework>"
    assert windows_reason(sdk_style, targets(sdk_style)) == "net48: .NET Framework 4.8"


def test_several_targets_are_split_on_semicolons() -> None:
    project = "<TargetFrameworks>netstandard2.0; net472 ;net8.0-windows</TargetFrameworks>"
    assert [target.moniker for target in targets(project)] == ["netstandard2.0", "net472", "net8.0-windows"]
    assert windows_reason(project, targets(project)) == (
        "net472: .NET Framework 4.7.2, net8.0-windows: .NET 8.0 for Windows"
    )


def test_a_project_that_also_targets_cross_platform_dotnet_can_run_on_linux() -> None:
    project = "<TargetFrameworks>net48;net8.0</TargetFrameworks>"
    assert windows_reason(project, targets(project)) is None


@pytest.mark.parametrize(
    ("project", "reason"),
    [
        ("<TargetFramework>net8.0-windows</TargetFramework><UseWPF>true</UseWPF>",
         "net8.0-windows: .NET 8.0 for Windows"),
        ("<TargetFramework>netstandard2.0</TargetFramework><UseWindowsForms>true</UseWindowsForms>",
         "Windows Forms"),
        ("<UseWPF>true</UseWPF>", "WPF"),
        ('<Project Sdk="Microsoft.NET.Sdk.WindowsDesktop">', "Windows desktop SDK"),
        ("<UseWPF>false</UseWPF>", None),
    ],
)  # fmt: skip
def test_desktop_frameworks_mean_windows(project: str, reason: str | None) -> None:
    assert windows_reason(project, targets(project)) == reason
