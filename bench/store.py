#!/usr/bin/env python3
"""Storage benchmarks, each against a named baseline on the same file in the same run:

1. `posdoctor txn import` of an N-row sales file into a fresh SQLite journal, against
   `sqlite3 .import` of the same file into a fresh database with a bare table (no index);
2. `posdoctor --db postgres://… txn import` of the same file into a fresh PostgreSQL
   database, against `psql \\copy` of the same file into a bare table;
3. `posdoctor incident stats` (all four groupings) over M incidents, on SQLite and on
   PostgreSQL, against the same four GROUP BY queries run by `sqlite3` and `psql`.

The PostgreSQL server is started here on loopback (initdb in a temporary directory, a free
port, as `nobody` when run as root) and stopped at the end. Prints the median of RUNS runs
of wall time and of CPU time (user + sys of the process and its children: on a shared
machine wall time also counts waiting for a core). Run from the repository root:

    cargo build --release && python3 bench/store.py [N] [RUNS] [M]

POSDOCTOR=path/to/posdoctor compares another build (an older one, say); with
BENCH_ONLY=sqlite-import only the first comparison runs (a build without PostgreSQL), with
BENCH_ONLY=pg-import only the second.
"""

import glob
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
POSDOCTOR = os.environ.get("POSDOCTOR", os.path.join(ROOT, "target", "release", "posdoctor"))


def pg_bin():
    for d in [os.path.dirname(shutil.which("initdb") or "")] + ["/usr/local/bin"] + sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if d and os.path.exists(os.path.join(d, "initdb")):
            return d
    sys.exit("initdb not found: install PostgreSQL (Debian: apt-get install postgresql)")


