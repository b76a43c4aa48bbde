#!/usr/bin/env python3
"""Reads generate-manual's mdoc on stdin and writes it with the top-level discussion's
environment variables (the lines after "Environment variables", one "NAME: what it does" each,
up to the examples) as an ENVIRONMENT section before EXIT STATUS."""
import sys

lines = sys.stdin.read().split("\n")
start = next(i for i, line in enumerate(lines) if line.startswith("Environment variables"))
end = next(i for i in range(start + 1, len(lines)) if ": " not in lines[i] or lines[i].startswith("Look things up"))
entries = [line.split(": ", 1) for line in lines[start + 1:end]]
section = [".Sh ENVIRONMENT", ".Bl -tag -width Ds"]
for names, text in entries:
    section += [".It Ev " + " , ".join(name.strip() for name in names.split(",")), text]
section.append(".El")
del lines[start:end]
at = next(i for i, line in enumerate(lines) if line.startswith('.Sh "EXIT STATUS"'))
sys.stdout.write("\n".join(lines[:at] + section + lines[at:]))
