#!/usr/bin/python3
"""Makes a synthetic dataset with k times the sites of data/nl, for the Monte Carlo scaling bench
(bench/montecarlo_scaling.sh; docs/uncertainty.md "Speed").

Every MIDDEN site and its options are copied k − 1 times (ids suffixed ~2 … ~k, the exclusive
groups renamed with their site), so the copy is data/nl's industry k times over: the same
emissions, costs and technologies per site. What the sites share grows with them, so each copy
meets the same scarcity as the original: infrastructure capacity (MW, t/yr) and NEa's published
industry totals (the history's calibration, model::History) are multiplied by k. The additions
(AVIs, announced projects), the deals, contracts, closures and verified emissions stay as they are:
they name real sites and companies, and copies of them would be fictitious deals.

--separate-inputs also copies the announced projects at MIDDEN sites (additions/options.csv) onto
each copy's sites, without their deals. Monte Carlo draws a MIDDEN option's capex, tonnes and permit
delay as members of one input per variable ("capex:MIDDEN options"), but an announced project's as
inputs of its own (docs/uncertainty.md "What is uncertain"), so with the flag the uncertain inputs
grow with the sites (144 on data/nl, 93 more per copy), as in a dataset of many named projects:
the case the tornado's --tornado-top is for. Copied projects get ids "copy<k>~<id>": deals name
their projects by id prefix, so a suffix would let the real deal claim the copy. The copied projects are package-funded as announced projects
without a deal are (the whole funding gap), so the package leg grows with them.

A benchmark input, not data: the numbers it writes are data/nl's, repeated.

    /usr/bin/python3 bench/make_synthetic_dataset.py --factor 4 --out /tmp/nl-x4 [--separate-inputs]
"""

import argparse
import csv
import pathlib
import shutil
import sys

SUFFIX = "~"  # not used in any data/nl id, so a copy's id cannot collide with a real one


def copy_id(value: str, copy: int) -> str:
    return value if copy == 1 else f"{value}{SUFFIX}{copy}"


def read(path: pathlib.Path):
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        sys.exit(f"{path}: expected a CSV header, found an empty file")
    return rows[0], rows[1:]


def write(path: pathlib.Path, header, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def column(header, name: str, path: pathlib.Path) -> int:
    try:
        return header.index(name)
    except ValueError:
        sys.exit(f"{path}: expected a column '{name}', found {', '.join(header)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default="data/nl", help="dataset to copy (default: data/nl)")
    ap.add_argument("--factor", type=int, required=True, help="k: times the MIDDEN sites (1 = a plain copy)")
    ap.add_argument("--out", required=True, help="directory to write (replaced if it exists)")
    ap.add_argument("--separate-inputs", action="store_true",
                    help="copy the announced projects at MIDDEN sites too: an uncertain input each")
    a = ap.parse_args()
    if a.factor < 1:
        sys.exit(f"--factor: expected an integer >= 1, found {a.factor}")
    src, out = pathlib.Path(a.data), pathlib.Path(a.out)
    if not (src / "dataset.yaml").is_file():
        sys.exit(f"{src}: expected a dataset directory with dataset.yaml")
    # Write next to the target and move into place: nothing half-written on an error.
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(src, tmp)
    k = a.factor

    sites_path = tmp / "midden" / "sites.csv"
    header, rows = read(sites_path)
    sid = column(header, "site_id", sites_path)
    originals = [r[sid] for r in rows]
    write(sites_path, header, [[copy_id(v, c) if i == sid else v for i, v in enumerate(r)]
                               for c in range(1, k + 1) for r in rows])

    options_path = tmp / "midden" / "options.csv"
    header, rows = read(options_path)
    oid, osite, group = (column(header, n, options_path) for n in ("option_id", "site_id", "exclusive_group"))
    def copy_option(r, c):
        r = list(r)
        site = r[osite]
        r[oid] = copy_id(r[oid], c)
        r[osite] = copy_id(site, c)
        # Groups are "<site>/<section>": the copy's group is its own site's.
        if c > 1 and r[group].startswith(site + "/"):
            r[group] = copy_id(site, c) + r[group][len(site):]
        elif c > 1 and r[group]:
            r[group] = copy_id(r[group], c)
        return r

    out_rows = [copy_option(r, c) for c in range(1, k + 1) for r in rows]
    write(options_path, header, out_rows)

    projects = 0
    if a.separate_inputs:
        additions_path = tmp / "additions" / "options.csv"
        aheader, arows = read(additions_path)
        if aheader != header:
            sys.exit(f"{additions_path}: expected the columns of {options_path}, found {', '.join(aheader)}")
        midden_sites = set(originals)
        copies = []
        for c in range(2, k + 1):
            for r in arows:
                if r[osite] in midden_sites:
                    r = copy_option(r, c)
                    # Deals name their projects by id prefix (X-TATA-DRP-EAF …): a copy's id must not
                    # start with the original's, or the real deal would claim it.
                    r[oid] = f"copy{c}{SUFFIX}{r[oid][:-len(SUFFIX + str(c))]}"
                    copies.append(r)
        projects = len(copies)
        write(additions_path, header, arows + copies)

    # Activity groups that list their sites name the copies too.
    groups_path = tmp / "activity-groups.csv"
    header, rows = read(groups_path)
    gs = column(header, "sites", groups_path)
    midden = set(originals)
    for r in rows:
        if r[gs]:
            listed = r[gs].split(";")
            r[gs] = ";".join(listed + [copy_id(s, c) for c in range(2, k + 1) for s in listed if s in midden])
    write(groups_path, header, rows)

    cap_path = tmp / "infrastructure-capacity.csv"
    header, rows = read(cap_path)
    for name in ("capacity_mw", "capacity_t"):
        i = column(header, name, cap_path)
        for r in rows:
            if r[i]:
                r[i] = repr(float(r[i]) * k)
    write(cap_path, header, rows)

    pub_path = tmp / "published.csv"
    header, rows = read(pub_path)
    series, value = column(header, "series", pub_path), column(header, "value", pub_path)
    for r in rows:
        if r[series] == "nea_industry_emissions_t":
            r[value] = repr(float(r[value]) * k)
    write(pub_path, header, rows)

    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    extra = f", {projects} copied announced projects" if a.separate_inputs else ""
    print(f"{out}: {len(originals) * k} MIDDEN sites ({k} × {len(originals)}), {len(out_rows)} MIDDEN options{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
