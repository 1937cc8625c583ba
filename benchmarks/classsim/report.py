"""The class simulation's figures: a table per run, the goals, a plot against N."""

from __future__ import annotations

import json
import math
import os
import statistics
from pathlib import Path

from .run import ClassRun

MB = 1e6
# The goals for a 2-core, 24 GiB server. Memory is judged on PSS, as issue 22
# words it (shared pages counted once across the class; RSS is printed beside it), and
# the learner's CPU on their server and kernel together (issue 22: at most 4 CPU-s).
GOALS = {"learners": 40, "step_p95": 0.250, "memory_mb": 200, "first_figure_p95": 30.0, "learner_cpu_s": 4.0}
# Issue 22, for the learners of the browser sample: a step as the page paints it, and no kernel traffic
BROWSER_GOALS = {"browser_step_p95": 0.050, "messages_per_step": 0}
STAGES = ("login and server start", "nbgitpuller", "kernel start", "running the cells")


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (no interpolation: every value reported was measured)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summary(run: ClassRun) -> dict:
    ok = [r for r in run.results if r.ok]
    steps = [s for r in run.results for s in r.steps]
    in_browser = [r for r in run.results if r.browser]
    browser_ok = [r for r in in_browser if r.ok]
    browser_steps = [s for r in browser_ok for s in r.browser_steps]
    frames_over = [s for r in browser_ok for s in r.frames_over]
    sent = sum(r.kernel_messages for r in browser_ok)
    starts = list(run.server_start.values())
    figures = [r.login_to_figure for r in run.results if r.login_to_figure is not None]
    mem = list(run.memory.values())
    stage_medians = {}
    for stage in STAGES:
        done = [r.marks[stage] for r in ok if stage in r.marks]
        stage_medians[stage] = statistics.median(done) if done else None
    return {
        "n": run.n,
        "ok": len(ok),
        "failed": {r.name: f"{r.stage}: {r.error}" for r in run.failed},
        "lost": {k: v for k, v in run.lost.items() if v},
        "reconnects": sum(r.reconnects for r in run.results),
        "server_start_p50": percentile(starts, 50),
        "server_start_p95": percentile(starts, 95),
        "first_figure_p50": percentile(figures, 50),
        "first_figure_p95": percentile(figures, 95),
        "step_cpu_ms": 1000 * statistics.mean(cpu)
        if (cpu := [r.step_cpu for r in ok if r.step_cpu == r.step_cpu])
        else None,
        "step_p50": percentile(steps, 50),
        "step_p95": percentile(steps, 95),
        "steps": len(steps),
        "rss_mb_mean": statistics.mean(m.rss for m in mem) / MB if mem else None,
        "rss_mb_max": max(m.rss for m in mem) / MB if mem else None,
        "server_rss_mb": statistics.mean(m.server_rss for m in mem) / MB if mem else None,
        "kernel_rss_mb": statistics.mean(m.kernel_rss for m in mem) / MB if mem else None,
        "pss_mb_mean": statistics.mean(m.pss for m in mem) / MB if mem else None,
        "learner_cpu_s": statistics.mean(m.cpu for m in mem) if mem else None,
        "kernel_cpu_s": statistics.mean(m.kernel_cpu for m in mem) if mem else None,
        "hub_cpu_s": run.hub_cpu,
        "hub_cpu_pct": 100 * run.hub_cpu / run.wall if run.wall else None,
        "proxy_cpu_s": run.proxy_cpu,
        "wall_s": run.wall,
        "load_before": run.load[0],
        "load_after": run.load[1],
        "stage_medians": stage_medians,
        "browser_sample": len(in_browser),
        "browser_ok": len(browser_ok),
        "browser_steps": len(browser_steps),
        "browser_step_p50": percentile(browser_steps, 50),
        "browser_step_p95": percentile(browser_steps, 95),
        "browser_frame_over_p95": percentile(frames_over, 95),
        "messages_per_step": sent / len(browser_steps) if browser_steps else None,
        "comm_messages": sum(r.comm_messages for r in browser_ok) if browser_ok else None,
        "run_messages": sum(r.run_messages for r in browser_ok) if browser_ok else None,
        "browser_first_figure_p50": percentile([r.login_to_figure for r in browser_ok], 50),
        "browser_first_figure_p95": percentile([r.login_to_figure for r in browser_ok], 95),
    }


def _f(value, digits: int = 2, scale: float = 1.0) -> str:
    return "-" if value is None else f"{value * scale:.{digits}f}"


COLUMNS = [  # header, key, digits, scale
    ("N", "n", 0, 1),
    ("ok", "ok", 0, 1),
    ("start p50 s", "server_start_p50", 1, 1),
    ("start p95 s", "server_start_p95", 1, 1),
    ("fig p50 s", "first_figure_p50", 1, 1),
    ("fig p95 s", "first_figure_p95", 1, 1),
    ("step p50 ms", "step_p50", 0, 1000),
    ("step p95 ms", "step_p95", 0, 1000),
    ("step CPU ms", "step_cpu_ms", 0, 1),
    ("RSS MB", "rss_mb_mean", 0, 1),
    ("server", "server_rss_mb", 0, 1),
    ("kernel", "kernel_rss_mb", 0, 1),
    ("PSS MB", "pss_mb_mean", 0, 1),
    ("CPU s/learner", "learner_cpu_s", 1, 1),
    ("kernel CPU s", "kernel_cpu_s", 1, 1),
    ("br step p50", "browser_step_p50", 1, 1000),
    ("br step p95", "browser_step_p95", 1, 1000),
    ("msg/step", "messages_per_step", 2, 1),
    ("br fig p95 s", "browser_first_figure_p95", 1, 1),
    ("hub CPU s", "hub_cpu_s", 1, 1),
    ("hub %", "hub_cpu_pct", 0, 1),
    ("load", "load_after", 1, 1),
]


