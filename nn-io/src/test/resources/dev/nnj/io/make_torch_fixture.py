"""Writes torch_sequential.safetensors without nnj (and without torch): the state_dict layout of

    torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))

as safetensors.torch.save_file would store it: keys 0.weight, 0.bias, 2.weight, 2.bias, F32 little-endian,
data in name order, metadata {"format": "pt"}, header padded with spaces to a multiple of 8.
All values are multiples of 1/8, so float32 arithmetic on them is exact and the expected outputs below
are exact too.

Run: python3 make_torch_fixture.py   (uses only the standard library: struct and json)
"""
import json
import struct

w0 = [[((i * 3 + j) % 5 - 2) * 0.25 for j in range(3)] for i in range(4)]
b0 = [0.125 * i - 0.25 for i in range(4)]
w2 = [[(j - i) * 0.5 for j in range(4)] for i in range(2)]
b2 = [0.5, -0.5]

tensors = {"0.weight": ([4, 3], sum(w0, [])), "0.bias": ([4], b0),
           "2.weight": ([2, 4], sum(w2, [])), "2.bias": ([2], b2)}

header = {"__metadata__": {"format": "pt"}}
data = b""
for name in sorted(tensors):
    shape, values = tensors[name]
    blob = struct.pack("<%df" % len(values), *values)
    header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
    data += blob
text = json.dumps(header, separators=(",", ":")).encode("utf-8")
text += b" " * (-(8 + len(text)) % 8)
with open("torch_sequential.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)

# Expected outputs of the network for two inputs, printed for the Java test.
for x in ([1.0, -2.0, 0.5], [0.0, 0.0, 0.0]):
    h = [max(0.0, sum(w0[i][j] * x[j] for j in range(3)) + b0[i]) for i in range(4)]
    y = [sum(w2[i][j] * h[j] for j in range(4)) + b2[i] for i in range(2)]
    print(x, "->", y)
