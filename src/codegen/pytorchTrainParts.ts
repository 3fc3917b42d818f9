// Parts of the exported train.py that do not depend on the run: the datasets (after torchvision's classes,
// needing only torch) and the playground's own training recipe, ported so that train.py continues a run the
// way the app trains it: the seeded example order, held-out validation split and augmentation draws bit for
// bit (Mulberry32 and murmur3's finaliser on 32-bit words, src/data/batches.ts and src/train/augment.ts),
// the learning-rate schedules (src/train/api/schedules.ts), RMSprop as TensorFlow.js computes it (epsilon
// inside the square root), and batch-norm statistics per virtual shard (src/train/parallel/shards.ts).

export const PY_APP_RECIPE = `
# ---- The playground's random streams, bit for bit: the same seed gives the same order and draws. ----
M32 = 0xFFFFFFFF


def _fmix32(h):
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    return h ^ (h >> 16)


def mix_seed(seed, stream):
    return _fmix32(_fmix32(seed & M32) ^ ((((stream + 1) & M32) * 0x9E3779B9) & M32))


def mulberry32(seed):
    state = seed & M32

    def draw():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = ((state ^ (state >> 15)) * (1 | state)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        return (t ^ (t >> 14)) / 4294967296

    return draw


def shuffled_indices(count, seed, epoch):
    """A permutation of 0..count-1, the playground's for this (seed, epoch)."""
    indices = list(range(count))
    draw = mulberry32(mix_seed(seed, epoch))
    for i in range(count - 1, 0, -1):
        j = math.floor(draw() * (i + 1))
        indices[i], indices[j] = indices[j], indices[i]
    return indices


def split_validation(count, fraction, seed):
    """The training examples kept and those held out for validation, as the playground splits them."""
    held = 0 if fraction <= 0 or count < 2 else min(count - 1, max(1, math.floor(count * fraction + 0.5)))
    if held == 0:
        return list(range(count)), []
    order = shuffled_indices(count, seed, -1)
    return sorted(order[: count - held]), sorted(order[count - held :])


def augment(x, seed, epoch, step):
    """Flips and shifts a batch (N, C, H, W) in place with the playground's draws for this step."""
    if not AUGMENT["flip"] and AUGMENT["shift"] == 0:
        return x
    draw = mulberry32(mix_seed(mix_seed((seed & M32) ^ 0x5BD1E995, epoch), step))
    s = AUGMENT["shift"]
    h, w = x.shape[-2:]
    for k in range(x.shape[0]):
        flip = draw() < 0.5 and AUGMENT["flip"]
        dy = math.floor(draw() * (2 * s + 1)) - s
        dx = math.floor(draw() * (2 * s + 1)) - s
        image = x[k].flip(-1) if flip else x[k].clone()
        x[k].zero_()
        x[k][:, max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = image[
            :, max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return x


def schedule_factor(epoch, epochs, step_in_epoch, steps_in_epoch):
    """The factor on the base learning rate at this step (steps and epochs count from 1)."""
    if SCHEDULE["kind"] == "step":
        return SCHEDULE["factor"] ** ((epoch - 1) // SCHEDULE["every_epochs"])
    if SCHEDULE["kind"] == "cosine":
        total = epochs * steps_in_epoch
        index = (epoch - 1) * steps_in_epoch + (step_in_epoch - 1)
        progress = min(1, index / (total - 1)) if total > 1 else 0
        return SCHEDULE["min_factor"] + (1 - SCHEDULE["min_factor"]) * 0.5 * (1 + math.cos(math.pi * progress))
    return 1.0


def shard_sizes(n, k):
    workers = max(1, min(k, n))
    return [n // workers + (1 if i < n % workers else 0) for i in range(workers)]


def step_shares(n, batch_size, world, has_batch_norm):
    """Each process's batch-norm groups for a batch of n: the playground's virtual shards with batch norm
    (statistics per shard, whatever the number of processes), else one group per process."""
    if has_batch_norm:
        groups = shard_sizes(n, min(max(1, min(MAX_BN_GROUPS, batch_size // MIN_BN_GROUP)), n))
    else:
        groups = shard_sizes(n, min(world, n))
    counts = shard_sizes(len(groups), world)
    shares, at = [], 0
    for c in counts:
        shares.append(groups[at : at + c])
        at += c
    return shares + [[] for _ in range(world - len(shares))]


class BatchNormGroups:
    """Batch norm in training mode takes its statistics per group of the batch (sizes), not over the whole
    batch; the running statistics follow the first group only, as in the playground."""

    def __init__(self, model):
        self.sizes = None
        for module in model.modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.forward = self._grouped(module, module.forward)

    def _grouped(self, module, forward):
        def grouped(x):
            if not module.training or not self.sizes or len(self.sizes) < 2:
                return forward(x)
            parts = torch.split(x, self.sizes)
            out = [forward(parts[0])]
            momentum = module.momentum
            module.momentum = 0.0
            try:
                out += [forward(p) for p in parts[1:]]
            finally:
                module.momentum = momentum
            return torch.cat(out)

        return grouped


class TfjsRMSprop(torch.optim.Optimizer):
    """RMSprop as TensorFlow.js computes it: lr * g / sqrt(mean_square + eps), no momentum."""

    def __init__(self, params, lr, rho=0.9, eps=1e-7, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, rho=rho, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad if group["weight_decay"] == 0 else p.grad.add(p, alpha=group["weight_decay"])
                square = self.state[p].setdefault("square_avg", torch.zeros_like(p))
                square.mul_(group["rho"]).addcmul_(g, g, value=1 - group["rho"])
                p.addcdiv_(g, square.add(group["eps"]).sqrt_(), value=-group["lr"])
`;

