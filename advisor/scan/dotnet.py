""".NET project files: which frameworks a project targets, and whether that ties it to Windows.

Target framework monikers are parsed, not matched: `net48` and `net472` (digits, no dot)
are .NET Framework, which runs on Windows only; `net8.0` and `net10.0` are .NET, which
runs on Linux too, unless the moniker names Windows (`net8.0-windows`). A pattern that
looks for `net1` to `net4` inside the text reads `net10.0` as .NET Framework 1.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Bounded repeats and a closing tag that the value cannot contain: one pass over the text.
_TARGETS = re.compile(r"<TargetFrameworks?>([^<]{0,400})</TargetFrameworks?>", re.IGNORECASE)
_FRAMEWORK_VERSION = re.compile(r"<TargetFrameworkVersion>[ \t]*v?([0-9][0-9.]{0,20})", re.IGNORECASE)
_DESKTOP = re.compile(r"<(UseWPF|UseWindowsForms)>[ \t]*true[ \t]*<", re.IGNORECASE)
_DESKTOP_SDK = "Microsoft.NET.Sdk.WindowsDesktop"
_MODERN = re.compile(r"net(\d{1,2})\.(\d{1,2})(?:-([a-z]+)[0-9.]*)?")
_FRAMEWORK = re.compile(r"net(\d{2,3})(?:-[a-z]+)?")
_OTHERS = re.compile(r"(netcoreapp|netstandard)(\d{1,2}\.\d{1,2})")
_PLATFORMS = {"windows": "Windows", "android": "Android", "ios": "iOS", "macos": "macOS", "tvos": "tvOS"}
_WINDOWS_ONLY = ("uap", "win8", "win81", "wpa81", "wp7", "wp75", "wp8", "wp81")


@dataclass(frozen=True)
class Target:
    moniker: str  # as written: net48, net10.0, net8.0-windows10.0.19041, v4.7.2
    windows: bool  # runs on Windows only
    meaning: str  # .NET Framework 4.8, .NET 10.0, .NET Standard 2.0, ...
    portable: bool = False  # an application built for it runs on Linux too


def parse_moniker(moniker: str) -> Target | None:
    """One target framework moniker; None when it is not one (an MSBuild property, say)."""
    moniker = moniker.strip()
    lower = moniker.lower()
    if match := _MODERN.fullmatch(lower):
        major = int(match.group(1))
        if major < 5:  # `net4.8` is not a valid moniker, but it can only mean .NET Framework
            return Target(moniker, True, f".NET Framework {match.group(1)}.{match.group(2)}")
        platform = match.group(3)
        meaning = f".NET {major}.{match.group(2)}" + (
            f" for {_PLATFORMS.get(platform, platform)}" if platform else ""
        )
        return Target(moniker, platform == "windows", meaning, portable=platform is None)
    if match := _FRAMEWORK.fullmatch(lower):
        digits = match.group(1)
        return Target(moniker, True, ".NET Framework " + ".".join(digits))
    if match := _OTHERS.fullmatch(lower):
        core = match.group(1) == "netcoreapp"
        name = ".NET Core" if core else ".NET Standard"
        return Target(moniker, False, f"{name} {match.group(2)}", portable=core)
    if lower.startswith(_WINDOWS_ONLY):
        return Target(moniker, True, "Windows-only platform")
    return None


def targets(text: str) -> list[Target]:
    """Every target of a project file: TargetFramework(s), or an old-style TargetFrameworkVersion."""
    found: list[Target] = []
    for match in _TARGETS.finditer(text):
        for moniker in match.group(1).split(";"):
            target = parse_moniker(moniker)
            if target is not None and target not in found:
                found.append(target)
    for match in _FRAMEWORK_VERSION.finditer(text):
        version = match.group(1).rstrip(".")
        major = version.split(".", 1)[0]
        if major.isdigit() and 1 <= int(major) <= 4:
            found.append(Target(f"v{version}", True, f".NET Framework {version}"))
    return found


def windows_reason(text: str, found: list[Target]) -> str | None:
    """What ties the project to Windows, named for the evidence; None when nothing does.

    A project that also targets a cross-platform .NET (`net48;net8.0`) can run on Linux.
    """
    if any(target.portable for target in found):
        return None
    windows = [target for target in found if target.windows]
    if windows:
        return ", ".join(f"{target.moniker}: {target.meaning}" for target in windows[:2])
    if desktop := _DESKTOP.search(text):
        return "WPF" if desktop.group(1).lower() == "usewpf" else "Windows Forms"
    if _DESKTOP_SDK in text:
        return "Windows desktop SDK"
    return None


def describe(found: list[Target]) -> str | None:
    """The targets, as the language evidence names them: `net10.0` or `net48, net8.0`."""
    return ", ".join(target.moniker for target in found[:3]) or None