def generate(n, path):
    rnd = random.Random(7)
    with open(path, "w") as s:
        s.write("rrn,terminal_id,trace,date,time,amount,merchant_name\n")
        for i in range(n):
            cents = rnd.randint(100, 500000)
            hh, mm, ss = (i // 3600) % 24, (i // 60) % 60, i % 60
            s.write(f"{i:012d},{10000000 + i % 500:08d},{i % 1000000:06d},2026-11-20,"
                    f"{hh:02d}:{mm:02d}:{ss:02d},{cents // 100}.{cents % 100:02d},便利店{i % 97}\n")


def timed(cmd, **kw):
    """Wall and CPU seconds of one run (CPU: user + sys of the children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, **kw)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({p.returncode}): {p.stderr.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, p.stdout.decode(errors="replace")


class Postgres:
    def __init__(self, d):
        self.bin = pg_bin()
        self.dir = os.path.join(d, "pg")
        os.mkdir(self.dir)
        self.root = os.geteuid() == 0
        if self.root:
            os.chown(self.dir, 65534, 65534)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.run_as(["initdb", "-D", self.dir + "/data", "-U", "postgres", "--no-locale", "-E",
                     "UTF8", "--no-sync", "--auth=trust"], capture_output=True, check=True)
        log = open(os.path.join(d, "pg.log"), "w")
        self.proc = subprocess.Popen(self.as_user(["postgres", "-D", self.dir + "/data", "-p",
                                                   str(self.port), "-c", "listen_addresses=127.0.0.1",
                                                   "-c", f"unix_socket_directories={self.dir}",
                                                   "-c", "max_wal_size=4GB"]),
                                     stdout=log, stderr=log)
        for _ in range(300):
            if subprocess.run(self.psql("postgres", "-c", "SELECT 1"),
                              capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            self.stop()
            sys.exit("postgres did not start")

    def as_user(self, cmd):
        cmd = [os.path.join(self.bin, cmd[0])] + cmd[1:]
        if self.root:
            return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + cmd
        return cmd

    def run_as(self, cmd, **kw):
        return subprocess.run(self.as_user(cmd), **kw)

    def psql(self, db, *args):
        return ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                "-d", db, "-v", "ON_ERROR_STOP=1"] + list(args)

    def sql(self, db, text):
        subprocess.run(self.psql(db, "-c", text), check=True, capture_output=True)

    def url(self, db):
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}?sslmode=disable"

    def stop(self):
        self.proc.send_signal(2)
        self.proc.wait(timeout=60)


def env_for(d):
    e = dict(os.environ, XDG_DATA_HOME=os.path.join(d, "data"), XDG_CONFIG_HOME=os.path.join(d, "cfg"))
    for k in list(e):
        if k.startswith("POSDOCTOR_") or k.startswith("PG"):
            del e[k]
    return e


STATS_SQL = """
SELECT category, count(*), sum(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) FROM incidents WHERE training = {f} GROUP BY category ORDER BY 2 DESC;
SELECT cause, count(*), sum(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) FROM incidents WHERE training = {f} GROUP BY cause ORDER BY 2 DESC;
SELECT terminal_id, count(*), sum(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) FROM incidents WHERE training = {f} GROUP BY terminal_id ORDER BY 2 DESC;
SELECT week, count(*), sum(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) FROM incidents WHERE training = {f} GROUP BY week ORDER BY 1;
SELECT count(*) FROM incidents WHERE training = {f};
"""

FILL_SQLITE = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {m})
INSERT INTO incidents (at, at_utc, week, category, cause, outcome, source, terminal_id, steps, training)
SELECT '2026-11-23T10:00:00+08:00', 1795399200 - i, '2026-W' || (10 + i % 40),
  CASE i % 5 WHEN 0 THEN 'declined' WHEN 1 THEN 'no-response' WHEN 2 THEN 'void-failed'
    WHEN 3 THEN 'terminated' ELSE 'not-credited' END,
  CASE i % 4 WHEN 0 THEN 'network' WHEN 1 THEN 'funds' WHEN 2 THEN 'card' ELSE NULL END,
  CASE i % 3 WHEN 0 THEN 'resolved' WHEN 1 THEN 'escalated' ELSE 'open' END,
  'manual', printf('%08d', 10000000 + i % 2000), '[]', 0 FROM n;
"""

FILL_PG = """
INSERT INTO incidents (at, at_utc, week, category, cause, outcome, source, terminal_id, steps, training)
SELECT '2026-11-23T10:00:00+08:00', 1795399200 - i, '2026-W' || (10 + i % 40),
  CASE i % 5 WHEN 0 THEN 'declined' WHEN 1 THEN 'no-response' WHEN 2 THEN 'void-failed'
    WHEN 3 THEN 'terminated' ELSE 'not-credited' END,
  CASE i % 4 WHEN 0 THEN 'network' WHEN 1 THEN 'funds' WHEN 2 THEN 'card' ELSE NULL END,
  CASE i % 3 WHEN 0 THEN 'resolved' WHEN 1 THEN 'escalated' ELSE 'open' END,
  'manual', lpad((10000000 + i % 2000)::text, 8, '0'), '[]', false
FROM generate_series(1, {m}) AS i;
ANALYZE incidents;
"""


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    m = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    if not os.path.exists(POSDOCTOR):
        sys.exit(f"{POSDOCTOR} missing: cargo build --release")
    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)
        sales = os.path.join(d, "sales.csv")
        generate(n, sales)
        os.chmod(sales, 0o644)
        pg = Postgres(d)
        try:
            results = {}

            def median(key, fn):
                walls, cpus = [], []
                for r in range(runs):
                    w, c, _ = fn(r)
                    walls.append(w)
                    cpus.append(c)
                results[key] = (statistics.median(walls), statistics.median(cpus))

            # 1. SQLite import.
            def pd_sqlite(r):
                run_dir = tempfile.mkdtemp(dir=d)
                return timed([POSDOCTOR, "-q", "txn", "import", sales], env=env_for(run_dir))

            def sqlite_import(r):
                db = os.path.join(tempfile.mkdtemp(dir=d), "bare.db")
                return timed(["sqlite3", db, ".mode csv", f".import {sales} t"])

            only = os.environ.get("BENCH_ONLY")
            if only != "pg-import":
                median("sqlite_pd", pd_sqlite)
                median("sqlite_base", sqlite_import)
            if only == "sqlite-import":
                return report(results, n, runs, m, only="sqlite")

            # 2. PostgreSQL import.
            def pd_pg(r):
                db = f"pd{r}"
                pg.sql("postgres", f"CREATE DATABASE {db}")
                # The schema first (as any earlier command would have made it).
                timed([POSDOCTOR, "--db", pg.url(db), "incident", "list"], env=env_for(d))
                return timed([POSDOCTOR, "-q", "--db", pg.url(db), "txn", "import", sales], env=env_for(d))

            def pg_copy(r):
                db = f"bare{r}"
                pg.sql("postgres", f"CREATE DATABASE {db}")
                pg.sql(db, "CREATE TABLE t (rrn text, terminal_id text, trace text, date text, "
                           "time text, amount text, merchant_name text)")
                return timed(pg.psql(db, "-c", f"\\copy t FROM '{sales}' CSV HEADER"))

            median("pg_pd", pd_pg)
            median("pg_base", pg_copy)
            if only == "pg-import":
                return report(results, n, runs, m, only="pg")

            # 3. incident stats over m incidents.
            stats_dir = tempfile.mkdtemp(dir=d)
            e = env_for(stats_dir)
            timed([POSDOCTOR, "incident", "add", "declined", "--training"], env=e)
            db_file = os.path.join(stats_dir, "data", "posdoctor", "posdoctor.db")
            subprocess.run(["sqlite3", db_file, FILL_SQLITE.format(m=m)], check=True)
            pg.sql("postgres", "CREATE DATABASE stats")
            timed([POSDOCTOR, "--db", pg.url("stats"), "incident", "add", "declined", "--training"],
                  env=env_for(d))
            pg.sql("stats", FILL_PG.format(m=m))
            median("stats_sqlite_pd", lambda r: timed([POSDOCTOR, "incident", "stats"], env=e))
            median("stats_sqlite_base",
                   lambda r: timed(["sqlite3", db_file, STATS_SQL.format(f="0")]))
            median("stats_pg_pd", lambda r: timed(
                [POSDOCTOR, "--db", pg.url("stats"), "incident", "stats"], env=env_for(d)))
            median("stats_pg_base", lambda r: timed(pg.psql("stats", "-c", STATS_SQL.format(f="false"))))
        finally:
            pg.stop()
    report(results, n, runs, m)


