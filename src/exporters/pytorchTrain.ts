// train.py: continues training the exported Net on MNIST, CIFAR-10 or a class-per-folder image set, on one
// machine or many. Under `torchrun --nproc_per_node=N` (which sets WORLD_SIZE, RANK, LOCAL_RANK) it wraps
// the model in DistributedDataParallel (NCCL on GPUs, gloo on CPUs) and gives each process its share of the
// data through a DistributedSampler; started plainly, it is one process. The dataset classes follow
// torchvision's (MNIST's IDX files, CIFAR-10's binary batches, ImageFolder) but need only torch, since
// Debian's python3-torch comes without torchvision; images in folders need Pillow.
import type { HyperParams, OptimizerName } from '../train/api/protocol';
import { pyFloat } from './pythonNames';

export interface TrainPyOptions {
  readonly dataset: 'mnist' | 'cifar10' | 'folder';
  readonly hyper: HyperParams;
}

function optimizerLine(name: OptimizerName, momentum: number): string {
  switch (name) {
    case 'sgd': return 'torch.optim.SGD(groups, lr=args.lr)';
    case 'momentum': return `torch.optim.SGD(groups, lr=args.lr, momentum=${pyFloat(momentum)})`;
    case 'nesterov': return `torch.optim.SGD(groups, lr=args.lr, momentum=${pyFloat(momentum)}, nesterov=True)`;
    case 'adam': return 'torch.optim.Adam(groups, lr=args.lr)';
    case 'rmsprop': return `torch.optim.RMSprop(groups, lr=args.lr, momentum=${pyFloat(momentum)})`;
    case 'adadelta': return 'torch.optim.Adadelta(groups, lr=args.lr)';
    case 'adagrad': return 'torch.optim.Adagrad(groups, lr=args.lr)';
  }
}

export function pytorchTrainPy({ dataset, hyper }: TrainPyOptions): string {
  return `"""Continue training the network from CNN Playground, on one machine or many.

    python3 train.py --data ${dataset} --data-dir DATA
    torchrun --nproc_per_node=4 train.py --data ${dataset} --data-dir DATA      # 4 processes (GPUs or CPU cores)
    torchrun --nnodes=2 --nproc_per_node=8 --rdzv-endpoint=HOST:29400 train.py ...  # two machines

--data mnist:   DATA holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... (optionally .gz)
--data cifar10: DATA holds the binary version's data_batch_1.bin ... data_batch_5.bin and test_batch.bin
--data folder:  DATA/train/<class>/*.png|jpg and DATA/test/<class>/*.png|jpg (needs Pillow)
Starts from weights.safetensors (the playground's trained weights) when it is there; --weights "" starts fresh.
Written without torchvision (Debian's python3-torch has none); the datasets follow torchvision's classes.
"""
import argparse
import gzip
import os
import struct

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import DataLoader, Dataset, DistributedSampler, Subset

from model import INPUT_SHAPE, Net, load_weights


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=["mnist", "cifar10", "folder"], default="${dataset}")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--weights", default="weights.safetensors", help='start from these weights ("" = fresh)')
    parser.add_argument("--epochs", type=int, default=${hyper.epochs})
    parser.add_argument("--batch-size", type=int, default=${hyper.batchSize}, help="per process")
    parser.add_argument("--lr", type=float, default=${pyFloat(hyper.learningRate)})
    parser.add_argument("--weight-decay", type=float, default=${pyFloat(hyper.weightDecay)}, help="L2 on weights, not biases")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training / test images (0 = all)")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after N steps (0 = run every epoch)")
    parser.add_argument("--seed", type=int, default=${hyper.seed})
    parser.add_argument("--out", default="trained.pt", help="where rank 0 saves the state_dict")
    args = parser.parse_args()

    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank = dist.get_rank() if distributed else 0
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    if rank == 0:
        world = dist.get_world_size() if distributed else 1
        print(f"training on {world} process(es), {device.type}", flush=True)

    model = Net()
    if args.weights and os.path.exists(args.weights):
        load_weights(model, args.weights)
        if rank == 0:
            print(f"started from {args.weights}")
    model.to(device)
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if device.type == "cuda" else None)

    train_set = make_dataset(args.data, args.data_dir, True)
    test_set = make_dataset(args.data, args.data_dir, False)
    if args.limit:
        train_set = Subset(train_set, range(min(args.limit, len(train_set))))
        test_set = Subset(test_set, range(min(args.limit, len(test_set))))
    sampler = DistributedSampler(train_set, seed=args.seed) if distributed else None
    loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler)

    decay = [p for p in model.parameters() if p.dim() > 1]
    other = [p for p in model.parameters() if p.dim() <= 1]
    groups = [{"params": decay, "weight_decay": args.weight_decay}, {"params": other, "weight_decay": 0.0}]
    optimizer = ${optimizerLine(hyper.optimizer, hyper.momentum)}
    loss_fn = nn.CrossEntropyLoss()

    step = 0
    for epoch in range(1, args.epochs + 1):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            step += 1
            if rank == 0 and step % 50 == 1:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f}", flush=True)
            if args.max_steps and step >= args.max_steps:
                break
        if rank == 0:
            plain = model.module if distributed else model
            print(f"epoch {epoch} test accuracy {evaluate(plain, test_set, device):.4f}", flush=True)
        if args.max_steps and step >= args.max_steps:
            break

    if rank == 0:
        plain = model.module if distributed else model
        torch.save(plain.state_dict(), args.out)
        print(f"saved {args.out} after {step} steps")
    if distributed:
        dist.destroy_process_group()


@torch.no_grad()
def evaluate(model, test_set, device):
    model.eval()
    correct = 0
    for x, y in DataLoader(test_set, batch_size=256):
        correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
    return correct / max(len(test_set), 1)


if __name__ == "__main__":
    main()
`;
}
