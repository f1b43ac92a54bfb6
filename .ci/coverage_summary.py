"""Print the line and branch coverage of a test run (coverage.json) and fail below a branch threshold.

    python .ci/coverage_summary.py [coverage.json] [--min-branch 90]

The least covered modules are listed too, so that a drop names where it happened.
"""
import argparse
import json
import sys


def percent(covered, total):
    return 100.0 * covered / total if total else 100.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="test-artifacts/coverage.json")
    parser.add_argument("--min-branch", type=float, default=0.0, help="fail below this branch coverage (percent)")
    parser.add_argument("--worst", type=int, default=8, help="how many of the least covered modules to list")
    args = parser.parse_args(argv)
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)
    totals = report["totals"]
    lines = percent(totals["covered_lines"], totals["num_statements"])
    branches = percent(totals["covered_branches"], totals["num_branches"])
    print(f"line coverage:   {lines:5.1f} % ({totals['covered_lines']} of {totals['num_statements']} lines)")
    print(f"branch coverage: {branches:5.1f} % ({totals['covered_branches']} of {totals['num_branches']} branches)")
    modules = sorted(
        ((percent(f["summary"]["covered_branches"], f["summary"]["num_branches"]), name, f["summary"])
         for name, f in report["files"].items() if f["summary"]["num_branches"]),
    )[:args.worst]
    print("least covered branches:")
    for share, name, summary in modules:
        print(f"  {share:5.1f} %  {name} ({summary['covered_branches']} of {summary['num_branches']})")
    if branches < args.min_branch:
        print(f"branch coverage {branches:.1f} % is below {args.min_branch:g} %", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
