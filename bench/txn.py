#!/usr/bin/env python3
"""Transaction benchmarks, each against a named baseline on the same files in the same run:

1. `posdoctor txn reconcile` of N sales against N settlement rows, against DuckDB (the
   Python package) loading each CSV once into a typed table and answering the same
   questions (not credited, not sold, amount and fee mismatches) with one full outer join;
2. `posdoctor txn import` of the N-row sales file (RRNs in order, as a terminal writes
   them) and of the settlement file (rows in random order) into a fresh journal, against
   `sqlite3 .import` of the same file into a fresh database;
3. `posdoctor txn status --rrn` in the N-row journal (whole process, and the query itself).

Both reconcilers must find exactly the planted problems. Prints medians of RUNS runs and
peak memory (the largest max RSS of the measured process, from getrusage in a wrapper
process). DuckDB is installed with pip when missing. Run from the repository root:

    cargo build --release && python3 bench/txn.py [N] [RUNS] [reconcile|import|all]
"""

import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.environ.get("POSDOCTOR", os.path.join(ROOT, "target", "release", "posdoctor"))

# Load once into typed tables, then one join answers every question. Prints the counts and
# the time spent inside DuckDB (load + join), without the interpreter's start-up.
DUCKDB_SCRIPT = r"""
import duckdb, sys, json, time
t0 = time.perf_counter()
sales, settle = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute('SET enable_progress_bar = false')
con.execute(f'''CREATE TABLE s AS SELECT * FROM read_csv('{sales}', header=true, columns={{
    'rrn': 'VARCHAR', 'terminal_id': 'VARCHAR', 'trace': 'VARCHAR', 'date': 'DATE',
    'time': 'TIME', 'amount': 'DECIMAL(18,2)', 'merchant_name': 'VARCHAR'}})''')
con.execute(f'''CREATE TABLE t AS SELECT * FROM read_csv('{settle}', header=true, columns={{
    'rrn': 'VARCHAR', 'terminal_id': 'VARCHAR', 'trace': 'VARCHAR', 'date': 'DATE',
    'amount': 'DECIMAL(18,2)', 'fee': 'DECIMAL(18,2)', 'net': 'DECIMAL(18,2)'}})''')
row = con.execute('''
SELECT count(*) FILTER (WHERE t.rrn IS NULL),
       count(*) FILTER (WHERE s.rrn IS NULL),
       count(*) FILTER (WHERE s.amount <> t.amount),
       count(*) FILTER (WHERE s.amount = t.amount AND t.net <> t.amount - t.fee)
FROM s FULL OUTER JOIN t ON s.rrn = t.rrn''').fetchone()
out = dict(zip(['not_credited', 'not_sold', 'amount_mismatch', 'fee_mismatch'], row))
out['inside_s'] = time.perf_counter() - t0
print(json.dumps(out))
"""


def ensure_duckdb():
    try:
        import duckdb  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)


