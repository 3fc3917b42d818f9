// train.py: continues training the exported Net on MNIST, CIFAR-10 or a class-per-folder image set, the way
// the playground trained it (pytorchTrainParts.ts has the ported recipe), on one machine or many. Under
// `torchrun --nproc_per_node=N` (which sets WORLD_SIZE, RANK, LOCAL_RANK) it wraps the model in
// DistributedDataParallel (NCCL on GPUs, gloo on CPUs); every process draws the same global batch and trains
// on its own share of it, as the playground's workers do, so N processes follow the one-process run.
import type { HyperParams, LrSchedule, OptimizerName } from '../train/api/protocol';
import { MAX_BN_GROUPS, MIN_BN_GROUP } from '../train/api/virtualShards';
import { pyFloat, pyInt } from './pythonNames';
import { BLOCK_TRAINING_FUNCTIONS, blockTrainingLiteral } from './pythonBlockTraining';

export { blockTrainingByModule } from './pythonBlockTraining';
import { PY_APP_RECIPE, PY_DATASETS } from './pytorchTrainParts';

export interface TrainPyOptions {
  readonly dataset: 'mnist' | 'cifar10' | 'folder';
  readonly hyper: HyperParams;
  /** The share of the training split the run held out for validation (0 or absent: none). */
  readonly validationFraction?: number;
  /**
   * Blocks that are frozen (0) or train with their own learning-rate multiplier, by Python module name
   * (pythonBlockNames; blockTrainingByModule builds it from the spec). Absent: every block trains at the rate.
   */
  readonly blockTraining?: ReadonlyMap<string, number>;
}

// The app's optimizers (src/train/optimizers.ts) with its constants: TensorFlow.js's epsilon 1e-7, Adadelta's
// rho 0.95, Adagrad's starting accumulator 0.1; RMSprop has no momentum there.
const OPTIMIZERS: Record<OptimizerName, string> = {
  sgd: 'torch.optim.SGD(groups, lr=lr)',
  momentum: 'torch.optim.SGD(groups, lr=lr, momentum=args.momentum)',
  nesterov: 'torch.optim.SGD(groups, lr=lr, momentum=args.momentum, nesterov=True)',
  adam: 'torch.optim.Adam(groups, lr=lr, eps=1e-7)',
  rmsprop: 'TfjsRMSprop(groups, lr=lr, rho=0.9, eps=1e-7)',
  adadelta: 'torch.optim.Adadelta(groups, lr=lr, rho=0.95, eps=1e-7)',
  adagrad: 'torch.optim.Adagrad(groups, lr=lr, initial_accumulator_value=0.1)',
};

function scheduleLiteral(s: LrSchedule): string {
  switch (s.kind) {
    case 'constant': return '{"kind": "constant"}';
    case 'step': return `{"kind": "step", "every_epochs": ${pyInt(s.everyEpochs)}, "factor": ${pyFloat(s.factor)}}`;
    case 'cosine': return `{"kind": "cosine", "min_factor": ${pyFloat(s.minFactor)}}`;
  }
}

const optimizerFunction = `${BLOCK_TRAINING_FUNCTIONS}


def make_optimizer(name, model, lr, args):
    groups = parameter_groups(model, lr, args.weight_decay)
${Object.entries(OPTIMIZERS).map(([name, line]) => `    if name == "${name}":\n        return ${line}`).join('\n')}
    raise ValueError(name)`;

