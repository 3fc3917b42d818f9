// The Python of the notebook's code cells. Everything the app decided (dataset, optimizer and its
// constants, schedule, augmentation, batch size, seed) is written as a plain constant in the settings cell;
// the other cells read those constants only, so a student edits one place. User text (the project name,
// class names of an own image set, the app's run) reaches Python only through pyString literals.
import { BLOCK_TRAINING_FUNCTIONS, blockTrainingLiteral } from './pythonBlockTraining';
import type { HyperParams, OptimizerName } from '../train/api/protocol';
import { pyFloat, pyString } from './pythonNames';

export interface NotebookSettings {
  readonly dataset: 'mnist' | 'cifar10' | 'folder';
  readonly hyper: HyperParams;
  readonly classNames: readonly string[];
}

/** The optimizer with the app's constants (tfjs 4.22's and ours, see src/train/optimizers.ts). */
function optimizerCode(name: OptimizerName): string {
  switch (name) {
    case 'sgd': return 'torch.optim.SGD(groups, lr=LEARNING_RATE)';
    case 'momentum': return 'torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM)';
    case 'nesterov': return 'torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=True)';
    case 'adam': return 'torch.optim.Adam(groups, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-7)';
    case 'rmsprop': return 'torch.optim.RMSprop(groups, lr=LEARNING_RATE, alpha=0.9, eps=1e-7)  # rho 0.9, no momentum';
    case 'adadelta': return 'torch.optim.Adadelta(groups, lr=LEARNING_RATE, rho=0.95, eps=1e-7)';
    case 'adagrad': return 'torch.optim.Adagrad(groups, lr=LEARNING_RATE, initial_accumulator_value=0.1, eps=1e-7)';
  }
}

function scheduleLiteral(hyper: HyperParams): string {
  const s = hyper.schedule;
  if (s.kind === 'step') return `{"kind": "step", "every_epochs": ${s.everyEpochs}, "factor": ${pyFloat(s.factor)}}`;
  if (s.kind === 'cosine') return `{"kind": "cosine", "min_factor": ${pyFloat(s.minFactor)}}`;
  return '{"kind": "constant"}';
}

export function settingsCode({ dataset, hyper, classNames }: NotebookSettings, title: string, appRunJson: string): string {
  return `import json
import math
import os

TITLE = ${pyString(title)}
DATASET = ${pyString(dataset)}  # "mnist", "cifar10" or "folder"
DATA_DIR = "data"  # torchvision downloads MNIST / CIFAR-10 here; for "folder": DATA_DIR/train/<class>/..., DATA_DIR/test/<class>/...
CLASS_NAMES = [${classNames.map(pyString).join(', ')}]
WEIGHTS = "weights.safetensors"  # the app's trained weights ("" = start from fresh weights)

OPTIMIZER = ${pyString(hyper.optimizer)}
LEARNING_RATE = ${pyFloat(hyper.learningRate)}
MOMENTUM = ${pyFloat(hyper.momentum)}
WEIGHT_DECAY = ${pyFloat(hyper.weightDecay)}  # L2 on kernels (tensors of 2 or more dimensions), not biases
SCHEDULE = ${scheduleLiteral(hyper)}
AUGMENT = {"flip": ${hyper.augmentation.flip ? 'True' : 'False'}, "shift": ${hyper.augmentation.shift}}
BATCH_SIZE = ${hyper.batchSize}
EPOCHS = ${hyper.epochs}
SEED = ${hyper.seed}

# The app's run: per-step loss and accuracy, and each epoch's test results (None when not trained there).
APP_RUN = json.loads(${pyString(appRunJson)})
`;
}

export const DATA_CODE = `import torch
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms

torch.manual_seed(SEED)
channels, height, width = INPUT_SHAPE
to_tensor = transforms.ToTensor()  # pixel values in [0, 1], channels first, as in the app


def load(train):
    if DATASET == "mnist":
        return torchvision.datasets.MNIST(DATA_DIR, train=train, download=True, transform=to_tensor)
    if DATASET == "cifar10":
        return torchvision.datasets.CIFAR10(DATA_DIR, train=train, download=True, transform=to_tensor)
    resize = [transforms.Grayscale()] if channels == 1 else [transforms.Lambda(lambda im: im.convert("RGB"))]
    folder = os.path.join(DATA_DIR, "train" if train else "test")
    return torchvision.datasets.ImageFolder(folder, transforms.Compose(resize + [transforms.Resize((height, width)), to_tensor]))


train_set, test_set = load(True), load(False)
train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True, generator=torch.Generator().manual_seed(SEED))
test_loader = DataLoader(test_set, batch_size=256)
print(f"{len(train_set)} training and {len(test_set)} test images of {channels}x{height}x{width}")
`;

export const MODEL_LOAD_CODE = `net = Net()
if WEIGHTS:
    load_weights(net, WEIGHTS)
trainable = sum(p.numel() for p in net.parameters())
print(f"{trainable} trainable parameters" + (f", weights from {WEIGHTS}" if WEIGHTS else ", fresh weights"))


@torch.no_grad()
def evaluate(model, loader):
    """Mean loss and accuracy over a whole data set, in eval mode (dropout off, batch norm's running statistics)."""
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    for x, y in loader:
        logits = model(x)
        loss_sum += torch.nn.functional.cross_entropy(logits, y, reduction="sum").item()
        correct += (logits.argmax(1) == y).sum().item()
        count += len(y)
    return loss_sum / max(count, 1), correct / max(count, 1)


net.eval()
with torch.no_grad():
    first_x = torch.stack([test_set[i][0] for i in range(min(100, len(test_set)))])
    first_predictions = net.predict_proba(first_x)
for i, p in enumerate(first_predictions[:5]):
    print(f"test image {i}: {CLASS_NAMES[int(p.argmax())]} ({float(p.max()):.1%})")
before = evaluate(net, test_loader)
print(f"before training here: test loss {before[0]:.4f}, accuracy {before[1]:.2%}")
`;