def report(results, n, runs, m, only=None):
    def row(label, key, base):
        w, c = results[key]
        bw, bc = results[base]
        print(f"  {label:<44} {w:8.3f} {c:8.3f}   {w / bw:5.2f}x {c / bc:5.2f}x")

    def base(label, key):
        w, c = results[key]
        print(f"  {label:<44} {w:8.3f} {c:8.3f}")

    print(f"\n{n:,} rows imported, {m:,} incidents counted; median of {runs} runs; "
          f"{POSDOCTOR}\n")
    print(f"  {'':<44} {'wall s':>8} {'cpu s':>8}   {'ratio wall/cpu':>12}")
    if only != "pg":
        print("SQLite import")
        row("posdoctor txn import (dedup, 5 indexes)", "sqlite_pd", "sqlite_base")
        base("sqlite3 .import (bare table, no index)", "sqlite_base")
    if only == "sqlite":
        return
    print("PostgreSQL import")
    row("posdoctor --db postgres:// txn import", "pg_pd", "pg_base")
    base("psql \\copy (bare table, no index)", "pg_base")
    if only == "pg":
        return
    print(f"incident stats over {m:,} incidents (4 groupings)")
    row("posdoctor incident stats (SQLite)", "stats_sqlite_pd", "stats_sqlite_base")
    base("sqlite3, the same 4 GROUP BY queries", "stats_sqlite_base")
    row("posdoctor incident stats (PostgreSQL)", "stats_pg_pd", "stats_pg_base")
    base("psql, the same 4 GROUP BY queries", "stats_pg_base")


if __name__ == "__main__":
    main()
