"""How Dateline reads feeds against a tolerant reader (Python's feedparser).

For every feed file given (directories searched; feed-rs's `.serde.json`
expectations, licences and READMEs skipped), the number of entries feedparser
finds and the number of articles `dateline import` writes from the file alone.
A file agrees when the two are equal. feedparser reads no JSON Feed (6.0 finds
no entries in the specification's own examples), so a JSON Feed's reference is
the number of `items` in the file itself. Prints one line per file that does not,
then the totals. Measurement only: it asserts nothing.

    pip install feedparser
    python3 tests/score/feeds.py [--import 'target/debug/dateline import'] DIR_OR_FILE...
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

import feedparser


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in sorted(os.walk(path)):
                for name in sorted(names):
                    if name.endswith(".serde.json") or name.startswith(("LICENSE", "README")) or name.endswith(".md"):
                        continue
                    yield os.path.join(root, name)
        else:
            yield path


def dateline_count(command, path):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "articles.json")
        result = subprocess.run(command + ["-q", "-o", out, path], capture_output=True, text=True)
        if result.returncode != 0 or not os.path.exists(out):
            return 0
        with open(out, encoding="utf-8") as f:
            return len(json.load(f)["articles"])


def reference(path):
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8-sig") as f:
                feed = json.load(f)
            if "jsonfeed.org" in str(feed.get("version", "")):
                return len(feed.get("items") or [])
        except (ValueError, AttributeError, UnicodeDecodeError):
            pass
    return len(feedparser.parse(path).entries)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--import", dest="command", default="target/debug/dateline import")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    command = shlex.split(args.command)
    agree = total = 0
    for path in files(args.paths):
        expected = reference(path)
        got = dateline_count(command, path)
        total += 1
        if got == expected:
            agree += 1
        else:
            print(f"{os.path.relpath(path)}: feedparser {expected}, dateline {got}")
    print(f"{agree} of {total} feed files agree with feedparser")
    return 0


if __name__ == "__main__":
    sys.exit(main())
