# Oracle for T5Buckets: the operations of transformers' T5Attention._relative_position_bucket,
# run with torch on CPU for every relative position in [-span, span]. Output is run-length encoded:
# [[first_relative_position, bucket], ...] where the bucket changes.
import json, math, sys, torch

def bucket(rel, bidirectional, num_buckets, max_distance):
    rb = 0
    if bidirectional:
        num_buckets //= 2
        rb += (rel > 0).to(torch.long) * num_buckets
        rel = torch.abs(rel)
    else:
        rel = -torch.min(rel, torch.zeros_like(rel))
    max_exact = num_buckets // 2
    is_small = rel < max_exact
    large = max_exact + (
        torch.log(rel.float() / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
    ).to(torch.long)
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    rb += torch.where(is_small, rel, large)
    return rb

out = {"torch": torch.__version__, "cases": []}
span = 40000
rel = torch.arange(-span, span + 1, dtype=torch.long)
for nb, md in ((32, 128), (64, 256), (128, 2048), (8, 20)):
    for bi in (False, True):
        b = bucket(rel, bi, nb, md).tolist()
        runs = []
        for i, v in enumerate(b):
            if not runs or runs[-1][1] != v:
                runs.append([i - span, v])
        out["cases"].append({"num_buckets": nb, "max_distance": md, "bidirectional": bi, "from": -span, "to": span, "runs": runs})
json.dump(out, sys.stdout)
