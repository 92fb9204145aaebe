"""The JAX peer of the DualAD benchmark suite (run it through Scripts/benchmark-jax).

The Swift suite exports each workload's inputs and its checked result; this script writes the
same functions as a JAX user would (vectorized jax.numpy), checks JAX's derivatives against
them, then times JAX without and with jit. DualAD is timed in the same run by the Swift
executable in --serve mode: for each sample round, one DualAD sample, one JAX sample, one
JAX-jit sample, so that load from other processes hits all three alike. Timing is ADBench's:
repeat until a sample lasts at least 0.5 s, up to 10 samples, minimum and median.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("JAX_PLATFORMS", "cpu")
try:
    import jax
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "jax[cpu]"], check=True)
    import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
from jax.scipy.special import logsumexp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# The functions, as a JAX user writes them.

def rosenbrock(x):
    return jnp.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def normal_log_density(v):
    x, mu, sigma = v[:-2], v[-2], v[-1]
    z = (x - mu) / sigma
    return jnp.sum(-0.5 * z * z - jnp.log(sigma) - 0.5 * jnp.log(2 * jnp.pi))


def softmax(x):
    e = jnp.exp(x - jnp.max(x))
    return e / jnp.sum(e)


def gmm_objective(d, k, n, gamma, m):
    """ADBench's gmm_objective on the flat parameter vector (α, μ, then q and l per component)."""
    size = d * (d + 1) // 2
    rows, cols = [], []
    for a in range(d):  # l is stored column by column: (b, a) for b > a
        for b in range(a + 1, d):
            rows.append(b)
            cols.append(a)
    rows, cols = jnp.array(rows, dtype=int), jnp.array(cols, dtype=int)
    big_n = d + m + 1
    c = big_n * d * (math.log(gamma) - 0.5 * math.log(2)) - (
        0.25 * d * (d - 1) * math.log(math.pi) + sum(math.lgamma(0.5 * big_n + 0.5 * (1 - j)) for j in range(1, d + 1)))

    def objective(theta, x):
        alphas = theta[:k]
        means = theta[k:k + k * d].reshape(k, d)
        icf = theta[k + k * d:].reshape(k, size)
        qs, ls = icf[:, :d], icf[:, d:]
        q_diagonals = jnp.exp(qs)
        sum_qs = jnp.sum(qs, axis=1)
        lower = jnp.zeros((k, d, d)).at[:, rows, cols].set(ls)
        centered = x[:, None, :] - means[None, :, :]  # N × K × d
        transformed = q_diagonals[None] * centered + jnp.einsum("kij,nkj->nki", lower, centered)
        main = alphas[None] + sum_qs[None] - 0.5 * jnp.sum(transformed ** 2, axis=2)
        prior = jnp.sum(0.5 * gamma * gamma * (jnp.sum(q_diagonals ** 2, axis=1) + jnp.sum(ls ** 2, axis=1)) - m * sum_qs)
        return (-n * d * 0.5 * math.log(2 * math.pi) + jnp.sum(logsumexp(main, axis=1))
                - n * logsumexp(alphas) + prior - k * c)

    return objective


def logistic_loss(w, b, x, y):
    z = x @ w + b
    return jnp.mean(jnp.maximum(z, 0) - z * y + jnp.log1p(jnp.exp(-jnp.abs(z))))


class Case:
    """One comparison: a DualAD peer served by Swift, and JAX's call without and with jit."""

    def __init__(self, workload, swift_peer, label, call, jitted, scalar=True):
        self.workload, self.swift_peer, self.label = workload, swift_peer, label
        self.call, self.jitted, self.scalar = call, jitted, scalar


def max_relative_difference(a, b):
    a, b = jnp.ravel(jnp.asarray(a)), jnp.ravel(jnp.asarray(b))
    return float(jnp.max(jnp.abs(a - b) / jnp.maximum(jnp.abs(b), 1)))


