"""Rewrites a generated section of BENCHMARKS.md and renders the Rosenbrock chart.

    python3 Benchmarks/report/update_report.py suite FILE   # the Swift suite's markdown
    python3 Benchmarks/report/update_report.py jax FILE     # the JAX peer's markdown
    python3 Benchmarks/report/update_report.py chart        # the charts only (rosenbrock.png, tensors.png)

A section lives between <!-- BEGIN GENERATED: name --> and <!-- END GENERATED: name -->; it is
replaced whole, with the machine and the exact command in front of the figures.
"""
import csv
import os
import platform
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCHMARKS = os.path.join(ROOT, "BENCHMARKS.md")
RESULTS = os.path.join(ROOT, "Benchmarks", "results")
CHART = os.path.join(ROOT, "Benchmarks", "rosenbrock.png")
COMMANDS = {"suite": "Scripts/benchmark", "jax": "Scripts/benchmark-jax"}


def output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""


def machine():
    fields = {}
    for line in output(["lscpu"]).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    swift = output(["swift", "--version"]).splitlines()
    swift = next((line for line in swift if "Swift version" in line), "Swift (unknown)")
    lines = [
        f"- CPU: {fields.get('Model name', platform.processor() or 'unknown')}, "
        f"{fields.get('CPU(s)', os.cpu_count())} logical cores"
        + (f", L3 {fields['L3 cache']}" if "L3 cache" in fields else ""),
        f"- OS: {platform.system()} {platform.release()}",
        f"- {swift.strip()}",
    ]
    if "jax" in sys.modules:
        import jax
        lines.append(f"- JAX {jax.__version__} (CPU, float64), Python {platform.python_version()}")
    return lines


def splice(name, body):
    begin, end = f"<!-- BEGIN GENERATED: {name} -->", f"<!-- END GENERATED: {name} -->"
    with open(BENCHMARKS, encoding="utf-8") as f:
        text = f.read()
    if begin not in text or end not in text:
        sys.exit(f"BENCHMARKS.md has no {begin} … {end} markers")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    section = "\n".join(
        [begin, "", "Machine:", *machine(), "", f"Command: `{COMMANDS[name]}`", "", body.strip(), "", end])
    with open(BENCHMARKS, "w", encoding="utf-8") as f:
        f.write(head + section + tail)
    print(f"BENCHMARKS.md: section '{name}' rewritten")


def chart():
    try:
        import matplotlib
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "matplotlib"], check=True)
        import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = {}
    for name in ("rosenbrock.csv", "rosenbrock-jax.csv"):
        path = os.path.join(RESULTS, name)
        if not os.path.exists(path):
            continue
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                series.setdefault(row["tool"], []).append((int(row["n"]), float(row["seconds"])))
    styles = {
        "DualAD reverse": dict(color="tab:blue", marker="o", linewidth=2.5),
        "hand-written": dict(color="black", marker="s", linestyle="--"),
        "primal (f alone)": dict(color="gray", marker=".", linestyle=":"),
        "Swift _Differentiation": dict(color="tab:red", marker="^"),
        "GSL central differences": dict(color="tab:orange", marker="v"),
        "JAX grad, no jit": dict(color="tab:green", marker="D"),
        "JAX grad, jit": dict(color="tab:olive", marker="d", linestyle="--"),
    }
    fig, ax = plt.subplots(figsize=(8, 5.5), dpi=120)
    for tool, points in series.items():
        points.sort()
        ax.plot([p[0] for p in points], [p[1] for p in points], label=tool, **styles.get(tool, {}))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (inputs)")
    ax.set_ylabel("seconds per gradient (minimum over samples)")
    ax.set_title("Rosenbrock gradient: time against n")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=9)
    fig.tight_layout()
    fig.savefig(CHART)
    print(f"wrote {os.path.relpath(CHART, ROOT)}")
    tensor_chart(plt)


def tensor_chart(plt):
    """The tensor workloads beside JAX (Benchmarks/tensors.png): time per call, one group each."""
    path = os.path.join(RESULTS, "tensors-jax.csv")
    if not os.path.exists(path):
        return
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups.setdefault(row["workload"], {})[row["tool"]] = float(row["seconds"]) * 1e3
    tools = ["DualAD", "JAX, no jit", "JAX, jit"]
    colors = {"DualAD": "tab:blue", "JAX, no jit": "tab:green", "JAX, jit": "tab:olive"}
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=120)
    width = 0.8 / len(tools)
    for i, tool in enumerate(tools):
        xs = [g + (i - 1) * width for g in range(len(groups))]
        ax.bar(xs, [times.get(tool, 0) for times in groups.values()], width, label=tool, color=colors[tool])
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(list(groups), fontsize=8)
    ax.set_ylabel("milliseconds per call (minimum over samples)")
    ax.set_title("Tensor workloads: DualAD beside JAX")
    ax.grid(True, axis="y", alpha=0.3)
    ax.legend(fontsize=9)
    fig.tight_layout()
    out = os.path.join(ROOT, "Benchmarks", "tensors.png")
    fig.savefig(out)
    print(f"wrote {os.path.relpath(out, ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in COMMANDS:
        with open(sys.argv[2], encoding="utf-8") as f:
            splice(sys.argv[1], f.read())
        chart()
    elif sys.argv[1:] == ["chart"]:
        chart()
    else:
        sys.exit(__doc__)
