#!/usr/bin/python3
"""Writes the TorchScript models msde4j's embedding tests and benchmark use.

  scripts/dev/make-test-torchscript.py tiny OUT.pt       the committed test fixture (a few KB)
  scripts/dev/make-test-torchscript.py resnet18 OUT.pt   a ResNet-18-sized model for the benchmark (~45 MB, not committed)

Uses Debian's python3-torch (PyTorch 1.13), installed with apt-get when missing. Weights are
random with a fixed seed: the tests check shapes, determinism and preprocessing, not accuracy.

tiny: input (B, 3, H, W) -> output (B, 7): the first 3 values are the per-channel means of the
input (so a test can check the preprocessing maths exactly), the last 4 are the spatial means of
relu(conv3x3(x)) with seeded weights (a real convolution, so the output depends on the pixels).

resnet18: torchvision's ResNet-18 layout (BasicBlock, [2, 2, 2, 2], 64..512 channels) with the
classifier removed: input (B, 3, 224, 224) -> output (B, 512), global average pooled.
"""
import os
import subprocess
import sys

try:
    import torch
except ImportError:
    if os.geteuid() != 0:
        sys.exit("python3-torch is missing: run 'apt-get install python3-torch' as root, then rerun.")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "python3-torch"], check=True)
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

from torch import nn


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, kernel_size=3, padding=1)

    def forward(self, x):
        means = x.mean(dim=(2, 3))
        features = torch.relu(self.conv(x)).mean(dim=(2, 3))
        return torch.cat([means, features], dim=1)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        shortcut = x if self.down is None else self.down(x)
        return torch.relu(y + shortcut)


class ResNet18Features(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                                  nn.MaxPool2d(3, 2, 1))
        layers = []
        cin = 64
        for cout, stride in [(64, 1), (128, 2), (256, 2), (512, 2)]:
            layers += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(self.stem(x)).mean(dim=(2, 3))


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("tiny", "resnet18"):
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(20260419)
    model = Tiny() if kind == "tiny" else ResNet18Features()
    model.eval()
    scripted = torch.jit.script(model)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    scripted.save(out)
    with torch.no_grad():
        probe = torch.linspace(0, 1, 3 * 8 * 8).reshape(1, 3, 8, 8)
        print(kind, "->", out, "output for a linspace probe:", scripted(probe)[0, :7].tolist())


if __name__ == "__main__":
    main()