def cases(data):
    out = []

    def add(workload, swift_peer, label, fn, args, reference, tolerance=1e-9, scalar=True):
        jitted = jax.jit(fn)
        for name, f in (("no jit", fn), ("jit", jitted)):
            error = max_relative_difference(f(*args), reference)
            if not error < tolerance:
                sys.exit(f"{label}: JAX ({name}) disagrees with DualAD's checked result: {error:.1e}; not timed")
        print(f"  check: {label}: JAX agrees with DualAD's checked result")
        out.append(Case(workload, swift_peer, label,
                        lambda: jax.block_until_ready(fn(*args)), lambda: jax.block_until_ready(jitted(*args)), scalar))

    for key in sorted(data, key=lambda k: (k.split("/")[0], int(k.split("/")[-1]) if k.split("/")[-1].isdigit() else 0)):
        entry, kind = data[key], key.split("/")[0]
        if kind == "rosenbrock":
            add(key, "DualAD", f"Rosenbrock gradient, n = {key.split('/')[1]}", jax.grad(rosenbrock), (jnp.array(entry["x"], dtype=jnp.float64),), entry["gradient"])
        elif kind == "logsumexp":
            add(key, "DualAD", f"logsumexp gradient, n = {key.split('/')[1]}", jax.grad(logsumexp), (jnp.array(entry["x"], dtype=jnp.float64),), entry["gradient"])
        elif kind == "normal":
            add(key, "DualAD", f"normal log-density gradient, n = {key.split('/')[1]}", jax.grad(normal_log_density), (jnp.array(entry["x"], dtype=jnp.float64),), entry["gradient"])
        elif kind in ("gmm", "gmm-tensor"):
            f = gmm_objective(entry["d"], entry["k"], entry["n"], entry["wishart_gamma"], entry["wishart_m"])
            x = jnp.array(entry["x"], dtype=jnp.float64).reshape(entry["n"], entry["d"])
            theta = jnp.array(entry["parameters"], dtype=jnp.float64)
            if abs(float(f(theta, x)) - entry["objective"]) > 1e-9 * abs(entry["objective"]):
                sys.exit(f"GMM {key}: JAX objective {float(f(theta, x))} differs from DualAD's {entry['objective']}")
            if kind == "gmm":
                add(key, "DualAD", f"GMM ({entry['d']}, {entry['k']}) gradient", jax.grad(f), (theta, x), entry["gradient"])
            else:
                add(key, "gradient", f"GMM ({entry['d']}, {entry['k']}) gradient, tensors", jax.grad(f), (theta, x), entry["gradient"], scalar=False)
        elif kind == "logistic":
            shape = (entry["batch"], entry["inputs"], entry["outputs"])
            x = jnp.array(entry["x"], dtype=jnp.float64).reshape(shape[0], shape[1])
            w = jnp.array(entry["w"], dtype=jnp.float64).reshape(shape[1], shape[2])
            b, y = jnp.array(entry["b"], dtype=jnp.float64), jnp.array(entry["y"], dtype=jnp.float64).reshape(shape[0], shape[2])
            step = jax.value_and_grad(logistic_loss, argnums=(0, 1))
            add(key, "step", "logistic step (forward + backward), tensors", lambda *a: step(*a)[1][0], (w, b, x, y), entry["gradient_w"], scalar=False)
        elif kind == "jacobian":
            x = jnp.array(entry["x"], dtype=jnp.float64)
            add(key, "vector forward", "softmax Jacobian n = 100: DualAD vector forward vs jacfwd", jax.jacfwd(softmax), (x,), entry["jacobian"])
            add(key, "reverse", "softmax Jacobian n = 100: DualAD reverse vs jacrev", jax.jacrev(softmax), (x,), entry["jacobian"])
        elif kind == "hvp":
            g = jax.grad(rosenbrock)
            hvp = lambda x, v: jax.jvp(g, (x,), (v,))[1]
            add(key, "DualAD", "Rosenbrock Hessian-vector product, n = 1000", hvp, (jnp.array(entry["x"], dtype=jnp.float64), jnp.array(entry["v"], dtype=jnp.float64)), entry["hvp"])
    return out


