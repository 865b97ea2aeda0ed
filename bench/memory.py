"""Peak memory of a whole process tree: a command and every process it starts (Linux ``/proc``).

    python -m bench.memory [--posts 100000 | --file observations.jsonl] [--workers N]

``repmon import`` scores in worker processes, so the peak of the parent alone, or of the largest
process (what ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` reports), understates what the machine must
hold. :func:`measure_tree` samples every process of the tree every few milliseconds:

- ``pss_mib``, the headline: the largest sum over the tree of each process's proportional set size
  (PSS). A page shared by several processes (inherited over ``fork``, or a memory-mapped file such
  as the language model) is divided among them, so the sum is the memory the tree really holds;
- ``rss_mib``: the largest sum of RSS in one sample, which counts every shared page once per process
  that maps it (an overstatement with forked workers);
- ``hwm_sum_mib``: the sum of each process's own peak RSS (``VmHWM``, kept by the kernel, so no
  spike between samples is missed). Peaks of different moments, shared pages counted per process:
  an upper bound, never less than the truth.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INTERVAL = 0.1  # seconds between samples: PSS is costly to read; each process's own peak (VmHWM) is exact anyway


@dataclass(frozen=True)
class TreePeak:
    pss_mib: float  # largest sampled sum of PSS: what the tree holds, shared pages counted once
    rss_mib: float  # largest sampled sum of RSS: shared pages counted once per process
    hwm_sum_mib: float  # sum of every process's own peak RSS: an upper bound
    seconds: float
    per_process: list[tuple[float, float]] = field(default_factory=list)  # (peak PSS, peak RSS), command first


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(child) for child in handle.read().split())
    except OSError:  # the process has gone
        pass
    return found


def _tree(root: int) -> list[int]:
    pids, queue = [], [root]
    while queue:
        pid = queue.pop()
        pids.append(pid)
        queue.extend(_children(pid))
    return pids


def _fields(path: str, names: tuple[str, ...]) -> dict[str, int]:
    """KiB figures from a /proc file; empty when the process has gone or is a zombie."""
    found: dict[str, int] = {}
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                name = line.split(":", 1)[0]
                if name in names:
                    found[name] = int(line.split()[1])
    except OSError:
        return {}
    return found


def measure_tree(command: Sequence[str], env: Mapping[str, str] | None = None) -> TreePeak:
    """Run ``command`` to completion and return the peak memory of its whole process tree."""
    began = time.perf_counter()
    peak_pss: dict[int, int] = {}
    peak_rss: dict[int, int] = {}
    hwm: dict[int, int] = {}
    pss_max = rss_max = 0
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        while process.poll() is None:
            pss_sum = rss_sum = 0
            for pid in _tree(process.pid):
                status = _fields(f"/proc/{pid}/status", ("VmRSS", "VmHWM"))
                pss = _fields(f"/proc/{pid}/smaps_rollup", ("Pss",)).get("Pss")
                if "VmRSS" not in status or "VmHWM" not in status or pss is None:
                    continue
                hwm[pid] = max(hwm.get(pid, 0), status["VmHWM"])
                peak_rss[pid] = max(peak_rss.get(pid, 0), status["VmRSS"])
                peak_pss[pid] = max(peak_pss.get(pid, 0), pss)
                pss_sum += pss
                rss_sum += status["VmRSS"]
            pss_max, rss_max = max(pss_max, pss_sum), max(rss_max, rss_sum)
            time.sleep(INTERVAL)
        if process.returncode:
            errors.seek(0)
            raise subprocess.CalledProcessError(process.returncode, command, stderr=errors.read())
    return TreePeak(
        pss_mib=pss_max / 1024,
        rss_mib=rss_max / 1024,
        hwm_sum_mib=sum(hwm.values()) / 1024,
        seconds=time.perf_counter() - began,
        per_process=[(peak_pss[pid] / 1024, hwm[pid] / 1024) for pid in hwm],
    )


def import_peak(data: Path, tmp: Path, workers: int | None = None) -> TreePeak:
    """Peak memory of the whole ``repmon import data`` (worker processes included) into a fresh SQLite file."""
    db = tmp / f"memory-{os.getpid()}-{time.monotonic_ns()}.db"
    config = db.with_suffix(".toml")
    config.write_text(f'[database]\nurl = "sqlite:///{db}"\n', encoding="utf-8")
    command = [sys.executable, "-m", "monitor", "import", str(data)]
    if workers is not None:
        command += ["--workers", str(workers)]
    return measure_tree(command, env={**os.environ, "REPMON_CONFIG": str(config)})


def describe(peak: TreePeak) -> str:
    each = ", ".join(f"{pss:.0f}/{rss:.0f}" for pss, rss in peak.per_process)
    return (
        f"tree PSS {peak.pss_mib:.0f} MiB, tree RSS {peak.rss_mib:.0f} MiB, sum of per-process peaks "
        f"{peak.hwm_sum_mib:.0f} MiB; per process (PSS/RSS peak, command first) {each}; {peak.seconds:.1f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=100_000, help="posts in the generated file")
    parser.add_argument("--file", type=Path, default=None, help="import this file instead of a generated one")
    parser.add_argument("--workers", type=int, default=None, help="scoring processes (default: repmon's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="repmon-memory-") as folder:
        tmp = Path(folder)
        data = args.file
        if data is None:
            from bench.ingest import make_file

            data = tmp / "observations.jsonl"
            make_file(data, args.posts)
        peak = import_peak(data, tmp, args.workers)
    print(f"repmon import {data.name}: {describe(peak)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
