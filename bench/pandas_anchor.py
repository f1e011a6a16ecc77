"""Anchor of bench/replay-read.bench.ts: what a pandas user would write to read the same recordings.

Reads each NASA cell's life.csv.gz with pandas and counts the discharged Ah (current x dt over the
discharge rows). Prints one JSON line: {"samples": rows read, "discharged_Ah": total}. Usage:
python3 bench/pandas_anchor.py <cell folder>...
"""
import json
import sys

import pandas as pd

samples = 0
discharged_ah = 0.0
for cell in sys.argv[1:]:
    df = pd.read_csv(f"{cell}/life.csv.gz")
    samples += len(df)
    dt = df["t_s"].diff().fillna(0).clip(lower=0)
    d = df["kind"] == "D"
    discharged_ah += float((df["current_a"][d] * dt[d]).sum() / 3600)
print(json.dumps({"samples": samples, "discharged_Ah": discharged_ah}))