export function pytorchTrainPy({ dataset, hyper, validationFraction = 0, blockTraining = new Map() }: TrainPyOptions): string {
  const optimizer = Object.keys(OPTIMIZERS).includes(hyper.optimizer) ? hyper.optimizer : 'adam';
  return `"""Continue training the network from CNN Playground the way the playground trained it, on one machine or many.

    python3 train.py --data ${dataset} --data-dir DATA
    torchrun --nproc_per_node=4 train.py --data ${dataset} --data-dir DATA      # 4 processes (GPUs or CPU cores)
    torchrun --nnodes=2 --nproc_per_node=8 --rdzv-endpoint=HOST:29400 train.py ...  # two machines
    (Debian 12's torchrun also needs --redirects 1 --tee 1)

--data mnist:   DATA holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... (optionally .gz)
--data cifar10: DATA holds the binary version's data_batch_1.bin ... data_batch_5.bin and test_batch.bin
--data folder:  DATA/train/<class>/*.png|jpg and DATA/test/<class>/*.png|jpg (needs Pillow)
Starts from weights.safetensors (the playground's trained weights) when it is there; --weights "" starts fresh.
The optimizer, learning-rate schedule, augmentation, validation split and example order are the playground's:
with the same data, seed and starting weights, the losses are the playground's. --batch-size is the whole
batch of a step; under torchrun each process trains on its share of it.
Written without torchvision (Debian's python3-torch has none); the datasets follow torchvision's classes.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys

import torch
import torch.distributed as dist
from torch import nn
from torch.utils.data import Dataset, Subset

from model import INPUT_SHAPE, Net, load_weights

SCHEDULE = ${scheduleLiteral(hyper.schedule)}
# The playground's per-block training: module name -> learning-rate multiplier (0 = frozen); others train at 1.
BLOCK_TRAINING = ${blockTrainingLiteral(blockTraining)}
AUGMENT = {"flip": ${hyper.augmentation.flip ? 'True' : 'False'}, "shift": ${pyInt(hyper.augmentation.shift)}}
# Batch norm takes its statistics per virtual shard of at least MIN_BN_GROUP examples (at most MAX_BN_GROUPS).
MIN_BN_GROUP = ${pyInt(MIN_BN_GROUP)}
MAX_BN_GROUPS = ${pyInt(MAX_BN_GROUPS)}


${PY_DATASETS}
${PY_APP_RECIPE}

${optimizerFunction}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", choices=["mnist", "cifar10", "folder"], default="${dataset}")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--weights", default="weights.safetensors", help='start from these weights ("" = fresh)')
    parser.add_argument("--optimizer", choices=${JSON.stringify(Object.keys(OPTIMIZERS))}, default="${optimizer}")
    parser.add_argument("--epochs", type=int, default=${pyInt(hyper.epochs)})
    parser.add_argument("--batch-size", type=int, default=${pyInt(hyper.batchSize)}, help="the whole batch of a step, over all processes")
    parser.add_argument("--lr", type=float, default=${pyFloat(hyper.learningRate)}, help="the base rate; the schedule scales it")
    parser.add_argument("--momentum", type=float, default=${pyFloat(hyper.momentum)}, help="for momentum and nesterov")
    parser.add_argument("--weight-decay", type=float, default=${pyFloat(hyper.weightDecay)}, help="L2 on weights, not biases")
    parser.add_argument("--validation", type=float, default=${pyFloat(validationFraction)}, help="share of the training split held out")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N training / test images (0 = all)")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after N steps (0 = run every epoch)")
    parser.add_argument("--seed", type=int, default=${pyInt(hyper.seed)})
    parser.add_argument("--log-every", type=int, default=50, help="print the loss every N steps")
    parser.add_argument("--losses", default="", help="write every step's loss to this JSON file")
    parser.add_argument("--out", default="trained.pt", help="where rank 0 saves the state_dict")
    return parser.parse_args(argv)


def batch_of(dataset, indices):
    items = [dataset[i] for i in indices]
    return torch.stack([x for x, _ in items]), torch.stack([torch.as_tensor(y) for _, y in items]).long()


def train_step(model, grouping, optimizer, x, y, shares, rank, world, device):
    """One step on this process's share of the batch; returns the whole batch's mean loss."""
    n = x.shape[0]
    at = sum(sum(s) for s in shares[:rank])
    mine = shares[rank]
    count = sum(mine)
    # A process with no share this step still joins the gradient exchange, with nothing to add.
    xs, ys = (x[at : at + count], y[at : at + count]) if count else (x[:1], y[:1])
    grouping.sizes = mine if count else None
    optimizer.zero_grad()
    total = nn.functional.cross_entropy(model(xs.to(device)), ys.to(device), reduction="sum")
    if not count:
        total = total * 0.0
    # DistributedDataParallel averages the processes' gradients: scaled so that the average is the batch mean's.
    (total * (world / n)).backward()
    optimizer.step()
    total = total.detach()
    if world > 1:
        dist.all_reduce(total)
    return total.item() / n


def main(argv=None):
    args = parse_args(argv)
    distributed = int(os.environ.get("WORLD_SIZE", "1")) > 1
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if distributed and torch.cuda.is_available():
        torch.cuda.set_device(local_rank)
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    # Each process draws its own dropout masks; the data order comes from the seed alone (shuffled_indices).
    torch.manual_seed(args.seed + rank)
    if rank == 0:
        print(f"training on {world} process(es), {device.type}", flush=True)

    model = Net()
    if args.weights and os.path.exists(args.weights):
        load_weights(model, args.weights)
        if rank == 0:
            print(f"started from {args.weights}")
    freeze_blocks(model)
    model.to(device)
    grouping = BatchNormGroups(model)
    has_batch_norm = any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in model.modules())
    plain = model
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if device.type == "cuda" else None)

    train_set = make_dataset(args.data, args.data_dir, True)
    test_set = make_dataset(args.data, args.data_dir, False)
    if args.limit:
        train_set = Subset(train_set, range(min(args.limit, len(train_set))))
        test_set = Subset(test_set, range(min(args.limit, len(test_set))))
    kept, held = split_validation(len(train_set), args.validation, args.seed)
    validation_set = Subset(train_set, held) if held else None
    train_set = Subset(train_set, kept)

    optimizer = make_optimizer(args.optimizer, plain, args.lr, args)
    losses = []
    step = 0
    steps_in_epoch = math.ceil(len(train_set) / args.batch_size)
    for epoch in range(1, args.epochs + 1):
        order = shuffled_indices(len(train_set), args.seed, epoch)
        model.train()
        for start in range(0, len(order), args.batch_size):
            step += 1
            x, y = batch_of(train_set, order[start : start + args.batch_size])
            augment(x, args.seed, epoch, step)
            rate = args.lr * schedule_factor(epoch, args.epochs, start // args.batch_size + 1, steps_in_epoch)
            for group in optimizer.param_groups:
                group["lr"] = rate * group["lr_scale"]
            shares = step_shares(x.shape[0], args.batch_size, world, has_batch_norm)
            loss = train_step(model, grouping, optimizer, x, y, shares, rank, world, device)
            losses.append(loss)
            if rank == 0 and (step % args.log_every == 1 or args.log_every == 1):
                print(f"epoch {epoch} step {step} loss {loss:.4f}", flush=True)
            if args.max_steps and step >= args.max_steps:
                break
        if rank == 0:
            if validation_set is not None:
                print(f"epoch {epoch} validation accuracy {evaluate(plain, validation_set, device):.4f}", flush=True)
            print(f"epoch {epoch} test accuracy {evaluate(plain, test_set, device):.4f}", flush=True)
        if args.max_steps and step >= args.max_steps:
            break

    if distributed:
        # Every process applied the same averaged gradients: their weights must agree.
        worst = torch.zeros((), device=device)
        for p in plain.parameters():
            reference = p.detach().clone()
            dist.broadcast(reference, 0)
            worst = torch.maximum(worst, (p.detach() - reference).abs().max())
        dist.all_reduce(worst, op=dist.ReduceOp.MAX)
        if rank == 0:
            print(f"weights of the {world} processes agree to {worst.item():.3g}", flush=True)
    if rank == 0:
        if args.losses:
            with open(args.losses, "w") as f:
                json.dump(losses, f)
        torch.save(plain.state_dict(), args.out)
        print(f"saved {args.out} after {step} steps")
    if distributed:
        # Every process leaves together, once process 0 has saved. Then it leaves at once: torch 1.13 can
        # deadlock tearing down a gloo process group (its destructor joins a thread that waits for the
        # interpreter lock the destructor holds), which left torchrun waiting forever about one run in five.
        dist.barrier()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


@torch.no_grad()
def evaluate(model, dataset, device):
    model.eval()
    correct = 0
    for start in range(0, len(dataset), 256):
        x, y = batch_of(dataset, range(start, min(start + 256, len(dataset))))
        correct += (model(x.to(device)).argmax(1) == y.to(device)).sum().item()
    model.train()
    return correct / max(len(dataset), 1)


if __name__ == "__main__":
    main()
`;
}
