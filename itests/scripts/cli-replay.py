"""Replays the gnt-* steps recorded from a live Ganeti 3.0.2 (itests/testdata/ganeti-3.0.2/cli-live/) on a Garnet
appliance, in order, and compares stdout, stderr and the exit status of each step after normalising what may
differ between two clusters: names (node, cluster), UUIDs, MACs, times, job ids, this machine's sizes and paths.
Prints one line per step: "same", "differs (expected: REASON)" or "DIFFERS" with a diff; then the counts.
Usage: cli-replay.py GARNET CLI_LIVE_DIR NODE CLUSTER FILE_STORAGE_DIR"""
import difflib, os, re, subprocess, sys

garnet, live, node, cluster, file_dir = sys.argv[1:6]
REC_NODE, REC_CLUSTER = "node1.example.com", "cluster.example.com"

# Steps recorded on a terminal, answered 'y': ./garnet has none, so the same change is made by the command
# that needs no question (the new name resolves here), to keep the cluster's state on the recorded path.
WITHOUT_TTY = {
    "47-inst-rename-running-tty": "gnt-instance rename --no-ip-check inst2.example.com inst3.example.com",
    "50-inst-rename-tty": "gnt-instance rename --no-ip-check inst2.example.com inst3.example.com",
    "81-inst-rename-file-tty": "gnt-instance rename --no-ip-check inst4.example.com inst5.example.com",
}

# Steps that may differ, with the reason; every other step must match exactly after normalisation.
EXPECTED = {
    "01-cluster-version": "Garnet's own software and VCS version",
    "16-os-list": "Garnet ships the image and debootstrap OS bundles (Ganeti's recorded node had debootstrap+default)",
    "18-os-diagnose": "Garnet ships the image and debootstrap OS bundles (Ganeti's recorded node had debootstrap+default)",
    "60-err-unknown-subcommand": "the verbs' one-line descriptions are Garnet's own words; verbs of later issues",
    "61-err-no-subcommand": "the verbs' one-line descriptions are Garnet's own words; verbs of later issues",
    "88-inst-list-help": "the help text is Garnet's own words (Karaf's help layout)",
    "85-job-list-last": "each opcode's fields in Garnet's order; Ganeti's order and set of common fields vary per opcode",
    "101-missing-cluster-verify-disks": "gnt-cluster verify-disks comes with the storage templates (LVM, DRBD)",
    "06-cluster-verify": "the recorded Ganeti failed its node check on its own host (procfs not mounted)",
    "97-cluster-verify-2": "the recorded Ganeti failed its node check on its own host (procfs not mounted)",
    "47-inst-rename-running-tty": "recorded on a terminal; ./garnet runs commands without one",
    "50-inst-rename-tty": "recorded on a terminal; ./garnet runs commands without one",
    "81-inst-rename-file-tty": "recorded on a terminal; ./garnet runs commands without one",
}

def load(step, ext):
    with open(os.path.join(live, f"{step}.{ext}"), encoding="utf-8", errors="replace") as f:
        return f.read()

