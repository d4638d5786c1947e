"""Charts read on a phone at a glance: one PNG of four panels, large type, few words.

Drawn with matplotlib's object API and the Agg renderer (no pyplot, so no global figure state),
from data whose words are already translated; called in a worker thread.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SIZE = (12, 12)  # inches at 100 dpi: 1200 px square, Telegram shows it without scaling down
DPI = 100
TITLE, PANEL, TICK, NOTE = 26, 20, 16, 16
GOOD, BAD, MAIN, SOFT = "#2e7d32", "#c62828", "#1565c0", "#90a4ae"
TITLE_WRAP = 30  # characters per line of a panel's title
WEEK_LABELS = 5  # at most this many week labels: readable on a phone


@dataclass(frozen=True)
class OverviewChart:
    title: str
    no_data: str
    decimal: str  # the decimal mark of the managers' language
    weeks: list[str]
    nps_title: str
    nps: list[float | None]
    nps_answers: list[str]  # "2 ответа": what each week's bar rests on
    reply_title: str
    reply_median: list[float | None]  # hours
    reply_p90: list[float | None]
    reply_labels: tuple[str, str]
    scores_title: str
    scores: list[tuple[str, float | None]]
    funnel_title: str
    funnel: list[tuple[str, int]]


@dataclass(frozen=True)
class ManagersChart:
    title: str
    no_data: str
    decimal: str
    names: list[str]
    # title, values, axis range (None: from the data), decimals shown
    panels: list[tuple[str, list[float | None], tuple[float, float] | None, int]]


def render_overview(chart: OverviewChart) -> bytes:
    figure = _figure(chart.title)
    (nps, replies), (scores, funnel) = figure.subplots(2, 2)
    _nps(nps, chart)
    _replies(replies, chart)
    _bars(scores, chart.scores_title, chart.scores, (0, 5), lambda v: _decimal(v, chart.decimal),
          chart.no_data)
    _bars(funnel, chart.funnel_title, [(label, float(count)) for label, count in chart.funnel],
          None, lambda v: f"{v:.0f}", chart.no_data, empty_if_zero=True)
    from matplotlib.ticker import MaxNLocator

    funnel.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(figure)


def render_managers(chart: ManagersChart) -> bytes:
    figure = _figure(chart.title)
    for ax, (title, values, limits, places) in zip(figure.subplots(2, 2).flat, chart.panels, strict=True):
        _bars(ax, title, list(zip(chart.names, values, strict=True)), limits,
              partial(_decimal, mark=chart.decimal, places=places), chart.no_data)
    return _png(figure)


def warm_up() -> None:
    """Import matplotlib (about a second and a half, once per process) while a request's
    figures are being read, so the first chart after start-up does not keep the owner waiting."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401


def _figure(title: str) -> Figure:
    """Fixed margins (a layout engine would measure every label and double the drawing
    time): bars carry their labels inside, week panels only short numbers on the left.

    matplotlib is imported here, in the drawing thread: a bot nobody asks for a chart does
    not pay for it at start-up."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=DPI)
    figure.subplots_adjust(left=0.07, right=0.98, top=0.88, bottom=0.05, wspace=0.2, hspace=0.4)
    figure.suptitle(title, fontsize=TITLE, fontweight="bold")
    return figure


def _nps(ax: Axes, chart: OverviewChart) -> None:
    _title(ax, chart.nps_title)
    if all(value is None for value in chart.nps):
        _no_data(ax, chart.no_data)
        return
    positions = range(len(chart.weeks))
    values = [value or 0.0 for value in chart.nps]
    ax.bar(positions, values, color=[GOOD if value >= 0 else BAD for value in values], width=0.7)
    for x, value, answers in zip(positions, chart.nps, chart.nps_answers, strict=True):
        if value is not None:
            shown = f"{value:+.0f}" if round(value) else "0"
            ax.annotate(f"{shown}\n{answers}", (x, value), ha="center", fontsize=NOTE,
                        va="bottom" if value >= 0 else "top",
                        xytext=(0, 4 if value >= 0 else -4), textcoords="offset points")
    ax.axhline(0, color="black", linewidth=1)
    ax.set_ylim(-150, 150)  # room for a two-line label beyond ±100
    ax.set_yticks([-100, -50, 0, 50, 100])
    _weeks(ax, chart.weeks)


def _replies(ax: Axes, chart: OverviewChart) -> None:
    _title(ax, chart.reply_title)
    if all(value is None for value in chart.reply_median):
        _no_data(ax, chart.no_data)
        return
    positions = list(range(len(chart.weeks)))
    median, p90 = chart.reply_labels
    ax.plot(positions, _gaps(chart.reply_p90), color=SOFT, linewidth=3, marker="o",
            markersize=8, linestyle="--", label=p90)
    ax.plot(positions, _gaps(chart.reply_median), color=MAIN, linewidth=4, marker="o",
            markersize=10, label=median)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=NOTE, loc="upper left")
    _weeks(ax, chart.weeks)


def _bars(
    ax: Axes,
    title: str,
    bars: Sequence[tuple[str, float | None]],
    limits: tuple[float, float] | None,
    shown: Callable[[float], str],
    no_data: str,
    empty_if_zero: bool = False,
) -> None:
    """Horizontal bars, first at the top, each under a line with its label and value: long
    labels (stage names, managers' names) need no margin and never overlap a bar."""
    _title(ax, title)
    if not bars or all(value is None or (empty_if_zero and not value) for _, value in bars):
        _no_data(ax, no_data)
        return
    values = [value or 0.0 for _, value in bars]
    positions = list(range(len(bars)))
    colors = [MAIN if value >= 0 else BAD for value in values]
    ax.barh(positions, values, color=colors, height=0.45, align="edge")
    for y, (label, value) in zip(positions, bars, strict=True):
        text = f"{label}: {'—' if value is None else shown(value)}"
        ax.text(0.01, y - 0.06, text, transform=ax.get_yaxis_transform(), va="bottom", fontsize=NOTE)
    ax.set_ylim(len(bars), -0.7)  # inverted: the first bar on top, with room for its line
    ax.set_yticks([])
    low, high = limits if limits else (0, max(values) * 1.1 or 1)
    ax.set_xlim(min(low, 0), high)
    if low < 0:
        ax.axvline(0, color="black", linewidth=1)
    ax.tick_params(axis="x", labelsize=TICK)
    ax.grid(axis="x", alpha=0.3)


def _title(ax: Axes, title: str) -> None:
    ax.set_title(textwrap.fill(title, TITLE_WRAP), fontsize=PANEL)


def _weeks(ax: Axes, weeks: list[str]) -> None:
    every = -(-len(weeks) // WEEK_LABELS)
    ticks = list(range(0, len(weeks), every))
    ax.set_xticks(ticks, [weeks[i] for i in ticks], fontsize=TICK)
    ax.set_xlim(-0.6, len(weeks) - 0.4)
    ax.tick_params(axis="y", labelsize=TICK)
    ax.grid(axis="y", alpha=0.3)


def _no_data(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=PANEL, color=SOFT,
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _gaps(values: list[float | None]) -> list[float]:
    return [float("nan") if value is None else value for value in values]


def _decimal(value: float, mark: str, places: int = 1) -> str:
    return f"{value:.{places}f}".replace(".", mark)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