def generate(n, d):
    rnd = random.Random(7)
    sales_path = os.path.join(d, "sales.csv")
    settle_path = os.path.join(d, "settle.csv")
    planted = {"not_credited": 0, "not_sold": 0, "amount_mismatch": 0, "fee_mismatch": 0}
    with open(sales_path, "w") as s, open(settle_path, "w") as t:
        s.write("rrn,terminal_id,trace,date,time,amount,merchant_name\n")
        t.write("rrn,terminal_id,trace,date,amount,fee,net\n")
        settle_rows = []
        for i in range(n):
            rrn = f"{i:012d}"
            tid = f"{10000000 + i % 500:08d}"
            trace = f"{i % 1000000:06d}"
            cents = rnd.randint(100, 500000)
            hh, mm, ss = (i // 3600) % 24, (i // 60) % 60, i % 60
            s.write(f"{rrn},{tid},{trace},2026-11-20,{hh:02d}:{mm:02d}:{ss:02d},"
                    f"{cents // 100}.{cents % 100:02d},便利店{i % 97}\n")
            if i % 1000 == 1:
                planted["not_credited"] += 1
                continue
            fee = cents * 6 // 1000
            net = cents - fee
            if i % 1000 == 2:
                cents += 100
                net += 100
                planted["amount_mismatch"] += 1
            elif i % 1000 == 3:
                net -= 1
                planted["fee_mismatch"] += 1
            settle_rows.append(f"{rrn},{tid},{trace},2026-11-20,{cents // 100}.{cents % 100:02d},"
                               f"{fee // 100}.{fee % 100:02d},{net // 100}.{net % 100:02d}\n")
        while len(settle_rows) < n:
            i = n + len(settle_rows)
            settle_rows.append(f"{900000000000 + i:012d},10000001,{i % 1000000:06d},2026-11-20,"
                               "12.00,0.07,11.93\n")
            planted["not_sold"] += 1
        rnd.shuffle(settle_rows)
        t.writelines(settle_rows)
    return sales_path, settle_path, planted


def measured(cmd, runs, **kw):
    """Median wall time, the largest peak RSS (MB) and the last result, each run in a
    fresh child of a small wrapper that reports the child's getrusage max RSS."""
    walls, rss, last = [], 0.0, None
    for _ in range(runs):
        wrapped = [sys.executable, "-c",
                   "import resource,subprocess,sys;p=subprocess.run(sys.argv[1:]);"
                   "sys.stderr.write('RSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
                   "sys.exit(p.returncode)"] + cmd
        t0 = time.perf_counter()
        p = subprocess.run(wrapped, capture_output=True, **kw)
        walls.append(time.perf_counter() - t0)
        for line in p.stderr.decode().splitlines():
            if line.startswith("RSS "):
                rss = max(rss, int(line[4:]) / 1024)
        last = p
    return statistics.median(walls), rss, last


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    what = sys.argv[3] if len(sys.argv) > 3 else "all"
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        # BENCH_DIR keeps the generated files between runs (generating is slower than
        # anything measured here).
        keep = os.environ.get("BENCH_DIR")
        if keep:
            os.makedirs(keep, exist_ok=True)
            cached = os.path.join(keep, f"planted-{n}.json")
            if os.path.exists(cached):
                with open(cached) as f:
                    planted = json.load(f)
                sales, settle = os.path.join(keep, "sales.csv"), os.path.join(keep, "settle.csv")
            else:
                sales, settle, planted = generate(n, keep)
                with open(cached, "w") as f:
                    json.dump(planted, f)
        else:
            sales, settle, planted = generate(n, d)
        size = (os.path.getsize(sales) + os.path.getsize(settle)) / 1e6
        print(f"{n:,} sales + {n:,} settlement rows ({size:.0f} MB), generated in "
              f"{time.perf_counter() - t0:.1f} s; planted: {planted}\n")
        env = dict(os.environ, LANG="C.UTF-8")

        # 1. Reconciliation.
        if what in ("all", "reconcile"):
            ensure_duckdb()
            pd_t, pd_rss, p = measured([POSDOCTOR, "--json", "txn", "reconcile", "--sales", sales,
                                        "--settlement", settle, "--limit", "0"], runs, env=env)
            doc = json.loads(p.stdout)
            tot = doc["totals"]
            found = {"not_credited": tot["not_credited"]["rows"],
                     "not_sold": tot["not_sold"]["rows"],
                     "amount_mismatch": tot["amount_mismatch"],
                     "fee_mismatch": tot["fee_mismatch"]}
            assert found == planted, f"posdoctor found {found}, planted {planted}"
            inside = []
            dk_t, dk_rss, p = None, 0.0, None
            walls = []
            for _ in range(runs):
                t, r, p = measured([sys.executable, "-c", DUCKDB_SCRIPT, sales, settle], 1)
                walls.append(t)
                dk_rss = max(dk_rss, r)
                dk = json.loads(p.stdout.decode().strip().splitlines()[-1])
                inside.append(dk.pop("inside_s"))
                assert dk == planted, f"duckdb found {dk}, planted {planted}"
            dk_t, dk_in = statistics.median(walls), statistics.median(inside)
            print(f"reconcile, median of {runs}                          wall s   peak MB")
            print(f"  posdoctor txn reconcile (whole process)         {pd_t:7.3f}   {pd_rss:7.1f}")
            print(f"  duckdb load-once + one join (whole process)     {dk_t:7.3f}   {dk_rss:7.1f}")
            print(f"  duckdb load-once + one join (inside duckdb)     {dk_in:7.3f}")
            print(f"  ratio posdoctor / duckdb whole process          {pd_t / dk_t:7.2f}")
            print(f"  ratio posdoctor / duckdb inside                 {pd_t / dk_in:7.2f}\n")
        if what not in ("all", "import"):
            return

        # 2. Import: the sales file, its RRNs in the order a terminal writes them, and the
        # settlement file, its rows in random order (the costliest case for the indexes).
        for label, path, tag in (("sales, RRNs in order", sales, "data"),
                                 ("settlement, rows in random order", settle, "settle")):
            imp, sq = [], []
            for k in range(runs):
                e = dict(env, XDG_DATA_HOME=os.path.join(d, f"{tag}{k}"))
                t0 = time.perf_counter()
                p = subprocess.run([POSDOCTOR, "-q", "txn", "import", path], env=e,
                                   capture_output=True)
                imp.append(time.perf_counter() - t0)
                assert p.returncode == 0, p.stderr
                db = os.path.join(d, f"sq-{tag}{k}.db")
                t0 = time.perf_counter()
                subprocess.run(["sqlite3", db, ".mode csv", f".import {path} t"], check=True)
                sq.append(time.perf_counter() - t0)
            pi, si = statistics.median(imp), statistics.median(sq)
            print(f"import of the {label} (median of {runs})")
            print("                                             wall s   rows/s")
            print(f"  posdoctor txn import (indexed, dedup)      {pi:7.3f}   {n / pi:,.0f}")
            print(f"  sqlite3 .import (bare table, no index)     {si:7.3f}   {n / si:,.0f}")
            print(f"  ratio posdoctor/sqlite3                    {pi / si:7.2f}\n")

        # 3. Look-up by RRN in the journal just imported.
        e = dict(env, XDG_DATA_HOME=os.path.join(d, "data0"))
        times = []
        for i in range(21):
            rrn = f"{(i * 48271) % n:012d}"
            t0 = time.perf_counter()
            p = subprocess.run([POSDOCTOR, "--json", "txn", "status", "--source", "journal",
                                "--rrn", rrn], env=e, capture_output=True)
            times.append(time.perf_counter() - t0)
            assert json.loads(p.stdout)["transactions"][0]["txn"]["rrn"] == rrn
        db = os.path.join(d, "data0", "posdoctor", "posdoctor.db")
        # On standard input: sqlite3 prints no timings for SQL given as arguments.
        q = subprocess.run(["sqlite3", db],
                           input=".timer on\nSELECT count(*) FROM txns WHERE rrn = "
                                 f"'{(7 * 48271) % n:012d}';\n",
                           capture_output=True, text=True).stdout
        print("look-up by RRN in a %s-row journal" % f"{n:,}")
        print(f"  posdoctor txn status --rrn, whole process, median of 21: "
              f"{statistics.median(times) * 1000:.1f} ms")
        timer = [l for l in q.splitlines() if l.startswith("Run Time")]
        print(f"  the query alone (sqlite3 .timer): {timer[0] if timer else q.strip()}")


if __name__ == "__main__":
    main()
