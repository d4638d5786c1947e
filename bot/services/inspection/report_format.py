"""The inspection report's text format, as managers type it after /report.

    Toyota RAV4, 2019
    Цена: 2 150 000 ₽
    Пробег: 68 000 км
    + один владелец
    - скол на лобовом стекле
    Вердикт: рекомендую

The first line is the car and its year; `Label: value` lines are fields; `+` lines are merits,
`-` lines are flaws; a `Вердикт:`/`Verdict:` line is the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

VERDICT_LABELS = {"вердикт", "итог", "вывод", "verdict", "conclusion"}
FLAW_MARKS = ("-", "–", "—", "−")
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
FIELD = re.compile(r"^([^:+\-–—−][^:]{0,40}):\s*(.+)$")


@dataclass
class ParsedReport:
    title: str = ""
    fields: list[tuple[str, str]] = field(default_factory=list)
    merits: list[str] = field(default_factory=list)
    flaws: list[str] = field(default_factory=list)
    verdict: str | None = None


@dataclass(frozen=True)
class ReportProblem:
    key: str  # locale key of the explanation
    line: str = ""


def parse_report(text: str) -> tuple[ParsedReport, list[ReportProblem]]:
    """The report and every problem found (an empty list: the report is fine)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    report, problems = ParsedReport(), []
    if not lines:
        return report, [ReportProblem("report-empty")]
    report.title = lines[0]
    if report.title.startswith(("+", *FLAW_MARKS)) or FIELD.match(report.title):
        problems.append(ReportProblem("report-no-title", report.title))
    elif not YEAR.search(report.title):
        problems.append(ReportProblem("report-title-year", report.title))
    for line in lines[1:]:
        if line.startswith("+"):
            report.merits.append(line[1:].strip())
        elif line.startswith(FLAW_MARKS):
            report.flaws.append(line[1:].strip())
        elif match := FIELD.match(line):
            label, value = match.group(1).strip(), match.group(2).strip()
            if label.lower() in VERDICT_LABELS:
                report.verdict = value
            else:
                report.fields.append((label, value))
        else:
            problems.append(ReportProblem("report-unknown-line", line))
    if not report.merits:
        problems.append(ReportProblem("report-no-merits"))
    if not report.flaws:
        problems.append(ReportProblem("report-no-flaws"))
    return report, problems