export const PY_DATASETS = `
def _read(path):
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read()


class MNIST(Dataset):
    """The IDX files of yann.lecun.com/exdb/mnist, as torchvision.datasets.MNIST reads them."""

    def __init__(self, root, train=True):
        prefix = "train" if train else "t10k"
        images = _read(os.path.join(root, f"{prefix}-images-idx3-ubyte"))
        labels = _read(os.path.join(root, f"{prefix}-labels-idx1-ubyte"))
        count, rows, cols = struct.unpack(">III", images[4:16])
        pixels = torch.frombuffer(bytearray(images[16:]), dtype=torch.uint8)
        self.images = pixels.reshape(count, 1, rows, cols)
        self.labels = torch.frombuffer(bytearray(labels[8:]), dtype=torch.uint8).long()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i].float() / 255, self.labels[i]


class CIFAR10(Dataset):
    """The binary version of CIFAR-10 (cifar-10-batches-bin): records of 1 label byte and 3x32x32 pixels."""

    def __init__(self, root, train=True):
        names = [f"data_batch_{i}.bin" for i in range(1, 6)] if train else ["test_batch.bin"]
        raw = b"".join(_read(os.path.join(root, n)) for n in names)
        records = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, 3073)
        self.labels = records[:, 0].long()
        self.images = records[:, 1:].reshape(-1, 3, 32, 32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i].float() / 255, self.labels[i]


class ImageFolder(Dataset):
    """root/<class>/<image>, classes in sorted order, as torchvision.datasets.ImageFolder."""

    def __init__(self, root, size):
        from PIL import Image  # only this dataset needs Pillow

        self.Image = Image
        self.channels, self.height, self.width = size
        self.classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
        self.samples = [
            (os.path.join(root, c, f), i)
            for i, c in enumerate(self.classes)
            for f in sorted(os.listdir(os.path.join(root, c)))
            if f.lower().endswith((".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"))
        ]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        path, label = self.samples[i]
        mode = "L" if self.channels == 1 else "RGB"
        image = self.Image.open(path).convert(mode).resize((self.width, self.height))
        pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
        pixels = pixels.reshape(self.height, self.width, self.channels).permute(2, 0, 1)
        return pixels.float() / 255, torch.tensor(label)


def make_dataset(kind, root, train):
    if kind == "mnist":
        return MNIST(root, train)
    if kind == "cifar10":
        return CIFAR10(root, train)
    return ImageFolder(os.path.join(root, "train" if train else "test"), INPUT_SHAPE)
`;