TS = [(re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d "
                  r"\d\d:\d\d:\d\d \d{4}\b"), "<ctime>"),
      (re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?"), "<time>"),
      (re.compile(r"\(delta \d+\.\d+s\)"), "(delta <s>)"),
      (re.compile(r"processing time: \d+\.\d+ seconds"), "processing time: <s> seconds"),
      (re.compile(r"\b1[789]\d{17}\b"), "<ns>"),
      (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
      (re.compile(r"\baa:00:00(:[0-9a-f]{2}){3}\b"), "<mac>"),
      # the resolver's reason depends on the machine's DNS setup
      (re.compile(r"does not resolve: .*"), "does not resolve: <reason>")]

def normalise(text, garnet_side, jobs):
    if garnet_side:
        text = text.replace(file_dir, "/srv/ganeti/file-storage").replace("127.0.3.1", "<ip>")
        text = text.replace(file_dir.replace("file-storage", "shared-file-storage"),
                            "/srv/ganeti/shared-file-storage")
        text = re.sub(r"(?<![\w.-])" + re.escape(node) + r"(?![\w-])", "@NODE@", text)
        text = re.sub(r"\b" + re.escape(cluster) + r"\b", "@CLUSTER@", text)
    else:
        text = text.replace(REC_NODE, "@NODE@").replace(REC_CLUSTER, "@CLUSTER@")
        text = text.replace("master netdev: br-gnt", "master netdev: lo").replace("10.254.0.1", "<ip>")
    for rx, rep in TS:
        text = rx.sub(rep, text)
    text = re.sub(r"(JobID: |Waiting for job |job=|Job ID: |Output from job |^Job )\d+", r"\1<job>", text,
                  flags=re.M)
    # installation paths of the OS and ExtStorage search paths
    text = re.sub(r"(?m)^(  (OS|ExtStorage Providers) search path: ).*$", r"\1<paths>", text)
    # the order of a Python set: Ganeti prints the policy's templates in whatever order its set has
    text = re.sub(r"(?m)^(\s*allowed disk templates: (default \()?)([^)\n]*)",
                  lambda m: m.group(1) + ", ".join(sorted(m.group(3).split(", "))), text)
    text = re.sub(r"(?m)^\d+: ", "<job>: ", text)
    return text

LIST_FIELDS = ("09-node-list-fields", "15-group-list-fields", "86-inst-list-fields", "87-job-list-fields")


def without_descriptions(text):
    """list-fields without its Description column: the field descriptions are Garnet's own words."""
    lines = text.split("\n")
    if not lines or "Description" not in lines[0]:
        return text
    cut = lines[0].index("Description")
    return "\n".join(l[:cut].rstrip() for l in lines)


SIZE_STEPS = ("07-node-list", "08-node-list-o", "10-node-info", "11-node-list-storage", "39-node-list-2",
              "40-node-list-storage-2")

def sizes(text):
    """This machine's sizes: numbers (with units) become N, and table spacing is collapsed."""
    text = re.sub(r"\b\d+(\.\d+)?[MGT]?\b", "N", text)
    return "\n".join(re.sub(r" +", " ", l).rstrip() for l in text.split("\n"))

job_map = {}
def recorded_jobs():
    """Recorded job id -> its summary, from the recorded full job list."""
    out = {}
    for line in load("98-job-list-final", "out").splitlines()[1:]:
        parts = line.split(None, 2)
        if len(parts) == 3:
            out[parts[0]] = parts[2].strip()
    return out

def garnet_job(rec_id):
    """Garnet's job with the same summary as the recorded one (the same occurrence of it)."""
    rec = recorded_jobs()
    summary = rec.get(rec_id)
    if summary is None:
        return rec_id
    nth = [k for k, v in rec.items() if v == summary].index(rec_id)
    res = subprocess.run([garnet, "gnt-job", "list", "--no-headers", "-o", "id,summary"], capture_output=True,
                         text=True)
    mine = [l.split(None, 1) for l in res.stdout.splitlines() if l.strip()]
    matches = [i for i, s in mine if s.strip() == summary]
    return matches[nth] if nth < len(matches) else rec_id

steps = sorted({f.rsplit(".", 1)[0] for f in os.listdir(live) if f.endswith(".cmd")},
               key=lambda s: int(s.split("-")[0]))
same, expected, unexpected = 0, 0, []
for step in steps:
    cmd = load(step, "cmd").strip()
    if cmd.startswith("[pty"):
        cmd = WITHOUT_TTY.get(step, cmd.split("] ", 1)[1])
    argv = [a.replace("\\,", ",").replace("\\|", "|") for a in cmd.split()]
    argv = [REC_NODE if a == "@NODE@" else a for a in argv]
    argv = [node if a == REC_NODE else a for a in argv]
    if argv[0] == "gnt-job" and argv[1] in ("info", "watch") and argv[2].isdigit():
        argv[2] = garnet_job(argv[2])
    res = subprocess.run([garnet] + argv, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)
    want = {"out": load(step, "out"), "err": load(step, "err"), "rc": load(step, "rc").strip()}
    got = {"out": res.stdout, "err": res.stderr, "rc": str(res.returncode)}
    w = {k: normalise(v, False, job_map) for k, v in want.items()}
    g = {k: normalise(v, True, job_map) for k, v in got.items()}
    if step in LIST_FIELDS:
        w = {k: without_descriptions(v) for k, v in w.items()}
        g = {k: without_descriptions(v) for k, v in g.items()}
    if step in SIZE_STEPS:
        w = {k: sizes(v) for k, v in w.items()}
        g = {k: sizes(v) for k, v in g.items()}
    keep = os.environ.get("GARNET_REPLAY_KEEP")  # a directory: both sides of each step, normalised
    if keep:
        os.makedirs(keep, exist_ok=True)
        for k in ("out", "err", "rc"):
            with open(os.path.join(keep, f"{step}.ganeti.{k}"), "w") as f:
                f.write(w[k])
            with open(os.path.join(keep, f"{step}.garnet.{k}"), "w") as f:
                f.write(g[k])
            with open(os.path.join(keep, f"{step}.garnet-raw.{k}"), "w") as f:
                f.write(got[k])
    if w == g:
        same += 1
        print(f"same      {step}")
        continue
    if step in EXPECTED:
        expected += 1
        print(f"differs   {step} (expected: {EXPECTED[step]})")
        continue
    unexpected.append(step)
    print(f"DIFFERS   {step}: {cmd}")
    for k in ("rc", "out", "err"):
        if w[k] != g[k]:
            if k == "rc":
                print(f"    exit status {got['rc']}, Ganeti {want['rc']}")
            else:
                for line in list(difflib.unified_diff(w[k].splitlines(), g[k].splitlines(), f"ganeti.{k}",
                                                      f"garnet.{k}", lineterm="", n=1))[:14]:
                    print("    " + line)
print(f"cli-replay: {same} of {len(steps)} steps identical, {expected} differ as listed, "
      f"{len(unexpected)} differ unexpectedly: {' '.join(unexpected)}")