class Swift:
    """The Swift suite in --serve mode: one DualAD sample per request."""

    def __init__(self, executable, only, quick):
        arguments = [executable, "--serve", "--only", only] + (["--quick"] if quick else [])
        self.process = subprocess.Popen(arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        while True:
            line = self.process.stdout.readline()
            if not line:
                sys.exit("the Swift suite stopped before serving")
            if line.strip() == "ready":
                break

    def sample(self, workload, peer):
        self.process.stdin.write(f"sample\t{workload}\t{peer}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        try:
            return float(answer)
        except ValueError:
            sys.exit(f"the Swift suite answered: {answer}")

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait()


def calibrate(call, minimum):
    call()  # warm-up (and, for jit, compilation)
    repetitions = 1
    while True:
        start = time.perf_counter()
        for _ in range(repetitions):
            call()
        elapsed = time.perf_counter() - start
        if elapsed >= minimum:
            return repetitions
        repetitions = max(repetitions * 2, int(repetitions * minimum / max(elapsed, 1e-9) * 1.1) + 1)


def sample(call, repetitions):
    start = time.perf_counter()
    for _ in range(repetitions):
        call()
    return (time.perf_counter() - start) / repetitions


def numpy_matmul(data, swift, minimum, samples):
    """The logistic step's two products, DualAD's tensor matmul (OpenBLAS) against numpy's, in
    GFLOP/s, sampled alternately; numpy is checked against DualAD's product first."""
    import numpy as np
    lines = []
    for key, entry in data.items():
        if not key.startswith("logistic/"):
            continue
        batch, inputs, outputs = entry["batch"], entry["inputs"], entry["outputs"]
        x = np.array(entry["x"], dtype=np.float64).reshape(batch, inputs)
        w = np.array(entry["w"], dtype=np.float64).reshape(inputs, outputs)
        g = np.array(entry["y"], dtype=np.float64).reshape(batch, outputs)
        error = max_relative_difference(x @ w, np.array(entry["z"]).reshape(batch, outputs))
        if not error < 1e-12:
            sys.exit(f"{key}: numpy's x @ w disagrees with DualAD's checked product: {error:.1e}; not timed")
        flops = 2.0 * batch * inputs * outputs
        for label, peer, call in ((f"x·w, {batch}×{inputs} · {inputs}×{outputs}", "matmul", lambda: x @ w),
                                  (f"xᵀ·Ḡ in backward, {inputs}×{batch} · {batch}×{outputs}", "matmul backward", lambda: x.T @ g)):
            print(f"measuring matmul {label}")
            repetitions = calibrate(call, minimum)
            swift.sample(key, peer)
            times = {"DualAD": [], "numpy": []}
            for _ in range(samples):
                times["DualAD"].append(swift.sample(key, peer))
                times["numpy"].append(sample(call, repetitions))
            d, n = min(times["DualAD"]), min(times["numpy"])
            lines.append(f"| {label} | {flops / d / 1e9:.1f} | {flops / n / 1e9:.1f} | {n / d:.0%} |")
    if not lines:
        return []
    worst = min(float(line.split("|")[4].strip().rstrip("%")) for line in lines)
    return ["", f"Matmul at the logistic step's shapes (numpy {np.__version__}; minima of alternating samples):", "",
            "| product | DualAD GFLOP/s | numpy GFLOP/s | DualAD / numpy |", "|---|---|---|---|"] + lines + [
            "", f"- bar: matmul ≥ 70 % of numpy/OpenBLAS: **{'met' if worst >= 70 else 'missed'}** (worst {worst:.0f} %)"]


def fmt_seconds(s):
    for scale, unit in ((1e-6, "ns"), (1e-3, "µs"), (1, "ms")):
        if s < scale:
            v = s / scale * 1e3
            return f"{v:.2f} {unit}" if v < 10 else f"{v:.1f} {unit}" if v < 100 else f"{v:.0f} {unit}"
    return f"{s:.2f} s"


def fmt_ratio(x):
    if x < 0.1:
        return f"{x:.2g}×"  # two significant digits: 0.0024×, not 0.00×
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×" if x < 100 else f"{x:.0f}×"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--swift", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="rosenbrock,logsumexp,normal,gmm,logistic,jacobian,hvp")
    options = parser.parse_args()
    minimum, samples = (0.02, 3) if options.quick else (0.5, 10)

    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "data.json")
        subprocess.run([options.swift, "--export", path, "--only", options.only], check=True, stdout=subprocess.DEVNULL)
        with open(path) as f:
            data = json.load(f)
    all_cases = cases(data)
    swift = Swift(options.swift, options.only, options.quick)
    rows, chart, tensor_chart = [], [], []
    for case in all_cases:
        print(f"measuring {case.label}")
        jax_repetitions = calibrate(case.call, minimum)
        jit_repetitions = calibrate(case.jitted, minimum)
        times = {"DualAD": [], "JAX": [], "JAX jit": []}
        first = swift.sample(case.workload, case.swift_peer)  # calibrates on the Swift side
        long_call = max(first, sample(case.call, 1)) > (0.1 if options.quick else 1)
        for _ in range(1 if long_call and options.quick else 3 if long_call else samples):
            times["DualAD"].append(swift.sample(case.workload, case.swift_peer))
            times["JAX"].append(sample(case.call, jax_repetitions))
            times["JAX jit"].append(sample(case.jitted, jit_repetitions))
        summary = {name: (min(t), sorted(t)[len(t) // 2]) for name, t in times.items()}
        rows.append((case, summary))
        if case.workload.startswith("rosenbrock/"):
            n = int(case.workload.split("/")[1])
            chart.append((n, "JAX grad, no jit", summary["JAX"][0]))
            chart.append((n, "JAX grad, jit", summary["JAX jit"][0]))
        if not case.scalar:
            for tool, name in (("DualAD", "DualAD"), ("JAX", "JAX, no jit"), ("JAX jit", "JAX, jit")):
                tensor_chart.append((case.label, name, summary[tool][0]))
        (d, _), (j, _), (jj, _) = summary["DualAD"], summary["JAX"], summary["JAX jit"]
        print(f"  DualAD {fmt_seconds(d)}  JAX {fmt_seconds(j)}  JAX jit {fmt_seconds(jj)}  DualAD / JAX {fmt_ratio(d / j)}  DualAD / JAX jit {fmt_ratio(d / jj)}")
    matmul_lines = numpy_matmul(data, swift, minimum, samples)
    swift.close()

    def cell(t):
        return f"{fmt_seconds(t[0])} ({fmt_seconds(t[1])})"

    lines = [
        f"Run: {'`--quick` (smoke run; not for quoting)' if options.quick else 'full (samples of ≥ 0.5 s, up to 10)'}, "
        f"{time.strftime('%Y-%m-%d')}. Time per call, min (median); ratios of minima (of medians). "
        "DualAD's samples come from the Swift suite in `--serve` mode, interleaved with JAX's. "
        "Every JAX result was checked against DualAD's (itself checked against a hand-written or closed-form result) before timing.",
        "",
        "| workload | DualAD | JAX, no jit | JAX, jit | DualAD / JAX no jit | DualAD / JAX jit |",
        "|---|---|---|---|---|---|",
    ]
    slower = []
    for case, s in rows:
        ratio = s["DualAD"][0] / s["JAX"][0]
        lines.append(
            f"| {case.label} | {cell(s['DualAD'])} | {cell(s['JAX'])} | {cell(s['JAX jit'])} | "
            f"{fmt_ratio(ratio)} ({fmt_ratio(s['DualAD'][1] / s['JAX'][1])}) | "
            f"{fmt_ratio(s['DualAD'][0] / s['JAX jit'][0])} ({fmt_ratio(s['DualAD'][1] / s['JAX jit'][1])}) |")
        if case.scalar and ratio >= 1:
            slower.append(case.label)
    lines.append("")
    lines.append("- bar: DualAD faster than JAX without jit on every scalar workload: **"
                 + ("met**" if not slower else "missed** (" + "; ".join(slower) + ")"))
    for case, s in rows:
        if case.workload.startswith("logistic/"):
            ratio = s["DualAD"][0] / s["JAX jit"][0]
            lines.append(f"- bar: {case.label} ≤ 1.5× JAX with jit: **{'met' if ratio <= 1.5 else 'missed'}** ({fmt_ratio(ratio)})")
        if case.workload.startswith("gmm-tensor/"):
            (d, _), (j, _), (jj, _) = s["DualAD"], s["JAX"], s["JAX jit"]
            lines.append(f"- bar: {case.label} faster than JAX without jit: **{'met' if d < j else 'missed'}** ({fmt_ratio(d / j)})")
            lines.append(f"- bar: {case.label} within 2× of JAX with jit: **{'met' if d <= 2 * jj else 'missed'}** ({fmt_ratio(d / jj)})")
    lines += matmul_lines
    markdown = "\n".join(lines)
    print(markdown)
    if tensor_chart and not options.quick:
        # The tensor chart has its own file, so a run of the tensor workloads alone redraws it.
        with open(os.path.join(ROOT, "Benchmarks", "results", "tensors-jax.csv"), "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["workload", "tool", "seconds"])
            writer.writerows(tensor_chart)
    if options.quick or options.only != parser.get_default("only"):
        print("quick or partial run: BENCHMARKS.md left as it is")
        return
    with open(os.path.join(ROOT, "Benchmarks", "results", "rosenbrock-jax.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["n", "tool", "seconds"])
        writer.writerows(chart)
    path = os.path.join(tempfile.gettempdir(), "dualad-jax.md")
    with open(path, "w") as f:
        f.write(markdown)
    sys.path.insert(0, os.path.join(ROOT, "Benchmarks", "report"))
    import update_report
    update_report.splice("jax", markdown)
    update_report.chart()


if __name__ == "__main__":
    main()
