#!/usr/bin/env python3
"""Compares the catalog two consumers of one group wrote with the one a single consumer wrote, from
the same events: datasets whose event time of a fact (lumos.state.openlineage.event_times) or last
modified time is older in the first, datasets whose facts differ, and edges whose column mappings
differ. Usage: compare.py TWO.db ONE.db"""
import json
import sqlite3
import sys

PROP = "lumos.state.openlineage.event_times"


def datasets(path):
    with sqlite3.connect(path) as c:
        return {urn: json.loads(j) for urn, j in c.execute("SELECT urn, json FROM datasets")}


def edges(path):
    with sqlite3.connect(path) as c:
        return {(u, d): cols for u, d, cols in c.execute("SELECT upstream, downstream, columns FROM lineage")}


def instant(text):
    """An ISO instant as (seconds text, nanoseconds), comparable: Instant.toString drops zero digits."""
    if not text:
        return None
    text = text.rstrip("Z")
    whole, _, fraction = text.partition(".")
    return (whole, int((fraction + "000000000")[:9]))


def times(d):
    text = (d.get("properties") or {}).get(PROP, "")
    return {k: instant(v) for k, v in (p.split("=", 1) for p in text.split(",") if "=" in p)}


def facts(d):
    d = dict(d)
    d.pop("version", None)
    props = dict(d.get("properties") or {})
    props.pop(PROP, None)
    d["properties"] = props
    d.pop("lastModified", None)
    return json.dumps(d, sort_keys=True)


two, one = datasets(sys.argv[1]), datasets(sys.argv[2])
older_fact, older_modified, differ = {}, 0, 0
for urn, d1 in one.items():
    d2 = two.get(urn)
    if d2 is None:
        differ += 1
        continue
    t1, t2 = times(d1), times(d2)
    for k, v in t1.items():
        if k not in t2 or t2[k] < v:
            older_fact[k] = older_fact.get(k, 0) + 1
    m1 = instant(d1.get("lastModified"))
    m2 = instant(d2.get("lastModified"))
    if m1 and (not m2 or m2 < m1):
        older_modified += 1
    if facts(d1) != facts(d2):
        differ += 1
e2, e1 = edges(sys.argv[1]), edges(sys.argv[2])
print(f"datasets: {len(two)} and {len(one)}; with an older event time, by fact: {older_fact or 'none'};"
      f" with an older last modified: {older_modified}; with other facts: {differ}")
print(f"edges: {len(e2)} and {len(e1)}; with other column mappings: {sum(1 for k, v in e1.items() if e2.get(k) != v)}")