export function trainingCode(optimizer: OptimizerName, blockTraining: ReadonlyMap<string, number> = new Map()): string {
  return `def schedule_factor(epoch, step_in_epoch, steps_in_epoch):
    """The app's learning-rate schedule: a factor on LEARNING_RATE (epochs and steps count from 1)."""
    if SCHEDULE["kind"] == "step":
        return SCHEDULE["factor"] ** ((epoch - 1) // SCHEDULE["every_epochs"])
    if SCHEDULE["kind"] == "cosine":
        total = EPOCHS * steps_in_epoch
        index = (epoch - 1) * steps_in_epoch + (step_in_epoch - 1)
        progress = min(1.0, index / (total - 1)) if total > 1 else 0.0
        return SCHEDULE["min_factor"] + (1 - SCHEDULE["min_factor"]) * 0.5 * (1 + math.cos(math.pi * progress))
    return 1.0


def augment(x, generator):
    """The app's augmentation: mirror left-right with probability 1/2, shift by up to AUGMENT["shift"] pixels (zero fill)."""
    out = x.clone()
    s = AUGMENT["shift"]
    for k in range(len(x)):
        flip = torch.rand(1, generator=generator).item() < 0.5
        dy, dx = (torch.randint(-s, s + 1, (2,), generator=generator) if s > 0 else torch.zeros(2, dtype=torch.long)).tolist()
        image = x[k].flip(-1) if AUGMENT["flip"] and flip else x[k]
        shifted = torch.zeros_like(image)
        h, w = image.shape[-2:]
        shifted[:, max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = image[:, max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
        out[k] = shifted
    return out


# The app's per-block training: module name -> learning-rate multiplier (0 = frozen); others train at 1.
BLOCK_TRAINING = ${blockTrainingLiteral(blockTraining)}


${BLOCK_TRAINING_FUNCTIONS}


freeze_blocks(net)
groups = parameter_groups(net, LEARNING_RATE, WEIGHT_DECAY)
optimizer = ${optimizerCode(optimizer)}
loss_fn = torch.nn.CrossEntropyLoss()
augment_random = torch.Generator().manual_seed(SEED)
augmenting = AUGMENT["flip"] or AUGMENT["shift"] > 0

history = {"step": [], "loss": [], "accuracy": [], "epochs": []}
step = 0
for epoch in range(1, EPOCHS + 1):
    net.train()
    for step_in_epoch, (x, y) in enumerate(train_loader, 1):
        for group in optimizer.param_groups:
            group["lr"] = LEARNING_RATE * schedule_factor(epoch, step_in_epoch, len(train_loader)) * group["lr_scale"]
        if augmenting:
            x = augment(x, augment_random)
        optimizer.zero_grad()
        logits = net(x)
        loss = loss_fn(logits, y)
        loss.backward()
        optimizer.step()
        step += 1
        history["step"].append(step)
        history["loss"].append(loss.item())
        history["accuracy"].append((logits.argmax(1) == y).float().mean().item())
    test_loss, test_accuracy = evaluate(net, test_loader)
    history["epochs"].append({"epoch": epoch, "testLoss": test_loss, "testAccuracy": test_accuracy})
    print(f"epoch {epoch}: last batch loss {history['loss'][-1]:.4f}, test loss {test_loss:.4f}, test accuracy {test_accuracy:.2%}")
`;
}

export const PLOT_CODE = `def curve(values):
    return [math.nan if v is None else v for v in values]


app_steps = APP_RUN["step"] if APP_RUN else []
offset = app_steps[-1] if app_steps else 0  # the notebook's steps continue after the app's
if APP_RUN:
    for e in APP_RUN["epochs"]:
        print(f"app epoch {e['epoch']}: test loss {e['testLoss']:.4f}, test accuracy {e['testAccuracy']:.2%}")
for e in history["epochs"]:
    print(f"notebook epoch {e['epoch']}: test loss {e['testLoss']:.4f}, test accuracy {e['testAccuracy']:.2%}")
try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
    print("matplotlib is not installed: pip install matplotlib to see the curves")
if plt is not None:
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(11, 4))
    if APP_RUN:
        ax_loss.plot(app_steps, curve(APP_RUN["loss"]), label="app")
        ax_acc.plot(app_steps, curve(APP_RUN["accuracy"]), label="app")
    ax_loss.plot([offset + s for s in history["step"]], history["loss"], label="notebook")
    ax_acc.plot([offset + s for s in history["step"]], history["accuracy"], label="notebook")
    ax_loss.set(xlabel="step", ylabel="training loss")
    ax_acc.set(xlabel="step", ylabel="training batch accuracy")
    ax_loss.legend()
    ax_acc.legend()
    plt.show()
`;

export const SAVE_CODE = `torch.save(net.state_dict(), "trained.pt")
with open("notebook_run.json", "w") as f:
    json.dump({"title": TITLE, "before": {"testLoss": before[0], "testAccuracy": before[1]}, "history": history,
               "first_predictions": first_predictions.tolist()}, f)
print("saved trained.pt and notebook_run.json")
`;
