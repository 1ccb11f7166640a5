"""The readiness report's picture: element scores against the pass lines."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

GREEN, AMBER, RED, NAVY = "#2E7D32", "#F9A825", "#C62828", "#1F4E79"


def element_chart(score: Mapping[str, Any], out: Path) -> Path:
    """A horizontal bar per element, coloured by the pass rule, saved as PNG at `out`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rule = score["rule"]
    elements = list(score["elements"])
    names = [f"{e['id']} {e['name']}" for e in elements]
    values = [float(e["score"]) for e in elements]
    colours = [GREEN if v >= rule["overall_min"] else AMBER if v >= rule["element_min"] else RED
               for v in values]
    fig, ax = plt.subplots(figsize=(7.5, 3.9), dpi=150)
    try:
        bars = ax.barh(names, values, color=colours)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.axvline(rule["overall_min"], color=NAVY, linestyle="--", linewidth=1.2,
                   label=f"pass line {rule['overall_min']:g} %")
        ax.axvline(rule["element_min"], color="#888888", linestyle=":", linewidth=1.2,
                   label=f"element minimum {rule['element_min']:g} %")
        for bar, value in zip(bars, values, strict=True):
            middle = bar.get_y() + bar.get_height() / 2
            if value >= 15:  # inside the bar's end, in white
                ax.text(value - 1, middle, f"{value:.1f}", va="center", ha="right",
                        fontsize=8, color="white", fontweight="bold")
            else:
                ax.text(value + 1, middle, f"{value:.1f}", va="center", fontsize=8)
        ax.set_xlabel("Score (%)")
        ax.set_title(f"Readiness by element: {score['overall']:.1f} % overall",
                     fontsize=11, color=NAVY, loc="left")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=7,
                  frameon=False)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="y", labelsize=8)
        fig.tight_layout()
        fig.savefig(out, format="png")
    finally:
        plt.close(fig)
    return out
