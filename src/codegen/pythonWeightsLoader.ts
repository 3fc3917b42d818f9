// The Python half of weights.safetensors: a reader of the safetensors format (an 8-byte little-endian
// header length, a JSON header, raw little-endian tensors) in plain Python, so loading the weights needs
// nothing beyond torch; the `safetensors` package is used instead when it is installed.
export const PY_WEIGHTS_LOADER = `

_DTYPES = {"F32": torch.float32, "I64": torch.int64}


def read_safetensors(path):
    """{name: tensor} from a .safetensors file."""
    try:
        from safetensors.torch import load_file
    except ImportError:
        pass
    else:
        return load_file(path)
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = bytearray(data[8 + length:])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        flat = torch.frombuffer(body[start:end], dtype=_DTYPES[info["dtype"]]) if end > start else torch.zeros(0, dtype=_DTYPES[info["dtype"]])
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors


def load_weights(model, path):
    """Loads the weights trained in the playground (every key must match: strict)."""
    model.load_state_dict(read_safetensors(path))
    return model
`;
