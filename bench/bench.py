#!/usr/bin/env python3
"""Bulletin's benchmarks (issue #8), run by bench/run on a Debian machine.

Every figure is measured in this invocation, against a baseline measured in the same one:
Postfix's smtp-source sending the same messages into the same smtp-sink is the machine's SMTP
limit. Bulletin runs as the operator runs it: `java -jar target/bulletin.jar send JOB`, end to end
(JVM start, staging, rendering, sending, audit), in a fresh home per run.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zoneinfo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "bulletin.jar")
WORK = os.path.join(ROOT, "bench", "work")
JAVA = shutil.which("java")
SENDER = "bench@bench.example"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing listens on {port}")


class Background:
    """A helper process (the sink, the delaying proxy) for the length of a `with` block."""

    def __init__(self, command, port):
        self.command, self.port = command, port

    def __enter__(self):
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()


def sink(port):
    user = ["-u", "nobody"] if os.geteuid() == 0 else []
    return Background(["smtp-sink", *user, f"127.0.0.1:{port}", "1024"], port)


def delay_proxy(port, target, millis):
    return Background([sys.executable, os.path.join(ROOT, "bench", "delay_proxy.py"), str(port), str(target),
                       str(millis)], port)


class Postgres:
    """A private PostgreSQL server from Debian's binaries (initdb + pg_ctl; as the postgres user under root)."""

    def __enter__(self):
        versions = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(re.sub(r"\D", "0", v)))
        self.bin = os.path.join("/usr/lib/postgresql", versions[-1], "bin")
        self.folder = tempfile.mkdtemp(prefix="bench-postgres-")
        self.data = os.path.join(self.folder, "data")
        self.port = free_port()
        self.prefix = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.prefix = ["runuser", "-u", "postgres", "--"]
        subprocess.run([*self.prefix, os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "bulletin",
                        "--auth=trust", "-E", "UTF8", "--locale=C"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*self.prefix, os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l",
                        os.path.join(self.folder, "server.log"), "-o",
                        f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}", "-w", "start"],
                       check=True, stdout=subprocess.DEVNULL)
        self.databases = 0
        return self

    def database_args(self):
        """A new database for one run, as the arguments that point Bulletin at it."""
        self.databases += 1
        name = f"bench{self.databases}"
        subprocess.run([*self.prefix, os.path.join(self.bin, "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                        "-U", "bulletin", name], check=True)
        return [f"--spring.datasource.url=jdbc:postgresql://127.0.0.1:{self.port}/{name}",
                "--spring.datasource.username=bulletin", "--spring.datasource.password="]

    def version(self):
        return subprocess.run([os.path.join(self.bin, "postgres"), "--version"], capture_output=True,
                              text=True).stdout.strip()

    def __exit__(self, *exc):
        subprocess.run([*self.prefix, os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(self.folder, ignore_errors=True)


# ---- the newsletter --------------------------------------------------------------------------

PARAGRAPH = ("<p>Chères adhérentes, chers adhérents, le jardin partagé reprend ses activités : semis, "
             "taille des rosiers, compost et ateliers pour les enfants le mercredi après-midi. "
             "Retrouvez le calendrier complet sur le site de l'association et n'hésitez pas à nous "
             "écrire pour proposer un atelier ou une sortie. {{association}} vous remercie de votre "
             "fidélité et vous souhaite une excellente saison.</p>\n")


def html_template():
    """About 20 KB of HTML, as a monthly letter with a few sections is."""
    body = ["<html><head><meta charset=\"utf-8\"><title>{{association}}</title></head><body>\n",
            "<h1>{{association}} — lettre de {{month}}</h1>\n"]
    section = 0
    while sum(len(part.encode()) for part in body) < 20 * 1024 - 600:
        if len(body) % 6 == 2:
            section += 1
            body.append(f"<h2>Rubrique {section}</h2>\n")
        body.append(PARAGRAPH)
    body.append("<p>Se désinscrire : {{unsubscribe}}</p></body></html>\n")
    return "".join(body)


LETTERS = {
    # A 20 KB HTML template whose text part is derived from it: a 48 KB message.
    "48k": ("news", "Lettre {{{{month}}}}", "  association: Les Amis du Banc d'Essai\n"),
    # The association's own sample letter (templates/monthly.*, its logo): about 7.6 KB, the real per-recipient cost.
    "sample": ("monthly", "La lettre des Amis du Jardin — {{{{month}}}}",
               "  association: Les Amis du Jardin\n  website: https://amis-du-jardin.example\n"),
}


def make_home(name, recipients, chunk=50, bench_job=True, letter="48k"):
    home = os.path.join(WORK, name)
    shutil.rmtree(home, ignore_errors=True)
    for folder in ("jobs", "data"):
        os.makedirs(os.path.join(home, folder))
    if letter == "sample":
        # the templates with the images they embed (templates/images)
        shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(home, "templates"))
    else:
        os.makedirs(os.path.join(home, "templates"))
        with open(os.path.join(home, "templates", "news.html.mustache"), "w", encoding="utf-8") as out:
            out.write(html_template())
    template, subject, variables = LETTERS[letter]
    with open(os.path.join(home, "data", "members.csv"), "w", encoding="utf-8") as out:
        out.write("Prénom,Nom,Email\n")
        for i in range(recipients):
            out.write(f"Prénom{i},Nom{i},member{i}@m{i % 97}.bench.example\n")
    if bench_job:
        with open(os.path.join(home, "jobs", "bench.yml"), "w", encoding="utf-8") as out:
            out.write(f"""name: bench
from: "Bench <{SENDER}>"
subject: "{subject.format()}"
template: {template}
recipients:
  - data/members.csv
chunk-size: {chunk}
relay: sink
unsubscribe: bureau@bench.example
variables:
{variables}""")
    return home


def relay_args(port, connections):
    return [f"--bulletin.relays.sink.host=127.0.0.1", f"--bulletin.relays.sink.port={port}",
            "--bulletin.relays.sink.security=none", f"--bulletin.relays.sink.connections={connections}"]


# ---- running Bulletin ------------------------------------------------------------------------

class Rss:
    """Samples the resident memory of Bulletin and of its database server every 100 ms. RssAnon
    leaves out file pages: the server maps its data file, whose pages the kernel takes back at will."""

    def __init__(self, pid, home, log_path=None):
        self.pid, self.home = pid, home
        self.client = self.server = self.total = self.server_anon = 0
        self.send_cpu = SendCpu(log_path)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    @staticmethod
    def kib(pid, field="VmRSS:"):
        try:
            with open(f"/proc/{pid}/status") as status:
                for line in status:
                    if line.startswith(field):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def server_pid(self):
        """The database helper's process, or None: none runs, or the send holds the files itself."""
        try:
            with open(os.path.join(self.home, "data", "db", "bulletin.server")) as f:
                pid = int(re.search(r"^pid=(\d+)", f.read(), re.M).group(1))
                return None if pid == self.pid else pid
        except (OSError, AttributeError):
            return None

    def run(self):
        while not self.stop.is_set():
            self.send_cpu.sample(self.pid, self.server_pid())
            client = self.kib(self.pid)
            server_pid = self.server_pid()
            server = self.kib(server_pid) if server_pid else 0
            self.server_anon = max(self.server_anon, self.kib(server_pid, "RssAnon:") if server_pid else 0)
            self.client, self.server = max(self.client, client), max(self.server, server)
            self.total = max(self.total, client + server)
            time.sleep(0.1)

    def done(self):
        self.stop.set()
        self.thread.join()


class SendCpu:
    """The CPU time Bulletin and its database server spend during the send step, thread by thread:
    from the log's first line of the step to its last (each seen within the 100 ms the sampler
    sleeps), read from /proc at every sample in between, so that a thread that ends on the way (the
    JVM adds and removes JIT compiler threads) still counts what it spent until its last sample.
    Where two cores go is what decides the rate on a two-core machine."""

    START, END = "recipients through", "recipients it had to send"

    def __init__(self, log_path):
        self.log_path = log_path
        self.first, self.last = {}, {}  # (process, thread id) -> (kind, CPU seconds)
        self.started = self.ended = False

    @staticmethod
    def threads(pid):
        """{thread id: (kind, CPU seconds)}, the JIT compilers' kind apart from the rest."""
        found = {}
        if pid is None:
            return found
        tick = os.sysconf("SC_CLK_TCK")
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            return found
        for task in tasks:
            try:
                with open(f"/proc/{pid}/task/{task}/comm") as f:
                    name = f.read()
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            found[task] = ("jit" if "CompilerThre" in name else "other", (int(fields[11]) + int(fields[12])) / tick)
        return found

    def sample(self, pid, server_pid):
        if self.log_path is None or self.ended:
            return
        try:
            with open(self.log_path, errors="replace") as f:
                text = f.read()
        except OSError:
            return
        if not self.started and self.START not in text:
            return
        now = {}
        for process, process_id in (("bulletin", pid), ("server", server_pid)):
            for task, spent in self.threads(process_id).items():
                now[(process, task)] = spent
        if not self.started:
            self.started, self.first = True, now
        self.last.update(now)
        self.ended = self.END in text

    def said(self):
        """One line: Bulletin's CPU seconds and the server's, each JIT compiler's share apart; None if not seen."""
        if not self.ended:
            return None
        spent = {}
        for (process, task), (kind, seconds) in self.last.items():
            before = self.first.get((process, task), (kind, 0.0))[1]  # a thread born in the step spent all it shows
            spent.setdefault(process, {"jit": 0.0, "other": 0.0})[kind] += seconds - before
        line = ", ".join(f"{'Bulletin' if process == 'bulletin' else 'database server'} "
                         f"{sum(kinds.values()):.1f} s (JIT {kinds['jit']:.1f} s)"
                         for process, kinds in sorted(spent.items()))
        return line or None


def bulletin(home, args, jvm=(), kill_when=None, log_name="run.log", launcher=True):
    """Runs one Bulletin command in `home` through bin/bulletin, the launcher the README shows (or
    `java -jar`); returns (seconds, exit code, log, Rss)."""
    log_path = os.path.join(home, log_name)
    start_with = [os.path.join(ROOT, "bin", "bulletin")] if launcher else [JAVA, *jvm, "-jar", JAR]
    # The bench reads Bulletin's English lines (the terminal otherwise speaks bulletin.locale, fr-FR by default).
    command = [*start_with, *args, "--bulletin.database.idle-shutdown=2s", "--bulletin.progress=lines",
               "--bulletin.locale=en"]
    env = dict(os.environ, BULLETIN_JAVA_OPTS=" ".join(jvm)) if launcher else None
    start = time.monotonic()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=home, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env)
    rss = Rss(process.pid, home, log_path)
    while process.poll() is None:
        if kill_when is not None:
            with open(log_path, errors="replace") as f:
                if kill_when(f.read()):
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    break
        time.sleep(0.05)
    seconds = time.monotonic() - start
    rss.done()
    with open(log_path, errors="replace") as f:
        text = f.read()
    return seconds, process.returncode, text, rss


def send_phase(text):
    """The send step's own time and rate, from the line Bulletin logs when the step ends."""
    found = re.findall(r"recipients it had to send \(\d+ not sent\) in ([\d.]+) s, (\d+)/s", text)
    return (float(found[-1][0]), int(found[-1][1])) if found else (None, None)


def restart_phases(text, started, seconds):
    """Start to the first send line, sending, then the report (audit export) to exit: from the log's stamps
    (YYYY-MM-DD HH:MM:SS in bulletin.time-zone, Bulletin's default Pacific/Noumea); `started` is aware (UTC)."""
    zone = zoneinfo.ZoneInfo("Pacific/Noumea")

    def at(pattern):
        found = re.search(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) INFO .*" + pattern, text, re.M)
        if not found:
            return None
        clock = datetime.datetime.fromisoformat(found.group(1)).replace(tzinfo=zone)
        return (clock - started.replace(microsecond=0)).total_seconds()
    sending, sent = at("sending to"), at("recipients it had to send")
    if sending is None or sent is None:
        return None
    return sending, sent - sending, seconds - sent


def expect_sent(text, code, recipients):
    if code != 0 or not re.search(rf"SENT +{recipients}\b", text):
        sys.stderr.write(text[-3000:])
        raise SystemExit(f"Bulletin did not send the {recipients} recipients (exit {code})")


def wait_server_gone(home, seconds=60):
    deadline = time.time() + seconds
    while os.path.exists(os.path.join(home, "data", "db", "bulletin.server")) and time.time() < deadline:
        time.sleep(0.2)


def message_size(home, port):
    """The size of the message Bulletin sends, from `preview`: smtp-source then sends as many bytes."""
    seconds, code, text, _ = bulletin(home, ["preview", "jobs/bench.yml", "--out", "preview", *relay_args(port, 1)],
                                      log_name="preview.log")
    emls = [f for f in os.listdir(os.path.join(home, "preview")) if f.endswith(".eml")]
    if code != 0 or not emls:
        raise SystemExit("preview failed:\n" + text)
    wait_server_gone(home)
    return os.path.getsize(os.path.join(home, "preview", emls[0]))


# ---- running smtp-source ---------------------------------------------------------------------

def smtp_source(port, messages, per_message, size, sessions):
    """The SMTP limit: smtp-source, each session reusing its connection (-d), as Bulletin does."""
    command = ["smtp-source", "-d", "-s", str(sessions), "-m", str(messages), "-r", str(per_message),
               "-l", str(size), "-f", SENDER, "-t", "member@bench.example", f"127.0.0.1:{port}"]
    start = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.monotonic() - start


# ---- the report ------------------------------------------------------------------------------

ROWS = []


def row(name, value, note=""):
    ROWS.append((name, value, note))
    print(f"  {name:<58} {value:>14}  {note}", flush=True)


def rate(recipients, seconds):
    return f"{recipients / seconds:,.0f}/s"


def timed(command):
    start = time.monotonic()
    subprocess.run(command, check=True, capture_output=True)
    return time.monotonic() - start, 0, "", None


def startup(run, name, runs=10, judged=False):
    """min / median / max wall time of `runs` runs; the launcher's are held to the 2 s target (issue #16)."""
    times = sorted(run(i)[0] for i in range(runs))
    median = times[len(times) // 2] if runs % 2 else (times[runs // 2 - 1] + times[runs // 2]) / 2
    row(name, f"{median:.2f} s", f"min {times[0]:.2f} s, max {times[-1]:.2f} s"
        + (f"; {verdict(median <= 2)}" if judged else ""))


def verdict(ok):
    return "target met" if ok else "TARGET MISSED"


ROW_COST_VARIANTS = (("ledger", "as a settled range writes them, a commit per message"),
                     ("round-of-4", "a commit per round of four messages"),
                     ("one-batch", "one batch, one commit (settled after the send)"),
                     ("narrow", "a row of the answer's columns only"),
                     ("no-state-index", "without the (run_id, status, seq) index"),
                     ("locks", "two-phase locking instead of MVCC"),
                     ("no-log", "without the log (not an option: sizes its share)"))


def row_cost(rounds=3):
    """HSQLDB alone (bench/RowCost.java, embedded): 100,000 answered rows, each variant against the ledger's own way."""
    import zipfile
    with zipfile.ZipFile(JAR) as jar:
        name = next(n for n in jar.namelist() if re.fullmatch(r"BOOT-INF/lib/hsqldb-[0-9.]+\.jar", n))
        hsqldb = jar.extract(name, os.path.join(WORK, "row-cost"))
    times = {variant: [] for variant, _ in ROW_COST_VARIANTS}
    for _ in range(rounds):  # alternated, one JVM each: the machine's moods fall on every variant alike
        for variant in times:
            out = subprocess.run([JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-cp", hsqldb,
                                  os.path.join(ROOT, "bench", "RowCost.java"), variant],
                                 check=True, capture_output=True, text=True).stdout
            times[variant].append(int(out.split()[-1]))
    median = {variant: sorted(t)[len(t) // 2] for variant, t in times.items()}
    for variant, what in ROW_COST_VARIANTS:
        row(f"{variant}: {what}", f"{median[variant]:,} ms",
            f"{median[variant] / median['ledger']:.2f} × the ledger's; runs {', '.join(map(str, times[variant]))} ms")


def throughput(sink_port, recipients, per_message, latency_ms=0, connections=(1, 4), database=None, extra=(),
               note="", source_seconds=None, letter="48k"):
    """smtp-source, then Bulletin, for each number of connections; returns {n: (bulletin s, send step s, source s)}."""
    label = f"{recipients:,} rcpt, {per_message}/msg" + (f", +{latency_ms} ms per reply" if latency_ms else "") \
        + (", PostgreSQL" if database else "") + (", sample letter" if letter == "sample" else "") + note
    home = make_home("size", per_message, per_message, letter=letter)
    size = message_size(home, sink_port)
    messages = recipients // per_message
    port = sink_port
    proxy = None
    if latency_ms:
        port = free_port()
        proxy = delay_proxy(port, sink_port, latency_ms)
        proxy.__enter__()
    results = {}
    try:
        for n in connections:
            source = source_seconds or smtp_source(port, messages, per_message, size, n)
            home = make_home(f"throughput-{latency_ms}-{n}", recipients, per_message, letter=letter)
            seconds, code, text, rss = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                       *relay_args(port, n), *(database.database_args() if database else []),
                                                       *extra])
            expect_sent(text, code, recipients)
            wait_server_gone(home)
            row(f"smtp-source, {n} connection(s), {label}", rate(recipients, source), f"{size:,} B messages")
            send_seconds, send_rate = send_phase(text)
            results[n] = (seconds, send_seconds, source)
            row(f"Bulletin,    {n} connection(s), {label}", rate(recipients, seconds),
                f"ratio {source / seconds:.2f} × smtp-source ({seconds:.1f} s vs {source:.1f} s) end to end")
            row(f"  its send step alone", f"{send_rate:,}/s",
                f"ratio {source / send_seconds:.2f} × smtp-source ({send_seconds:.1f} s)")
            cpu = rss.send_cpu.said()
            if cpu:
                row("  CPU during its send step", "", cpu)
            if n == 1 and not latency_ms and not database and not extra:
                home = make_home(f"throughput-jar-{n}", recipients, per_message, letter=letter)
                jar_seconds, code, text, _ = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                             *relay_args(port, n)], launcher=False)
                expect_sent(text, code, recipients)
                wait_server_gone(home)
                row(f"  the same by java -jar (C2 JIT, no class archive)", rate(recipients, jar_seconds),
                    f"ratio {source / jar_seconds:.2f} × smtp-source ({jar_seconds:.1f} s) end to end")
    finally:
        if proxy:
            proxy.__exit__()
    return results


def targets(results, letter):
    """Issue #26's targets, judged on one letter's throughput rows."""
    for n, target, which, index in ((1, 0.7, "send step", 1), (4, 0.5, "send step", 1), (1, 0.5, "end to end", 0)):
        ratio = results[n][2] / results[n][index]
        row(f"target ({letter}): {which}, {n} conn. ≥ {target} × smtp-source", f"{ratio:.2f} ×", verdict(ratio >= target))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--latency-recipients", type=int, default=5_000,
                        help="audience of the +20 ms runs (one connection needs ~1.1 s per 50-recipient message)")
    parser.add_argument("--scale", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="skip the million-recipient runs")
    options = parser.parse_args()
    if not os.path.exists(JAR):
        raise SystemExit("build the jar first: ./mvnw -q package -DskipTests (bench/run does)")
    os.makedirs(WORK, exist_ok=True)

    java = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# Bulletin benchmarks, {datetime.datetime.now():%Y-%m-%d %H:%M}")
    print(f"# {platform.node()}: {os.cpu_count()} cores ({cpu}), {platform.platform()}, {java}")
    print("# Bulletin runs through bin/bulletin (the README's launcher) unless a row says java -jar")
    subprocess.run([os.path.join(ROOT, "bin", "bulletin"), "--version"], check=True, capture_output=True)  # unpack, archive

    sink_port = free_port()
    with sink(sink_port):
        print("\n## Throughput into smtp-sink on loopback (rates in recipients per second)")
        plain = throughput(sink_port, options.recipients, 50)
        targets(plain, "48 KB letter")
        sample = throughput(sink_port, options.recipients, 50, letter="sample")
        targets(sample, "the sample letter")
        # The same through the database helper, as before the send held the files itself: what that gained.
        helper = throughput(sink_port, options.recipients, 50, letter="sample", note=", through the helper",
                            extra=["--bulletin.database.host=false"])
        targets(helper, "the sample letter, through the helper")
        print("\n## Latency: 20 ms added to every SMTP reply (each reply released 20 ms after it was written)")
        delayed = throughput(sink_port, options.latency_recipients, 50, latency_ms=20)
        one_by_one = throughput(sink_port, options.latency_recipients, 50, latency_ms=20, connections=(1,),
                                extra=["--bulletin.relays.sink.pipelining=false"], note=", pipelining off",
                                source_seconds=delayed[1][2])
        ratio = delayed[1][2] / delayed[1][1]
        row("Bulletin, 1 connection, +20 ms, pipelining: send step", f"{ratio:.2f} ×",
            f"× smtp-source (which does not pipeline); {verdict(ratio >= 5)}")
        row("Bulletin, 1 connection, +20 ms, pipelining on vs off", f"{one_by_one[1][1] / delayed[1][1]:.2f} ×",
            "send step")
        speedup = delayed[1][0] / delayed[4][0]
        row("Bulletin, 4 connections vs 1 with +20 ms, end to end", f"{speedup:.2f} ×", verdict(speedup >= 3))
        speedup = delayed[1][1] / delayed[4][1]
        row("Bulletin, 4 connections vs 1 with +20 ms, send step", f"{speedup:.2f} ×", verdict(speedup >= 3))

        if shutil.which("runuser") and os.path.isdir("/usr/lib/postgresql"):
            with Postgres() as postgres:
                print(f"\n## The same on PostgreSQL ({postgres.version()}, on loopback, a new database per run)")
                on_postgres = throughput(sink_port, options.recipients, 50, database=postgres)
                targets(throughput(sink_port, options.recipients, 50, database=postgres, letter="sample"),
                        "the sample letter, PostgreSQL")
                for n in (1, 4):
                    row(f"PostgreSQL vs HSQLDB, {n} connection(s), end to end", f"{plain[n][0] / on_postgres[n][0]:.2f} ×",
                        f"send step {plain[n][1] / on_postgres[n][1]:.2f} × (above 1: PostgreSQL is faster)")
                if not options.quick:
                    home = make_home("scale-postgres", options.scale, 50)
                    full_pg, code, text, rss = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                               *relay_args(sink_port, 4), *postgres.database_args()],
                                                        jvm=["-Xmx256m"])
                    expect_sent(text, code, options.scale)
                    row(f"Bulletin on PostgreSQL, 4 connections, {options.scale:,} recipients",
                        rate(options.scale, full_pg), f"{full_pg:.1f} s; send process peak RSS {rss.client // 1024} MB")

        print("\n## What 100,000 answered rows cost HSQLDB itself (embedded, no Bulletin; median of 3, alternated)")
        row_cost()

        print("\n## Start-up (wall time of one command, JVM included; min / median / max of 10 runs)")
        home = make_home("startup", 10, 50)
        with open(os.path.join(home, "templates", "essai.txt.mustache"), "w", encoding="utf-8") as out:
            out.write("Bonjour,\n\nceci est un essai.\n")
        _, code, text, _ = bulletin(home, ["validate", "jobs/bench.yml", *relay_args(sink_port, 1)])
        if code != 0:
            raise SystemExit(text)
        startup(lambda i: timed([JAVA, "-version"]), "java -version (the JVM alone)")
        for launcher, name in ((True, "bin/bulletin"), (False, "java -jar")):
            runs = 10 if launcher else 3
            startup(lambda i: bulletin(home, ["status"], launcher=launcher), f"status, {name}", runs, launcher)
            startup(lambda i: bulletin(home, ["validate", "jobs/bench.yml", *relay_args(sink_port, 1)],
                                       launcher=launcher), f"validate, {name}", runs, launcher)

            def one_off(i):
                result = bulletin(home, ["send", "--to", "data/members.csv", "--template", "essai", "--subject",
                                         f"Essai {name} {i}", "--from", SENDER, "--relay", "sink", "--name",
                                         f"essai-{'launcher' if launcher else 'jar'}-{i}", *relay_args(sink_port, 1)],
                                  launcher=launcher)
                expect_sent(result[2], result[1], 10)
                return result
            startup(one_off, f"one-off send of 10 recipients, {name}", runs, launcher)
        wait_server_gone(home)

        if not options.quick:
            print(f"\n## Scale: {options.scale:,} recipients, -Xmx256m")
            home = make_home("scale", options.scale, 50)
            full, code, text, rss = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                    *relay_args(sink_port, 4)], jvm=["-Xmx256m"])
            expect_sent(text, code, options.scale)
            wait_server_gone(home)
            per_small = plain[4][0] / options.recipients
            per_large = full / options.scale
            row(f"Bulletin, 4 connections, {options.scale:,} recipients", rate(options.scale, full), f"{full:.1f} s")
            row("peak RSS: send process / database server / both", f"{rss.client // 1024} MB",
                f"{rss.server // 1024} MB (of which anonymous {rss.server_anon // 1024} MB) / {rss.total // 1024} MB")
            row(f"time per recipient at {options.scale:,} vs {options.recipients:,}", f"{per_large / per_small:.2f} ×",
                verdict(per_large <= 1.5 * per_small))

            print("\n## Restart cost: killed at about 90 %, then the same command again")
            home = make_home("restart", options.scale, 50)
            target = int(options.scale * 0.9)

            def ninety(log):
                handled = [int(n) for n in re.findall(r"(\d+) of \d+ recipients handled", log)]
                return bool(handled) and handled[-1] >= target

            killed, _, text, _ = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                 "--bulletin.progress-interval=1s", *relay_args(sink_port, 4)],
                                          jvm=["-Xmx256m"], kill_when=ninety)
            handled = re.findall(r"(\d+) of \d+ recipients handled", text)
            started = datetime.datetime.now(datetime.timezone.utc)
            restart, code, text, _ = bulletin(home, ["send", "jobs/bench.yml", "--period", "2026-01",
                                                     *relay_args(sink_port, 4)], jvm=["-Xmx256m"],
                                              log_name="restart.log")
            if code not in (0, 3):
                raise SystemExit("restart failed:\n" + text[-3000:])
            wait_server_gone(home)
            row(f"killed after {killed:.1f} s, at {int(handled[-1]) if handled else 0:,} handled", f"{restart:.1f} s",
                f"restart = {restart / full:.2f} × the full run; {verdict(restart <= 0.2 * full)}")
            phases = restart_phases(text, started, restart)
            if phases:
                row("  restart: start and recovery / sending / audit and exit",
                    " / ".join(f"{p:.0f} s" for p in phases), "from the log's timestamps (whole seconds)")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
