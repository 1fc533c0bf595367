# Oracle for AnglePrecision: position * theta with both operands and the product in bf16 / fp16 (torch CPU).
import json, sys, torch
out = {"torch": torch.__version__, "cases": []}
thetas = [1.0, 0.7498942093324559, 0.1, 0.0031622776601683794, 1.2e-4, 1.0e-6]
for dt, name in ((torch.bfloat16, "bfloat16"), (torch.float16, "float16")):
    for p in (0, 1, 255, 256, 257, 1000, 4095, 4097, 8191, 20000, 32767, 65504, 70000):
        for t in thetas:
            a = (torch.tensor(float(p), dtype=dt) * torch.tensor(t, dtype=dt)).to(torch.float64).item()
            out["cases"].append({"format": name, "position": p, "theta": repr(t), "angle": repr(a)})
json.dump(out, sys.stdout, indent=0)
