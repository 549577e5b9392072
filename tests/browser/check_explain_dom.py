#!/usr/bin/env python3
"""Checks one `ccbound explain` page, as a browser rendered it, against explain's JSON summary.

Usage: check_explain_dom.py DOM_FILE SUMMARY_JSON [--expect-name NAME] [--expect-dot-text]
Prints one "FAIL: ..." line per problem and exits 1 if there was any, else prints "ok" and exits 0.
"""
import json
import sys
from collections import Counter
from html.parser import HTMLParser


class Page(HTMLParser):
    """Collects the elements the page promises to mark up, and all text."""

    def __init__(self):
        super().__init__()
        self.leaves = []          # data-leaf of each element with class "leaf"
        self.cells = []           # (data-value, data-leaf) of each rect.cell
        self.tight = 0
        self.tags = Counter()
        self.d = None
        self.text = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        self.tags[tag] += 1
        if "leaf" in classes:
            self.leaves.append(a.get("data-leaf"))
        if tag == "rect" and "cell" in classes:
            self.cells.append((a.get("data-value"), a.get("data-leaf")))
        if tag == "tr" and "bound" in classes and "tight" in classes:
            self.tight += 1
        if "d" in classes and "data-d" in a:
            self.d = a["data-d"]
        if tag == "pre" and "dot" in classes:
            self.tags["pre.dot"] += 1
        self._in_title = tag == "title" and self.tags["html"] and not self.tags["body"]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_title:
            self.title += data


def check(page, summary, expect_name, expect_dot_text):
    failures = []
    want_leaves = summary["leaves"]
    if len(page.leaves) != want_leaves:
        failures.append(f"{len(page.leaves)} leaf elements in the DOM, summary says {want_leaves}")
    if sorted(page.leaves, key=int) != [str(k) for k in range(1, want_leaves + 1)]:
        failures.append(f"leaf numbers {page.leaves} are not 1..{want_leaves}")
    if len(page.cells) != summary["rows"] * summary["cols"]:
        failures.append(f"{len(page.cells)} cells, expected {summary['rows']} x {summary['cols']}")
    per_leaf = Counter(leaf for _, leaf in page.cells)
    for r in summary["leaf_rectangles"]:
        size = len(r["rows"]) * len(r["cols"])
        if per_leaf[str(r["leaf"])] != size:
            failures.append(f"leaf {r['leaf']}: {per_leaf[str(r['leaf'])]} cells, expected {size}")
    for value, leaf in page.cells:
        r = summary["leaf_rectangles"][int(leaf) - 1]
        if str(r["output"]) != value:
            failures.append(f"a {value}-cell lies in leaf {leaf}, which outputs {r['output']}")
            break
    if page.tight != len(summary["tight"]):
        failures.append(f"{page.tight} tight bounds marked, summary lists {len(summary['tight'])}")
    if summary["D"] is not None and page.d != str(summary["D"]):
        failures.append(f"page shows D = {page.d}, summary says {summary['D']}")
    if page.tags["script"]:
        failures.append(f"{page.tags['script']} <script> elements (an input was not escaped)")
    if expect_name is not None:
        if expect_name not in page.title:
            failures.append(f"title {page.title!r} does not show the name {expect_name!r} as text")
        if page.tags["img"]:
            failures.append("an <img> element appeared (an input was not escaped)")
    if expect_dot_text and page.tags["pre.dot"] != 1:
        failures.append("no <pre class=dot> although Graphviz was hidden")
    if not expect_dot_text and page.tags["svg"] < 2:
        failures.append("expected two SVGs (matrix and Graphviz's tree)")
    return failures


def main():
    dom_file, summary_file = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    expect_name = rest[rest.index("--expect-name") + 1] if "--expect-name" in rest else None
    page = Page()
    with open(dom_file, encoding="utf-8") as f:
        page.feed(f.read())
    with open(summary_file, encoding="utf-8") as f:
        summary = json.load(f)
    failures = check(page, summary, expect_name, "--expect-dot-text" in rest)
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