def table(rows: list[dict]) -> str:
    cells = [[h for h, *_ in COLUMNS]] + [[_f(r[k], d, s) for _, k, d, s in COLUMNS] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def where_time_goes(row: dict) -> str:
    parts, before = [], 0.0
    for stage, end in row["stage_medians"].items():
        if end is not None:
            parts.append(f"{stage} {end - before:.1f} s")
            before = end
    return f"N={row['n']}, median learner: " + ", ".join(parts)


def goals(rows: list[dict]) -> list[str]:
    """One line per goal: met, or missed by how much, at the largest N run."""
    top = max(rows, key=lambda r: r["n"])
    out = []
    if top["n"] < GOALS["learners"]:
        out.append(
            f"not tried {GOALS['learners']} learners at once (largest N here {top['n']}: "
            f"{top['ok']} of {top['n']} finished)"
        )
    else:
        held = top["ok"] == top["n"]
        out.append(f"{'met   ' if held else 'MISSED'} {top['n']} learners at once: {top['ok']} of {top['n']} finished")
    for key, goal, unit, scale in (
        ("step_p95", GOALS["step_p95"], "ms", 1000),
        ("pss_mb_mean", GOALS["memory_mb"], "MB", 1),
        ("first_figure_p95", GOALS["first_figure_p95"], "s", 1),
        ("learner_cpu_s", GOALS["learner_cpu_s"], "CPU-s", 1),
    ):
        value = top[key]
        if value is None:
            out.append(f"MISSED {key}: not measured")
            continue
        verdict = "met   " if value <= goal else "MISSED"
        over = "" if value <= goal else f", {value / goal:.1f}x the goal (+{(value - goal) * scale:.0f} {unit})"
        beside = f"; RSS {top['rss_mb_mean']:.0f} MB" if key == "pss_mb_mean" and top.get("rss_mb_mean") else ""
        out.append(
            f"{verdict} {key} at N={top['n']}: {value * scale:.1f} {unit} (goal {goal * scale:.0f} {unit}{beside}){over}"
        )
    return out + browser_goals(top)


def browser_goals(row: dict) -> list[str]:
    """The browser sample's lines: step p50/p95 beside the goal, and kernel messages per step."""
    if not row.get("browser_sample"):
        return [f"not measured in a browser at N={row['n']} (--browser-sample 0)"]
    head = f"browser sample at N={row['n']}: {row['browser_ok']} of {row['browser_sample']} learners finished"
    p95, goal = row["browser_step_p95"], BROWSER_GOALS["browser_step_p95"]
    per_step = row["messages_per_step"]
    if p95 is None or per_step is None:
        return [f"MISSED browser_step_p95: not measured ({head})"]
    return [
        f"{'met   ' if p95 <= goal else 'MISSED'} browser_step_p95 at N={row['n']}: {p95 * 1000:.1f} ms, "
        f"p50 {row['browser_step_p50'] * 1000:.1f} ms (goal {goal * 1000:.0f} ms; {row['browser_steps']} steps, "
        f"the widget's work (handler + frame) p95 {row['browser_frame_over_p95'] * 1000:.1f} ms; {head})",
        f"{'met   ' if per_step <= BROWSER_GOALS['messages_per_step'] else 'MISSED'} kernel messages per step "
        f"at N={row['n']}: {per_step:.2f} (goal {BROWSER_GOALS['messages_per_step']}; "
        f"{row['comm_messages']} comm messages; the counter saw {row['run_messages']} frames before stepping)",
        f"       browser login to first figure at N={row['n']}: p50 {row['browser_first_figure_p50']:.1f} s, "
        f"p95 {row['browser_first_figure_p95']:.1f} s",
    ]


def plot(rows: list[dict], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    ns = [r["n"] for r in rows]
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax_step, ax_fig, ax_mem = fig.subplots(1, 3)
    for ax, keys, title, unit, scale, goal in (
        (ax_step, ("step_p50", "step_p95"), "Step latency", "ms", 1000, GOALS["step_p95"] * 1000),
        (ax_fig, ("first_figure_p50", "first_figure_p95"), "Login to first figure", "s", 1, GOALS["first_figure_p95"]),
        (ax_mem, ("rss_mb_mean", "pss_mb_mean"), "Memory per learner", "MB", 1, GOALS["memory_mb"]),
    ):
        for key, marker, style in zip(keys, ("o", "s"), ("-", "--")):
            ys = [r[key] * scale if r[key] is not None else float("nan") for r in rows]
            ax.plot(
                ns,
                ys,
                style,
                marker=marker,
                color="#0072B2" if marker == "o" else "#D55E00",
                label=key.replace("_", " ").replace("mb mean", "(mean)"),
            )
        ax.axhline(goal, color="black", linestyle=":", label="goal")
        ax.set(title=title, xlabel="learners at once (N)", ylabel=unit)
        finite = [r[k] * scale for r in rows for k in keys if r[k] is not None]
        ax.set_ylim(0, max(finite + [goal]) * 1.15)
        ax.legend(fontsize=8)
    fig.suptitle(f"Class simulation on the local hub ({os.cpu_count()} CPUs)")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    return path


def save_json(rows: list[dict], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return path
