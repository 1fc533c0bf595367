# Oracle values for posmortem's RoPE tests: the operations of transformers' modeling_rope_utils
# (v5 semantics), evaluated with torch on CPU, in float32 (as the reference) and float64.
import json, math, struct, sys
import torch

def arange_exp(dim, dt):
    return torch.arange(0, dim, 2, dtype=torch.int64).to(dtype=dt) / dim

def default(dim, base, dt):
    return 1.0 / (base ** arange_exp(dim, dt))

def linear(dim, base, factor, dt):
    inv = default(dim, base, dt)
    inv /= factor
    return inv

def dynamic(dim, base, factor, maxpos, seq_len, dt):
    seq_len = max(seq_len, maxpos)
    b = base * ((factor * seq_len / maxpos) - (factor - 1)) ** (dim / (dim - 2))
    return default(dim, b, dt), b

def ntk(dim, base, factor, dt):
    b = base * factor ** (dim / (dim - 2))
    return default(dim, b, dt), b

def get_mscale(scale, mscale=1):
    if scale <= 1:
        return 1.0
    return 0.1 * mscale * math.log(scale) + 1.0

def yarn(dim, base, factor, orig, beta_fast, beta_slow, truncate, attention_factor, mscale, mscale_all_dim, dt):
    if attention_factor is None:
        if mscale and mscale_all_dim:
            attention_factor = float(get_mscale(factor, mscale) / get_mscale(factor, mscale_all_dim))
        else:
            attention_factor = get_mscale(factor)
    def cdim(r):
        return (dim * math.log(orig / (r * 2 * math.pi))) / (2 * math.log(base))
    low, high = cdim(beta_fast), cdim(beta_slow)
    if truncate:
        low, high = math.floor(low), math.ceil(high)
    low, high = max(low, 0), min(high, dim - 1)
    mn, mx = low, high
    if mn == mx:
        mx += 0.001
    ramp = torch.clamp((torch.arange(dim // 2, dtype=dt) - mn) / (mx - mn), 0, 1)
    pos = base ** (torch.arange(0, dim, 2).to(dtype=dt) / dim)
    extra = 1.0 / pos
    inter = 1.0 / (factor * pos)
    ef = 1 - ramp
    inv = inter * (1 - ef) + extra * ef
    return inv, attention_factor, [low, high]

def llama3(dim, base, factor, low_ff, high_ff, old, dt):
    inv = default(dim, base, dt)
    low_w = old / low_ff
    high_w = old / high_ff
    wavelen = 2 * math.pi / inv
    llama = torch.where(wavelen > low_w, inv / factor, inv)
    smooth = (old / wavelen - low_ff) / (high_ff - low_ff)
    smoothed = (1 - smooth) * llama / factor + smooth * llama
    medium = ~(wavelen < high_w) * ~(wavelen > low_w)
    return torch.where(medium, smoothed, llama)

def longrope(dim, base, short, long, factor, orig, seq_len, attention_factor, dt):
    if attention_factor is None:
        attention_factor = 1.0 if factor <= 1.0 else math.sqrt(1 + math.log(factor) / math.log(orig))
    ext = torch.tensor(long if (seq_len and seq_len > orig) else short, dtype=dt)
    shape = torch.arange(0, dim, 2, dtype=torch.int64).to(dtype=dt) / dim
    return 1.0 / (ext * base ** shape), attention_factor

def bits(t):
    return ["%08x" % struct.unpack(">I", struct.pack(">f", v))[0] for v in t.tolist()]

def both(fn):
    a = fn(torch.float32); b = fn(torch.float64)
    return a, b

out = {"torch": torch.__version__}
def put(name, f32, f64, **extra):
    out[name] = dict(float32_bits=bits(f32), float64=[repr(v) for v in f64.tolist()], **extra)

put("default-128-1e4", *both(lambda dt: default(128, 10000.0, dt)))
put("default-32-1e4-partial", *both(lambda dt: default(int(80 * 0.4), 10000.0, dt)))
put("default-128-5e5", *both(lambda dt: default(128, 500000.0, dt)))
put("linear-128-1e4-x8", *both(lambda dt: linear(128, 10000.0, 8.0, dt)))
for n in (2048, 16384):
    (a, b1), (c, b2) = both(lambda dt: dynamic(128, 10000.0, 4.0, 4096, n, dt))
    put("dynamic-128-1e4-x4-4096-at-%d" % n, a, c, base=repr(b1))
(a, b1), (c, _) = both(lambda dt: ntk(128, 10000.0, 8.0, dt))
put("ntk-128-1e4-x8", a, c, base=repr(b1))
for name, args in {
    "yarn-128-1e4-x8-4096": (128, 10000.0, 8.0, 4096, 32, 1, True, None, None, None),
    "yarn-128-1e6-x4-32768": (128, 1000000.0, 4.0, 32768, 32, 1, True, None, None, None),
    "yarn-64-1e4-x40-4096-mscale": (64, 10000.0, 40.0, 4096, 32, 1, True, None, 0.707, 1.0),
    "yarn-64-1e4-x40-4096-notrunc": (64, 10000.0, 40.0, 4096, 32, 1, False, None, 1.0, 1.0),
}.items():
    (a, af, rng), (c, _, _) = both(lambda dt: yarn(*args, dt))
    put(name, a, c, attention_factor=repr(af), range=[repr(x) for x in rng])
put("llama3-128-5e5-x8-1-4-8192", *both(lambda dt: llama3(128, 500000.0, 8.0, 1.0, 4.0, 8192, dt)))
put("llama3-128-5e5-x32-1-4-8192", *both(lambda dt: llama3(128, 500000.0, 32.0, 1.0, 4.0, 8192, dt)))
short = [1.0 + 0.01 * j for j in range(48)]
long_ = [1.0 + 0.75 * j for j in range(48)]
for n in (4096, 4097):
    (a, af), (c, _) = both(lambda dt: longrope(96, 10000.0, short, long_, 32.0, 4096, n, None, dt))
    put("longrope-96-1e4-x32-4096-at-%d" % n, a, c, attention_factor=repr(af))
json.dump(out, sys.stdout, indent=1)
