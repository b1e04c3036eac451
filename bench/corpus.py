"""Synthetic corpus for bench/run.py: N guides as guidesmith YAML and the same
content as an mdBook source tree, plus customer values for batch rendering.

Only the standard library is used (CI installs nothing else for this). Labels
come from the shipped catalog, content/labels/salesforce.yaml, read with a
small line parser that understands the catalog's flat layout: entries start
with `  - text:` and their keys are indented by four spaces.
"""

import csv
import json
import os
import random
import shutil

STEPS_PER_SECTION = 6
SECTIONS = 5  # 30 steps per guide
CURRENT = "Summer '26"


def unquote(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    return s


def flow_list(s):
    s = s.strip()
    if not (s.startswith("[") and s.endswith("]")):
        return None
    return [unquote(x) for x in s[1:-1].split(",") if x.strip()]


def catalog_labels(path):
    """Every catalog entry as a dict of its simple keys (text, path, context, ...)."""
    entries, cur, in_labels = [], None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("labels:"):
                in_labels = True
                continue
            if not in_labels:
                continue
            if line.startswith("  - text:"):
                cur = {"text": unquote(line.split(":", 1)[1])}
                entries.append(cur)
            elif cur is not None and line.startswith("    ") and not line.startswith("     "):
                key, _, val = line.strip().partition(":")
                cur[key] = val.strip()
    return entries


def usable_labels(entries):
    """Marks for labels that lint clean: current, exact case, no form context,
    and a text no retired or context-bound entry shares."""
    avoid = {e["text"] for e in entries if "retired" in e or "context" in e}
    # textlint's terminology rule compares case; case-insensitive headings are left out.
    all_texts = sorted({e["text"] for e in entries if "retired" not in e and "case" not in e})
    marks = []
    for e in entries:
        if e["text"] in avoid or "case" in e or "variants" in e:
            continue
        path = flow_list(e.get("path", "[]"))
        if path is None:
            continue
        marks.append(" > ".join(path + [e["text"]]))
    return sorted(set(marks)), all_texts


def step_text(rng, marks, n, code, md):
    """The Markdown of one step; `md` writes placeholders and marks as plain Markdown."""
    a, b = rng.choice(marks), rng.choice(marks)
    mark = (lambda m: f"**{m}**") if md else (lambda m: f"[[{m}]]")
    ph = (lambda p: f"‹{p}›") if md else (lambda p: "{{ " + p + " }}")
    text = (
        f"Step {n}: log in at https://{ph('environment.host')}/lightning and open "
        f"{mark(a)}. Check that the entry for {ph('admin_email')} is there, then "
        f"choose {mark(b)} and keep the page open for the next step.\n"
    )
    if code:
        text += (
            "\n```apex\n"
            f"HttpRequest req = new HttpRequest();\n"
            f"req.setEndpoint('https://{ph('environment.host')}/services/data/v67.0/');\n"
            "req.setMethod('GET');\n"
            f"String edition = '{ph('edition')}';\n"
            "System.debug(new Http().send(req).getBody());\n"
            "```\n"
        )
    return text


def guide_yaml(i, rng, marks):
    gid = f"g{i:05d}"
    out = [
        f"id: {gid}",
        f'title: "Connect {{{{ book.product }}}} to Salesforce, variant {i}"',
        f'summary: "Set up integration {i} for {{{{ environment }}}}."',
        f"category: [Benchmark, Group {i % 10}]",
        "product: salesforce",
        f"verified: {{release: \"{CURRENT}\", date: \"2026-11-30\"}}",
        "inputs:",
        "  - {id: environment, label: Salesforce environment, type: my-domain, example: acme}",
        "  - {id: admin_email, label: Administrator email, type: email}",
        "  - {id: edition, label: Edition, type: choice, options: [enterprise, unlimited], default: enterprise}",
        "  - {id: sso, label: Single sign-on, type: boolean, default: 'no'}",
        "sections:",
    ]
    n = 0
    for s in range(SECTIONS):
        out += [f"  - id: s{s}", f"    title: Part {s + 1}", "    steps:"]
        for _ in range(STEPS_PER_SECTION):
            n += 1
            out += [f"      - id: step-{n}", f"        title: Step {n} of guide {i}"]
            if n == 7:
                out.append("        when: sso")
            out.append("        text: |")
            text = step_text(rng, marks, n, code=(n == 3), md=False)
            out += [("          " + line) if line else "" for line in text.splitlines()]
    return gid, "\n".join(out) + "\n"


def guide_markdown(i, rng, marks):
    """The same guide as one mdBook chapter (same random choices as guide_yaml)."""
    out = [f"# Connect Matador Jobs to Salesforce, variant {i}", "",
           f"Set up integration {i} for ‹environment›.", ""]
    n = 0
    for s in range(SECTIONS):
        out += [f"## Part {s + 1}", ""]
        for _ in range(STEPS_PER_SECTION):
            n += 1
            out += [f"### Step {n}: Step {n} of guide {i}", ""]
            if n == 7:
                out += ["> Only if: `sso`", ""]
            out += [step_text(rng, marks, n, code=(n == 3), md=True), ""]
    return "\n".join(out)


BOOK_TOML = """[book]
title = "Benchmark guides"
[variables]
product = "Matador Jobs"
support_email = "team@example.com"
"""

MDBOOK_TOML = """[book]
title = "Benchmark guides"
src = "src"
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(root, n, catalog, customers):
    """Write the corpus of `n` guides under `root` (skipped when already complete)."""
    stamp = os.path.join(root, ".complete")
    if os.path.exists(stamp):
        return
    shutil.rmtree(root, ignore_errors=True)
    marks, texts = usable_labels(catalog_labels(catalog))
    gs, md = os.path.join(root, "gs"), os.path.join(root, "md")
    write(os.path.join(gs, "book.toml"), BOOK_TOML)
    os.makedirs(os.path.join(gs, "content/labels"), exist_ok=True)
    shutil.copy(catalog, os.path.join(gs, "content/labels/salesforce.yaml"))
    write(os.path.join(md, "book.toml"), MDBOOK_TOML)
    summary = ["# Summary", ""]
    for i in range(1, n + 1):
        gid, text = guide_yaml(i, random.Random(i), marks)
        write(os.path.join(gs, f"content/guides/{gid}.yaml"), text)
        write(os.path.join(md, f"src/{gid}.md"), guide_markdown(i, random.Random(i), marks))
        summary.append(f"- [Variant {i}](./{gid}.md)")
    write(os.path.join(md, "src/SUMMARY.md"), "\n".join(summary) + "\n")
    textlintrc = {"rules": {"terminology": {"defaultTerms": False, "terms": texts}}}
    write(os.path.join(md, ".textlintrc.json"), json.dumps(textlintrc, indent=1))
    write_customers(root, customers)
    write(stamp, "")


def customer(i):
    return {
        "environment": f"acme-{i:05d}" + ("--uat" if i % 7 == 0 else ""),
        "admin_email": f"admin{i}@example.com",
        "edition": "unlimited" if i % 3 == 0 else "enterprise",
        "sso": "yes" if i % 2 else "no",
    }


def write_customers(root, count):
    """`customers/cNNNNN.yaml` and the same rows as `customers.csv` (with an id column)."""
    d = os.path.join(root, "customers")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(root, "customers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "environment", "admin_email", "edition", "sso"])
        for i in range(1, count + 1):
            c = customer(i)
            w.writerow([f"c{i:05d}"] + list(c.values()))
            with open(os.path.join(d, f"c{i:05d}.yaml"), "w", encoding="utf-8") as y:
                y.write("".join(f"{k}: \"{v}\"\n" for k, v in c.items()))
